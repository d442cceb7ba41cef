import type { ComparisonTable } from "@judgelab/datasets";
import type { Proportion, Section, TimeWindow } from "../metrics-document.js";
import { unavailable } from "../section.js";
import { binomialTestPValue } from "../stats/binomial-test.js";
import { proportion } from "../stats/proportion.js";

/** First-position figures of one judge. */
export interface FirstPositionFigures {
  readonly firstWinRate: Proportion;
  readonly binomialPValue: number | null;
  readonly overTime: Section<{ readonly windows: readonly TimeWindow[] }>;
}

/** Fewest decided comparisons per time window. */
const MIN_WINDOW_SIZE = 10;

/**
 * First-position win rate per judge: among decided comparisons (first or second wins) with known order,
 * the share won by the item shown first, with a Wilson CI and a two-sided exact binomial test against 0.5.
 * Over time: the judge's timestamped decided comparisons in time order, cut into `windows` windows of
 * equal count (fewer when a window would hold under 10 comparisons).
 */
export function measureFirstPositionRate(table: ComparisonTable, windows: number): FirstPositionFigures[] {
  const judgeCount = table.judgeIds.length;
  const firstWins = new Float64Array(judgeCount);
  const decided = new Float64Array(judgeCount);
  const timed: number[][] = Array.from({ length: judgeCount }, () => []);
  for (let row = 0; row < table.size; row++) {
    const verdict = table.verdict[row]!;
    if (verdict > 1 || table.orderKnown[row] !== 1) continue;
    const judge = table.judge[row]!;
    decided[judge]!++;
    if (verdict === 0) firstWins[judge]!++;
    if (Number.isFinite(table.time[row]!)) timed[judge]!.push(row);
  }
  return table.judgeIds.map((_, judge) => ({
    firstWinRate: proportion(firstWins[judge]!, decided[judge]!),
    binomialPValue: binomialTestPValue(firstWins[judge]!, decided[judge]!),
    overTime: measureOverTime(table, timed[judge]!, windows),
  }));
}

function measureOverTime(
  table: ComparisonTable,
  rows: number[],
  windows: number,
): Section<{ readonly windows: readonly TimeWindow[] }> {
  const count = Math.min(windows, Math.floor(rows.length / MIN_WINDOW_SIZE));
  if (count < 2) {
    return unavailable(`needs at least ${2 * MIN_WINDOW_SIZE} decided comparisons with a timestamp`);
  }
  rows.sort((a, b) => table.time[a]! - table.time[b]! || a - b);
  const result: TimeWindow[] = [];
  for (let window = 0; window < count; window++) {
    const start = Math.floor((window * rows.length) / count);
    const end = Math.floor(((window + 1) * rows.length) / count);
    let wins = 0;
    for (let index = start; index < end; index++) if (table.verdict[rows[index]!] === 0) wins++;
    result.push({
      start: new Date(table.time[rows[start]!]!).toISOString(),
      end: new Date(table.time[rows[end - 1]!]!).toISOString(),
      firstWinRate: proportion(wins, end - start),
    });
  }
  return { available: true, windows: result };
}
