/**
 * Standings that drive scheduling and stop rules, recomputed from the run log in plan order (never updated
 * incrementally by concurrent completions, so no update can be lost): TrueSkill μ and σ per item, wins, losses,
 * matches and the set of pairs already played.
 *
 * TrueSkill (Herbrich, Minka & Graepel 2006), two players, no draws, with the seed system's parameters
 * μ0 = 25, σ0 = 25/3, β = 25/6, τ = 25/300 (docs/METRICS.md). For a win of w over l:
 *   σ² ← σ² + τ² (dynamics), c² = 2β² + σ_w² + σ_l², t = (μ_w − μ_l)/c,
 *   v(t) = φ(t)/Φ(t), w(t) = v(t)·(v(t) + t),
 *   μ_w += σ_w²/c · v, μ_l −= σ_l²/c · v, σ_x² ← σ_x² · (1 − σ_x²/c² · w).
 * Ties carry no TrueSkill update here (the seed system forbids them; draw margins need a draw probability) but
 * count as matches. This small implementation only schedules; reported ratings come from `@judgelab/ratings`.
 */

/** TrueSkill parameters. */
export interface TrueSkillParameters {
  readonly mu: number;
  readonly sigma: number;
  readonly beta: number;
  readonly tau: number;
}

/** The seed system's TrueSkill parameters. */
export const SEED_TRUESKILL: TrueSkillParameters = { mu: 25, sigma: 25 / 3, beta: 25 / 6, tau: 25 / 300 };

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
  readonly parameters: TrueSkillParameters;
}

/** Key of an unordered pair of item indices (both below 2^26). */
export function pairKey(a: number, b: number): number {
  return a < b ? a * 67_108_864 + b : b * 67_108_864 + a;
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
  parameters?: TrueSkillParameters;
}): Standings {
  const { itemCount, games } = options;
  const parameters = options.parameters ?? SEED_TRUESKILL;
  const mu = new Float64Array(itemCount).fill(parameters.mu);
  const variance = new Float64Array(itemCount).fill(parameters.sigma ** 2);
  const wins = new Int32Array(itemCount);
  const losses = new Int32Array(itemCount);
  const ties = new Int32Array(itemCount);
  const matches = new Int32Array(itemCount);
  const playedPairs = new Set<number>();
  const tau2 = parameters.tau ** 2;
  const beta2 = parameters.beta ** 2;
  for (const [a, b] of options.matches) {
    matches[a]!++;
    matches[b]!++;
    playedPairs.add(pairKey(a, b));
  }
  for (const game of games) {
    if (game.score === 0.5) {
      ties[game.a]!++;
      ties[game.b]!++;
      continue;
    }
    const winner = game.score === 1 ? game.a : game.b;
    const loser = game.score === 1 ? game.b : game.a;
    wins[winner]!++;
    losses[loser]!++;
    const winnerVariance = variance[winner]! + tau2;
    const loserVariance = variance[loser]! + tau2;
    const c2 = 2 * beta2 + winnerVariance + loserVariance;
    const c = Math.sqrt(c2);
    const t = (mu[winner]! - mu[loser]!) / c;
    const v = truncatedGaussianV(t);
    const w = v * (v + t);
    mu[winner] = mu[winner]! + (winnerVariance / c) * v;
    mu[loser] = mu[loser]! - (loserVariance / c) * v;
    variance[winner] = winnerVariance * (1 - (winnerVariance / c2) * w);
    variance[loser] = loserVariance * (1 - (loserVariance / c2) * w);
  }
  const sigma = variance.map((value) => Math.sqrt(value));
  return { mu, sigma, wins, losses, ties, matches, playedPairs, parameters };
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

/** v(t) = φ(t)/Φ(t), computed as a ratio of erfc terms so that it stays finite for very negative t. */
function truncatedGaussianV(t: number): number {
  const denominator = 0.5 * erfc(-t / Math.SQRT2);
  if (denominator < 1e-300) return -t;
  return Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI) / denominator;
}

/** Complementary error function (Numerical Recipes `erfcc`, Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
