import type { ComparisonTable } from "@judgelab/datasets";
import type { PairUnits } from "./pair-units.js";

/**
 * Vote pairs of the same judge on the same unit in both presentation orders: for each (judge, unit,
 * repetition), the k-th row showing the low item first is paired with the k-th row showing it second
 * (rows in table order). Rows with unknown order are left out.
 */
export interface OrderPairs {
  readonly count: number;
  readonly judge: Int32Array;
  readonly unit: Int32Array;
  /** Row that showed the unit's low item first. */
  readonly lowFirstRow: Int32Array;
  /** Row that showed the unit's high item first. */
  readonly highFirstRow: Int32Array;
}

/** Builds the both-order vote pairs with one sort of the row index. */
export function collectOrderPairs(table: ComparisonTable, units: PairUnits): OrderPairs {
  const rows: number[] = [];
  for (let row = 0; row < table.size; row++) {
    if (units.unit[row]! >= 0 && table.orderKnown[row] === 1) rows.push(row);
  }
  const { judge, repetition } = table;
  const unit = units.unit;
  rows.sort((a, b) => judge[a]! - judge[b]! || unit[a]! - unit[b]! || repetition[a]! - repetition[b]! || a - b);
  const judges: number[] = [];
  const unitCodes: number[] = [];
  const lowFirstRows: number[] = [];
  const highFirstRows: number[] = [];
  const lowQueue: number[] = [];
  const highQueue: number[] = [];
  const flush = () => {
    const pairs = Math.min(lowQueue.length, highQueue.length);
    for (let index = 0; index < pairs; index++) {
      const low = lowQueue[index]!;
      judges.push(judge[low]!);
      unitCodes.push(unit[low]!);
      lowFirstRows.push(low);
      highFirstRows.push(highQueue[index]!);
    }
    lowQueue.length = 0;
    highQueue.length = 0;
  };
  let previous = -1;
  for (const row of rows) {
    if (
      previous >= 0 &&
      (judge[row] !== judge[previous] || unit[row] !== unit[previous] || repetition[row] !== repetition[previous])
    ) {
      flush();
    }
    (units.lowFirst[row] === 1 ? lowQueue : highQueue).push(row);
    previous = row;
  }
  flush();
  return {
    count: judges.length,
    judge: Int32Array.from(judges),
    unit: Int32Array.from(unitCodes),
    lowFirstRow: Int32Array.from(lowFirstRows),
    highFirstRow: Int32Array.from(highFirstRows),
  };
}
