import type { ComparisonTable } from "@judgelab/datasets";
import type { Section, Statistic } from "../metrics-document.js";
import type { PairUnits } from "../pair-units.js";
import { unavailable } from "../section.js";
import { statistic } from "../stats/proportion.js";

/**
 * Repetition stability (Shi et al. 2024): an instance is one (judge, unit, presentation order) judged
 * more than once; RS = mean over instances of (count of the modal valid verdict / number of verdicts), as
 * upstream (Position-Bias-Analyzer `calculate_repetitional_consistency.py`: pandas `value_counts` drops unparsed
 * answers, the denominator keeps them; instances with no parsed answer are skipped). `filter` restricts rows.
 */
export function measureRepetitionStability(
  table: ComparisonTable,
  units: PairUnits,
  filter?: (row: number) => boolean,
): Section<{ value: Statistic }>[] {
  const rows: number[] = [];
  for (let row = 0; row < table.size; row++) {
    if (units.unit[row]! >= 0 && (filter === undefined || filter(row))) rows.push(row);
  }
  const { judge } = table;
  const { unit, lowFirst } = units;
  rows.sort((a, b) => judge[a]! - judge[b]! || unit[a]! - unit[b]! || lowFirst[a]! - lowFirst[b]! || a - b);
  const sums = new Float64Array(table.judgeIds.length);
  const instances = new Float64Array(table.judgeIds.length);
  const verdictCounts = new Uint32Array(4);
  let groupSize = 0;
  let previous = -1;
  const flush = () => {
    const modal = Math.max(verdictCounts[0]!, verdictCounts[1]!, verdictCounts[2]!);
    if (groupSize >= 2 && modal > 0) {
      sums[judge[previous]!]! += modal / groupSize;
      instances[judge[previous]!]!++;
    }
    verdictCounts.fill(0);
    groupSize = 0;
  };
  for (const row of rows) {
    if (
      previous >= 0 &&
      (judge[row] !== judge[previous] || unit[row] !== unit[previous] || lowFirst[row] !== lowFirst[previous])
    ) {
      flush();
    }
    verdictCounts[table.verdict[row]!]!++;
    groupSize++;
    previous = row;
  }
  if (previous >= 0) flush();
  return table.judgeIds.map((_, code) =>
    instances[code] === 0
      ? unavailable("no (pair, order) was judged more than once by this judge")
      : { available: true, value: statistic(sums[code]! / instances[code]!, instances[code]!) },
  );
}
