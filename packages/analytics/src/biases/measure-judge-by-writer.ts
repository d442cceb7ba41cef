import type { ComparisonTable } from "@judgelab/datasets";
import { type GoldLabels, NO_LABEL } from "../agreement/gold-labels.js";
import type { JudgeWriterCell } from "../metrics-document.js";
import type { PairUnits } from "../pair-units.js";
import { proportion } from "../stats/proportion.js";

/**
 * Judge × writer matrix: when one model wrote both texts a judge compares (e.g. two summaries of two papers),
 * the judge's accuracy against the gold labels by that writer's family. Units whose two items come from
 * different families (or none) are left out; invalid and tie votes count as wrong.
 */
export function measureJudgeByWriter(options: {
  table: ComparisonTable;
  units: PairUnits;
  gold: GoldLabels;
  producerFamily: readonly (string | undefined)[];
}): JudgeWriterCell[] {
  const { table, units, gold, producerFamily } = options;
  const cells = new Map<string, { judge: number; family: string; correct: number; n: number }>();
  for (let row = 0; row < table.size; row++) {
    const unit = units.unit[row]!;
    if (unit < 0 || gold.labelJudges.has(table.judge[row]!)) continue;
    const label = gold.label[unit]!;
    if (label === NO_LABEL || label === 2) continue;
    const family = producerFamily[units.low[unit]!];
    if (family === undefined || family !== producerFamily[units.high[unit]!]) continue;
    const key = `${table.judge[row]}\u0000${family}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = { judge: table.judge[row]!, family, correct: 0, n: 0 };
      cells.set(key, cell);
    }
    cell.n++;
    if (units.label[row] === label) cell.correct++;
  }
  return [...cells.values()]
    .sort((a, b) => a.judge - b.judge || a.family.localeCompare(b.family))
    .map((cell) => ({
      judge: table.judgeIds[cell.judge]!,
      writerFamily: cell.family,
      accuracy: proportion(cell.correct, cell.n),
    }));
}
