import type { RunState } from "./run-state.js";
import type { TournamentItems } from "./tournament-items.js";
import { computeStandings, type Game, type Standings } from "./tournament-standings.js";

/**
 * Standings recomputed from the whole log: games from recorded verdicts in plan order (so concurrent completions
 * cannot reorder or lose updates), match counts and played pairs from the logged plans.
 */
export function standingsFromState(state: RunState, items: TournamentItems): Standings {
  const games: Game[] = [];
  for (const result of state.recordedInPlanOrder()) {
    const { first, second, verdict } = result.comparison;
    const a = items.index.get(first);
    const b = items.index.get(second);
    if (a === undefined || b === undefined || verdict === "invalid") continue;
    games.push({ a, b, score: verdict === "first" ? 1 : verdict === "second" ? 0 : 0.5 });
  }
  const matches: [number, number][] = [];
  for (const round of state.rounds) {
    const seen = new Set<string>();
    for (const comparison of round ?? []) {
      if (seen.has(comparison.matchId)) continue;
      seen.add(comparison.matchId);
      const a = items.index.get(comparison.first);
      const b = items.index.get(comparison.second);
      if (a !== undefined && b !== undefined) matches.push([a, b]);
    }
  }
  return computeStandings({ itemCount: items.ids.length, games, matches });
}
