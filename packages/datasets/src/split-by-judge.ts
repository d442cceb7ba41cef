import type { ComparisonTable } from "./comparison-table.js";
import { selectRows } from "./select-rows.js";

/**
 * One table per judge, in the order of the judge dictionary, each with that judge's rows only and the same
 * dictionaries (item codes stay comparable; items the judge never compared are simply absent from its rows).
 */
export function splitByJudge(table: ComparisonTable): { judge: string; table: ComparisonTable }[] {
  return table.judgeIds.map((judge, code) => {
    const mask = new Uint8Array(table.size);
    for (let row = 0; row < table.size; row++) mask[row] = table.judge[row] === code ? 1 : 0;
    return { judge, table: selectRows(table, mask) };
  });
}
