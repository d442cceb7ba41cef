import { SEED_TRUE_SKILL, type TrueSkillEnvironment } from "@judgelab/ratings";
import { applyGame, type Game, type MutableStandings, pairKey, type Standings } from "./tournament-standings.js";

/**
 * Standings advanced in place, round by round, for a caller that owns the whole log (a simulation): each round
 * costs its own matches and games, where {@link computeStandings} with `from` rebuilds the played pairs from the
 * whole plan and copies every pair's counts. After the same rounds the standings equal `computeStandings` over
 * the whole log (tested). The returned object is the same one every round and changes with the next round, so
 * only a caller that reads it before advancing again (plan, then play) may use this.
 */
export class StandingsAccumulator {
  readonly standings: MutableStandings;

  constructor(itemCount: number, parameters: TrueSkillEnvironment = SEED_TRUE_SKILL) {
    this.standings = {
      mu: new Float64Array(itemCount).fill(parameters.mu),
      sigma: new Float64Array(itemCount).fill(parameters.sigma),
      wins: new Int32Array(itemCount),
      losses: new Int32Array(itemCount),
      ties: new Int32Array(itemCount),
      matches: new Int32Array(itemCount),
      playedPairs: new Set<number>(),
      pairResults: new Map(),
      parameters,
    };
  }

  /** Adds one round: its planned matches (one per match, as `computeStandings` counts them) and its games in plan order. */
  addRound(matches: readonly (readonly [number, number])[], games: readonly Game[]): Standings {
    const { standings } = this;
    for (const [a, b] of matches) {
      standings.matches[a]!++;
      standings.matches[b]!++;
      standings.playedPairs.add(pairKey(a, b));
    }
    for (const game of games) applyGame(standings, game);
    return standings;
  }
}
