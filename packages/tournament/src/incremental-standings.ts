import type { RunState } from "./run-state.js";
import { gameOf, plannedMatches, standingsFromState } from "./standings-from-state.js";
import type { TournamentItems } from "./tournament-items.js";
import { computeStandings, type Game, type Standings } from "./tournament-standings.js";

/**
 * Standings kept up to date between rounds: each call applies only the games recorded since the previous call
 * (TrueSkill updates in plan order, continuing from the previous ratings; items appended since — a growing
 * tournament — start at the prior). It equals a full replay of the log ({@link standingsFromState}) whenever the
 * verdicts seen before are still the first ones in plan order and the item list only grew at its end; otherwise
 * (a retried comparison of an earlier round recorded late, a different item list) it replays in full.
 */
export class IncrementalStandings {
  private standings: Standings | undefined;
  /** Comparison ids of the games applied, in plan order. */
  private applied: string[] = [];
  private itemIds: readonly string[] = [];
  /** Full replays and incremental updates done (for tests and progress). */
  readonly counts = { full: 0, incremental: 0 };

  update(state: RunState, items: TournamentItems): Standings {
    const results = state.recordedInPlanOrder();
    const previous = this.standings;
    if (previous === undefined || !this.continues(results, items)) {
      this.counts.full++;
      this.standings = standingsFromState(state, items);
      this.applied = results.map((result) => result.comparison.id);
      this.itemIds = items.ids;
      return this.standings;
    }
    this.counts.incremental++;
    const games: Game[] = [];
    for (let index = this.applied.length; index < results.length; index++) {
      const { comparison } = results[index]!;
      this.applied.push(comparison.id);
      const game = gameOf(comparison, items);
      if (game !== undefined) games.push(game);
    }
    this.itemIds = items.ids;
    this.standings = computeStandings({
      itemCount: items.ids.length,
      games,
      matches: plannedMatches(state, items),
      parameters: previous.parameters,
      from: previous,
    });
    return this.standings;
  }

  private continues(results: ReturnType<RunState["recordedInPlanOrder"]>, items: TournamentItems): boolean {
    if (items.ids.length < this.itemIds.length || results.length < this.applied.length) return false;
    for (let index = 0; index < this.itemIds.length; index++)
      if (items.ids[index] !== this.itemIds[index]) return false;
    for (let index = 0; index < this.applied.length; index++)
      if (results[index]!.comparison.id !== this.applied[index]) return false;
    return true;
  }
}
