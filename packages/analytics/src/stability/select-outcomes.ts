import type { ComparisonTable } from "@judgelab/datasets";
import type { PairwiseOutcomes } from "@judgelab/ratings";

/**
 * The rows of `table` accepted by `keep` as {@link PairwiseOutcomes} for the rating core (typed-array copies;
 * rows comparing an item with itself are never passed on).
 */
export function selectOutcomes(table: ComparisonTable, keep: (row: number) => boolean): PairwiseOutcomes {
  const rows: number[] = [];
  for (let row = 0; row < table.size; row++) {
    if (table.first[row] !== table.second[row] && keep(row)) rows.push(row);
  }
  const pick = <T extends Int32Array | Uint8Array | Float64Array>(column: T, make: (n: number) => T): T => {
    const out = make(rows.length);
    rows.forEach((row, index) => {
      out[index] = column[row]!;
    });
    return out;
  };
  return {
    size: rows.length,
    itemIds: table.itemIds,
    judgeIds: table.judgeIds,
    first: pick(table.first, (n) => new Int32Array(n)),
    second: pick(table.second, (n) => new Int32Array(n)),
    verdict: pick(table.verdict, (n) => new Uint8Array(n)),
    orderKnown: pick(table.orderKnown, (n) => new Uint8Array(n)),
    judge: pick(table.judge, (n) => new Int32Array(n)),
    match: pick(table.match, (n) => new Int32Array(n)),
    time: pick(table.time, (n) => new Float64Array(n)),
  };
}
