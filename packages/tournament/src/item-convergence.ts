import { wilsonInterval } from "@judgelab/ratings";
import type { TournamentConfig } from "./tournament-config.js";
import { type Standings, topItems } from "./tournament-standings.js";

/** Stop-rule settings (the config's `stop` block). */
export type StopRules = TournamentConfig["stop"];

/**
 * Half-width of the Wilson 95% interval of a win rate, wins over decided matches (docs/metrics.md; `@judgelab/ratings`'
 * `wilsonInterval`, clipped to [0, 1]); 0.5 with no decided match.
 */
export function wilsonHalfWidth(wins: number, decided: number): number {
  if (decided === 0) return 0.5;
  const { lower, upper } = wilsonInterval({ successes: wins, trials: decided });
  return (upper - lower) / 2;
}

/**
 * Whether an item still needs matches under the seed system's stop rules:
 * - never beyond `hardMaxMatchesPerItem` (default 2 × `maxMatchesPerItem`), so every tournament ends;
 * - undefeated or winless items with at least one match keep playing (`keepPlayingUndefeated`);
 * - otherwise it has converged after `maxMatchesPerItem` matches, or once σ ≤ `sigma` (σ ≤ `topSigma` for the top
 *   `topK` of its category) and, when set, its Wilson half-width ≤ `wilsonHalfWidth`.
 */
export function needsMatches(options: {
  item: number;
  standings: Standings;
  stop: StopRules;
  inTop: boolean;
  /** Matches already planned for the item in the round being built. */
  plannedThisRound?: number;
}): boolean {
  const { item, standings, stop } = options;
  const played = standings.matches[item]! + (options.plannedThisRound ?? 0);
  if (played >= (stop.hardMaxMatchesPerItem ?? 2 * stop.maxMatchesPerItem)) return false;
  const wins = standings.wins[item]!;
  const losses = standings.losses[item]!;
  if (stop.keepPlayingUndefeated && wins + losses > 0 && (wins === 0 || losses === 0)) return true;
  if (played >= stop.maxMatchesPerItem) return false;
  const sigmaTarget = options.inTop ? Math.min(stop.topSigma, stop.sigma) : stop.sigma;
  if (standings.sigma[item]! > sigmaTarget) return true;
  if (stop.wilsonHalfWidth !== undefined && wilsonHalfWidth(wins, wins + losses) > stop.wilsonHalfWidth) return true;
  return false;
}

/** Whether an item may play one more match at all (below the hard cap). */
export function belowHardCap(standings: Standings, stop: StopRules, item: number, plannedThisRound: number): boolean {
  return standings.matches[item]! + plannedThisRound < (stop.hardMaxMatchesPerItem ?? 2 * stop.maxMatchesPerItem);
}

/** Items that still need matches under the stop rules (the top `topK` of each group use the tighter σ target). */
export function itemsNeedingMatches(options: {
  standings: Standings;
  groups: readonly (readonly number[])[];
  stop: StopRules;
  topK: number;
}): number[] {
  const needing: number[] = [];
  for (const group of options.groups) {
    const top = new Set(topItems(options.standings, group, options.topK));
    for (const item of group) {
      if (needsMatches({ item, standings: options.standings, stop: options.stop, inTop: top.has(item) }))
        needing.push(item);
    }
  }
  return needing;
}
