import { SEED_TRUE_SKILL, type TrueSkillEnvironment, updateTrueSkill } from "@judgelab/ratings";
/**
 * Standings that drive scheduling and stop rules, recomputed from the run log in plan order (never updated
 * incrementally by concurrent completions, so no update can be lost): TrueSkill μ and σ per item, wins, losses,
 * matches and the set of pairs already played.
 *
 * TrueSkill updates are `@judgelab/ratings`' `updateTrueSkill` with the seed system's environment (μ0 = 25,
 * σ0 = 25/3, β = 25/6, τ = 25/300, no draws; docs/metrics.md). Ties carry no TrueSkill update here (the seed system
 * forbids them, and a draw needs a draw probability) but count in W/L/T.
 */

/** One decided or tied comparison between two item indices, in plan order. */
export interface Game {
  readonly a: number;
  readonly b: number;
  /** 1: a won, 0: b won, 0.5: tie. */
  readonly score: 1 | 0 | 0.5;
}

/** Per-item standings. Arrays are indexed by item index. */
export interface Standings {
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  readonly wins: Int32Array;
  readonly losses: Int32Array;
  readonly ties: Int32Array;
  readonly matches: Int32Array;
  /** Unordered pairs already played, as `pairKey(a, b)`. */
  readonly playedPairs: ReadonlySet<number>;
  /**
   * Outcomes per unordered pair with at least one decided or tied game, keyed by `pairKey(a, b)`: the aggregated
   * counts a Bradley–Terry fit needs (the `target` scheduler refits on them every round).
   */
  readonly pairResults: ReadonlyMap<number, PairResult>;
  readonly parameters: TrueSkillEnvironment;
}

/** Games of one unordered pair: wins of the lower item index, wins of the higher one, ties. */
export interface PairResult {
  readonly lowerWins: number;
  readonly higherWins: number;
  readonly ties: number;
}

/** Key of an unordered pair of item indices (both below 2^26). */
export function pairKey(a: number, b: number): number {
  return a < b ? a * 67_108_864 + b : b * 67_108_864 + a;
}

/** The two item indices of a {@link pairKey}, the lower first. */
export function pairOfKey(key: number): [number, number] {
  return [Math.floor(key / 67_108_864), key % 67_108_864];
}

/**
 * Replays games (one per recorded comparison, in plan order) into ratings and W/L/T, and counts planned matches
 * (`matches`: one per match whatever its number of judges, orders or repetitions, failed or not; so a failing pair
 * is not planned again and an item's match count is a function of the plan alone).
 */
export function computeStandings(options: {
  itemCount: number;
  games: readonly Game[];
  matches: readonly (readonly [number, number])[];
  parameters?: TrueSkillEnvironment;
  /**
   * Standings the `games` continue (an incremental update, see `IncrementalStandings`): ratings and W/L/T start
   * from these (copied; items beyond their length start at the prior). `matches` is always the whole plan.
   */
  from?: Standings;
}): Standings {
  const { itemCount, games, from } = options;
  const environment = options.parameters ?? SEED_TRUE_SKILL;
  const start = <T extends Float64Array | Int32Array>(array: T, previous: T | undefined, fill: number): T => {
    array.fill(fill);
    if (previous !== undefined) array.set(previous.subarray(0, Math.min(previous.length, itemCount)));
    return array;
  };
  const mu = start(new Float64Array(itemCount), from?.mu, environment.mu);
  const sigma = start(new Float64Array(itemCount), from?.sigma, environment.sigma);
  const wins = start(new Int32Array(itemCount), from?.wins, 0);
  const losses = start(new Int32Array(itemCount), from?.losses, 0);
  const ties = start(new Int32Array(itemCount), from?.ties, 0);
  const matches = new Int32Array(itemCount);
  const playedPairs = new Set<number>();
  const pairResults = new Map<number, PairResult>(from?.pairResults ?? []);
  for (const [a, b] of options.matches) {
    matches[a]!++;
    matches[b]!++;
    playedPairs.add(pairKey(a, b));
  }
  const standings = { mu, sigma, wins, losses, ties, matches, playedPairs, pairResults, parameters: environment };
  for (const game of games) applyGame(standings, game);
  return standings;
}

/** {@link Standings} whose collections the owner may still change (while it builds or advances them). */
export interface MutableStandings extends Standings {
  readonly playedPairs: Set<number>;
  readonly pairResults: Map<number, PairResult>;
}

/**
 * Applies one game to standings in place: its pair's counts, W/L/T and, for a decided game, the TrueSkill update
 * of both items with the standings' environment (a tie carries no update, as documented above).
 */
export function applyGame(standings: MutableStandings, game: Game): void {
  const { mu, sigma, wins, losses, ties } = standings;
  recordPairResult(standings.pairResults, game);
  if (game.score === 0.5) {
    ties[game.a]!++;
    ties[game.b]!++;
    return;
  }
  const [a, b] = updateTrueSkill({
    a: { mu: mu[game.a]!, sigma: sigma[game.a]! },
    b: { mu: mu[game.b]!, sigma: sigma[game.b]! },
    outcome: game.score === 1 ? 0 : 1,
    environment: standings.parameters,
  });
  mu[game.a] = a.mu;
  sigma[game.a] = a.sigma;
  mu[game.b] = b.mu;
  sigma[game.b] = b.sigma;
  const winner = game.score === 1 ? game.a : game.b;
  wins[winner]!++;
  losses[winner === game.a ? game.b : game.a]!++;
}

/** Adds one game to its pair's counts (a new object, so standings this one continues stay unchanged). */
function recordPairResult(results: Map<number, PairResult>, game: Game): void {
  const key = pairKey(game.a, game.b);
  const previous = results.get(key) ?? { lowerWins: 0, higherWins: 0, ties: 0 };
  const lowerScore = game.a < game.b ? game.score : 1 - game.score;
  results.set(key, {
    lowerWins: previous.lowerWins + (lowerScore === 1 ? 1 : 0),
    higherWins: previous.higherWins + (lowerScore === 0 ? 1 : 0),
    ties: previous.ties + (lowerScore === 0.5 ? 1 : 0),
  });
}

/**
 * TrueSkill match quality of two items (the draw probability under the model), used to pick informative
 * opponents: q = sqrt(2β²/c²) · exp(−(μ_a − μ_b)²/(2c²)) with c² = 2β² + σ_a² + σ_b².
 */
export function matchQuality(standings: Standings, a: number, b: number): number {
  const beta2 = standings.parameters.beta ** 2;
  const c2 = 2 * beta2 + standings.sigma[a]! ** 2 + standings.sigma[b]! ** 2;
  const difference = standings.mu[a]! - standings.mu[b]!;
  return Math.sqrt((2 * beta2) / c2) * Math.exp(-(difference * difference) / (2 * c2));
}

/** Conservative score μ − 3σ (what the seed system ranks by). */
export function conservativeScore(standings: Standings, item: number): number {
  return standings.mu[item]! - 3 * standings.sigma[item]!;
}

/** The `k` items of a group with the highest conservative score μ − 3σ (ties: earlier in `group`). */
export function topItems(standings: Standings, group: readonly number[], k: number): number[] {
  return [...group]
    .map((item, position) => ({ item, position, score: conservativeScore(standings, item) }))
    .sort((x, y) => y.score - x.score || x.position - y.position)
    .slice(0, k)
    .map((entry) => entry.item);
}
