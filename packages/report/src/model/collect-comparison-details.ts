import type { Comparison } from "@judgelab/schema";
import type { HistoryEntry } from "./report-data.js";

/** Usage totals of one judge. */
export interface JudgeUsage {
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  /** Comparisons that recorded any usage. */
  withUsage: number;
}

/** What the report needs from the comparison records beyond the columnar table. */
export interface ComparisonDetails {
  /** Usage per judge id. */
  readonly usage: ReadonlyMap<string, JudgeUsage>;
  /** Comparison history per item id, for the items asked for, newest first. */
  readonly history: ReadonlyMap<string, HistoryEntry[]>;
}

/** Options of {@link collectComparisonDetails}. */
export interface CollectComparisonDetailsOptions {
  /** Comparison records (typed and validated, e.g. datasets' `readComparisonRecords`), in any order. */
  readonly comparisons: Iterable<Comparison> | AsyncIterable<Comparison>;
  /** Items whose history is kept (one page each); others only count towards usage. */
  readonly historyItems: ReadonlySet<string>;
  /** Display title of an item id. */
  readonly titleOf: (id: string) => string;
}

function outcomeFor(comparison: Comparison, shownFirst: boolean): HistoryEntry["outcome"] {
  if (comparison.verdict === "tie" || comparison.verdict === "invalid") return comparison.verdict;
  return (comparison.verdict === "first") === shownFirst ? "win" : "loss";
}

/**
 * One pass over the comparison records: usage (cost, tokens) per judge, and the comparison history of the
 * selected items seen from each item (opponent, judge, date, shown first or second, outcome, rationale).
 */
export async function collectComparisonDetails(options: CollectComparisonDetailsOptions): Promise<ComparisonDetails> {
  const usage = new Map<string, JudgeUsage>();
  const history = new Map<string, HistoryEntry[]>();
  for await (const comparison of options.comparisons) {
    if (comparison.usage !== undefined) {
      let totals = usage.get(comparison.judge);
      if (totals === undefined) {
        totals = { costUsd: 0, inputTokens: 0, outputTokens: 0, withUsage: 0 };
        usage.set(comparison.judge, totals);
      }
      totals.costUsd += comparison.usage.costUsd ?? 0;
      totals.inputTokens += comparison.usage.inputTokens ?? 0;
      totals.outputTokens += comparison.usage.outputTokens ?? 0;
      totals.withUsage += 1;
    }
    for (const [self, opponent, shownFirst] of [
      [comparison.first, comparison.second, true],
      [comparison.second, comparison.first, false],
    ] as const) {
      if (!options.historyItems.has(self)) continue;
      let entries = history.get(self);
      if (entries === undefined) {
        entries = [];
        history.set(self, entries);
      }
      entries.push({
        opponentId: opponent,
        opponentTitle: options.titleOf(opponent),
        judge: comparison.judge,
        createdAt: comparison.createdAt,
        shownFirst,
        orderKnown: comparison.order === "known",
        outcome: outcomeFor(comparison, shownFirst),
        rationale: comparison.rationale,
      });
    }
  }
  for (const entries of history.values()) {
    // Newest first; entries without a date keep their file order after the dated ones.
    entries.reverse();
    entries.sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""));
  }
  return { usage, history };
}

/**
 * A cheap test of a comparison's raw JSON line that is true for every line {@link collectComparisonDetails}
 * needs: lines naming one of `historyItems` as a quoted string, lines with a `"usage"` key, and any line with a
 * \u escape (where an id or key could be spelled differently). Undefined (parse every line) when an item id
 * would itself need escaping in JSON. Skipping the other lines unparsed saves most of the second pass over a
 * large comparisons file.
 */
export function detailsLinePrefilter(historyItems: Iterable<string>): ((line: string) => boolean) | undefined {
  const ids = [...historyItems];
  if (ids.some((id) => !/^[\x20-\x7e]*$/.test(id) || JSON.stringify(id) !== `"${id}"`)) return undefined;
  const alternatives = ids.map(escapeRegExp).join("|");
  const named = ids.length === 0 ? null : new RegExp(`"(?:${alternatives})"`);
  return (line) => line.includes('"usage"') || line.includes("\\u") || named?.test(line) === true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
