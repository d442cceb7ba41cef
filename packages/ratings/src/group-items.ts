import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/** Outcomes re-expressed between groups of items, and what could not be. */
export interface GroupedOutcomes {
  readonly outcomes: PairwiseOutcomes;
  /** Rows whose two items fall in the same group (a group compared with itself); left out. */
  readonly sameGroupRows: number;
  /** Rows with an item that has no group; left out. */
  readonly ungroupedRows: number;
  /** Index in the input of each kept row (row k of `outcomes` is input row keptRows[k]). */
  readonly keptRows: Int32Array;
}

/**
 * Rates groups instead of single items: every item code is mapped to a group (e.g. answers to the model that
 * wrote them, as AlpacaEval and Chatbot Arena rate models from answer-level judgments). Rows comparing two
 * items of the same group, or an item without a group (code −1), cannot be expressed and are left out and
 * counted. Judge, order, match, time and preference columns are kept for the remaining rows.
 */
export function groupItems(
  outcomes: PairwiseOutcomes,
  grouping: { groupOf: Int32Array; groupIds: readonly string[] },
): GroupedOutcomes {
  const { groupOf, groupIds } = grouping;
  if (groupOf.length !== outcomes.itemIds.length) {
    throw new RangeError(`groupItems: groupOf has ${groupOf.length} entries for ${outcomes.itemIds.length} items`);
  }
  const keep: number[] = [];
  let sameGroupRows = 0;
  let ungroupedRows = 0;
  for (let row = 0; row < outcomes.size; row++) {
    const a = groupOf[outcomes.first[row]!]!;
    const b = groupOf[outcomes.second[row]!]!;
    if (a < 0 || b < 0) ungroupedRows++;
    else if (a === b) sameGroupRows++;
    else keep.push(row);
  }
  const pick = <T extends Int32Array | Uint8Array | Float64Array>(
    column: T | undefined,
    make: (n: number) => T,
    map?: (value: number) => number,
  ): T | undefined => {
    if (column === undefined) return undefined;
    const out = make(keep.length);
    keep.forEach((row, k) => {
      const value = column[row]!;
      out[k] = map === undefined ? value : map(value);
    });
    return out;
  };
  const toGroup = (item: number) => groupOf[item]!;
  const judge = pick(outcomes.judge, (n) => new Int32Array(n));
  const orderKnown = pick(outcomes.orderKnown, (n) => new Uint8Array(n));
  const match = pick(outcomes.match, (n) => new Int32Array(n));
  const time = pick(outcomes.time, (n) => new Float64Array(n));
  const preference = pick(outcomes.preference, (n) => new Float64Array(n));
  const grouped: PairwiseOutcomes = {
    size: keep.length,
    itemIds: groupIds,
    first: pick(outcomes.first, (n) => new Int32Array(n), toGroup) as Int32Array,
    second: pick(outcomes.second, (n) => new Int32Array(n), toGroup) as Int32Array,
    verdict: pick(outcomes.verdict, (n) => new Uint8Array(n)) as Uint8Array,
    ...(judge === undefined ? {} : { judge }),
    ...(outcomes.judgeIds === undefined ? {} : { judgeIds: outcomes.judgeIds }),
    ...(orderKnown === undefined ? {} : { orderKnown }),
    ...(match === undefined ? {} : { match }),
    ...(time === undefined ? {} : { time }),
    ...(preference === undefined ? {} : { preference }),
  };
  return { outcomes: grouped, sameGroupRows, ungroupedRows, keptRows: Int32Array.from(keep) };
}
