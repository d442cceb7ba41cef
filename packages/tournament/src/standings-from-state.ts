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
    const game = gameOf(result.comparison, items);
    if (game !== undefined) games.push(game);
  }
  return computeStandings({ itemCount: items.ids.length, games, matches: plannedMatches(state, items) });
}

/** One entry per planned match (whatever its judges, orders or repetitions), as item indices, in plan order. */
export function plannedMatches(state: RunState, items: TournamentItems): [number, number][] {
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
  return matches;
}

/** A recorded comparison as a game between item indices; undefined for an invalid verdict or unknown items. */
export function gameOf(
  comparison: { readonly first: string; readonly second: string; readonly verdict: string },
  items: TournamentItems,
): Game | undefined {
  const a = items.index.get(comparison.first);
  const b = items.index.get(comparison.second);
  if (a === undefined || b === undefined || comparison.verdict === "invalid") return undefined;
  return { a, b, score: comparison.verdict === "first" ? 1 : comparison.verdict === "second" ? 0 : 0.5 };
}
