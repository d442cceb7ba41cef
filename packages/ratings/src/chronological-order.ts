import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/**
 * Row order for online methods (Elo, TrueSkill, Glicko-2, OpenSkill): by `time` (stable, so rows with equal
 * times keep their row order) when every row has a time, otherwise the row order as given. Mixing timed and
 * untimed rows has no defined order, so a partial time column is ignored rather than guessed at.
 */
export function chronologicalOrder(outcomes: PairwiseOutcomes): Int32Array {
  const order = new Int32Array(outcomes.size);
  for (let row = 0; row < outcomes.size; row++) order[row] = row;
  const time = outcomes.time;
  if (time === undefined) return order;
  for (let row = 0; row < outcomes.size; row++) if (Number.isNaN(time[row]!)) return order;
  return Int32Array.from(Array.from(order).sort((a, b) => time[a]! - time[b]! || a - b));
}

/**
 * Calls `visit(first, second, verdict)` for every valid row (verdict 0, 1 or 2) in `order` (default
 * {@link chronologicalOrder}); invalid rows are skipped. The replay loop of the online methods.
 */
export function replayValidRows(
  outcomes: PairwiseOutcomes,
  visit: (first: number, second: number, verdict: 0 | 1 | 2) => void,
  order: ArrayLike<number> = chronologicalOrder(outcomes),
): void {
  for (let position = 0; position < order.length; position++) {
    const row = order[position]!;
    const verdict = outcomes.verdict[row]!;
    if (verdict > 2) continue;
    visit(outcomes.first[row]!, outcomes.second[row]!, verdict as 0 | 1 | 2);
  }
}
