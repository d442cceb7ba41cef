import type { PlannedComparison } from "./run-records.js";
import { seededRandom } from "./seeded-random.js";

/** How the matches of a round become judge calls (the config's order, assignment and repetitions). */
export interface ExpandMatchesOptions {
  readonly round: number;
  readonly matches: readonly (readonly [number, number])[];
  readonly itemIds: readonly string[];
  readonly judgeIds: readonly string[];
  readonly order: "random" | "both" | "fixed";
  readonly assignment: "rotate" | "panel";
  readonly repetitions: number;
  readonly seed: number;
  /** Matches planned in earlier rounds: the rotation continues across rounds. */
  readonly matchOffset: number;
}

/**
 * Turns planned matches into comparisons with deterministic ids `r<round>m<index>.<judge>.<ab|ba>.<repetition>`:
 * - order `fixed` shows the planned first item first; `both` adds the swapped order; `random` flips a seeded coin
 *   per (match, judge), the same for all repetitions so that repetitions measure run-to-run stability;
 * - assignment `rotate` gives match number k (counted over the whole run) to judge k mod J, as the seed system
 *   does; `panel` asks every judge;
 * - each (order, judge) is asked `repetitions` times.
 */
export function expandMatches(options: ExpandMatchesOptions): PlannedComparison[] {
  const comparisons: PlannedComparison[] = [];
  options.matches.forEach(([a, b], index) => {
    const matchId = `r${options.round}m${index}`;
    const judges =
      options.assignment === "panel"
        ? options.judgeIds
        : [options.judgeIds[(options.matchOffset + index) % options.judgeIds.length]!];
    for (const judge of judges) {
      const orders: boolean[] =
        options.order === "both"
          ? [false, true]
          : options.order === "fixed"
            ? [false]
            : [seededRandom(options.seed, "order", matchId, judge).next() < 0.5];
      for (const swapped of orders) {
        const first = options.itemIds[swapped ? b : a]!;
        const second = options.itemIds[swapped ? a : b]!;
        for (let repetition = 0; repetition < options.repetitions; repetition++) {
          comparisons.push({
            id: `${matchId}.${judge}.${swapped ? "ba" : "ab"}.${repetition}`,
            matchId,
            round: options.round,
            first,
            second,
            judge,
            repetition,
          });
        }
      }
    }
  });
  return comparisons;
}
