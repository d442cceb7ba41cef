import type { ComparisonTable } from "@judgelab/datasets";
import type { JudgeInfo } from "./analysis-input.js";
import type { DatasetSummary } from "./metrics-document.js";
import type { OrderPairs } from "./order-pairs.js";
import type { PairUnits } from "./pair-units.js";

/** Counts of comparisons by verdict, per judge and overall, and of units. */
export function summarizeDataset(options: {
  table: ComparisonTable;
  units: PairUnits;
  orderPairs: OrderPairs;
  judges: JudgeInfo | undefined;
}): DatasetSummary {
  const { table, units, orderPairs, judges } = options;
  const perJudge = new Float64Array(table.judgeIds.length * 4);
  for (let row = 0; row < table.size; row++) perJudge[table.judge[row]! * 4 + table.verdict[row]!]!++;
  const bothOrderUnits = new Set<number>(orderPairs.unit).size;
  let decided = 0;
  let ties = 0;
  let invalid = 0;
  const judgeRows = table.judgeIds.map((judge, code) => {
    const base = code * 4;
    decided += perJudge[base]! + perJudge[base + 1]!;
    ties += perJudge[base + 2]!;
    invalid += perJudge[base + 3]!;
    return {
      judge,
      kind: judges?.kind?.[code] ?? null,
      family: judges?.family?.[code] ?? null,
      comparisons: perJudge[base]! + perJudge[base + 1]! + perJudge[base + 2]! + perJudge[base + 3]!,
      decided: perJudge[base]! + perJudge[base + 1]!,
      ties: perJudge[base + 2]!,
      invalid: perJudge[base + 3]!,
    };
  });
  return {
    comparisons: table.size,
    decided,
    ties,
    invalid,
    items: table.itemIds.length,
    judges: judgeRows,
    units: units.count,
    bothOrderUnits,
  };
}
