import type { ComparisonTable } from "@judgelab/datasets";
import { type PairUnits, sortRowsByUnitAndJudge, UnitLabel } from "../pair-units.js";

/**
 * Valid votes per (unit, judge) as label counts, stored flat: for unit u, judges
 * `judges[offsets[u] .. offsets[u+1])` with counts `counts[3·slot + label]` (labels: low wins, high wins,
 * tie; invalid votes are left out). Built once from the sorted row index; no per-row objects.
 */
export interface UnitVotes {
  readonly units: number;
  readonly offsets: Int32Array;
  readonly judges: Int32Array;
  readonly counts: Uint32Array;
}

/** Groups valid votes by unit and judge. */
export function collectUnitVotes(table: ComparisonTable, units: PairUnits): UnitVotes {
  const order = sortRowsByUnitAndJudge(table, units);
  const offsets = new Int32Array(units.count + 1);
  const judges: number[] = [];
  const counts: number[] = [];
  let previousUnit = -1;
  let previousJudge = -1;
  for (const row of order) {
    const label = units.label[row]!;
    if (label === UnitLabel.invalid) continue;
    const unit = units.unit[row]!;
    const judge = table.judge[row]!;
    if (unit !== previousUnit || judge !== previousJudge) {
      for (let u = previousUnit + 1; u <= unit; u++) offsets[u] = judges.length;
      judges.push(judge);
      counts.push(0, 0, 0);
      previousUnit = unit;
      previousJudge = judge;
    }
    counts[counts.length - 3 + label]!++;
  }
  for (let u = previousUnit + 1; u <= units.count; u++) offsets[u] = judges.length;
  return { units: units.count, offsets, judges: Int32Array.from(judges), counts: Uint32Array.from(counts) };
}

/**
 * Modal label of a judge's votes on a unit on the ordinal scale (0 = low wins, 1 = tie, 2 = high wins):
 * the most frequent label; a tie for the most frequent between the two win labels counts as a tie.
 */
export function modalOrdinalLabel(lowWins: number, highWins: number, ties: number): number {
  if (ties >= lowWins && ties >= highWins) return 1;
  if (lowWins === highWins) return 1;
  return lowWins > highWins ? 0 : 2;
}
