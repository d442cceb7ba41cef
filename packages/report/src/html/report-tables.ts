import type { MetricsDocument } from "@judgelab/analytics";
import type { IntervalCheck } from "@judgelab/ratings";
import type { ItemStanding, JudgeRunSummary } from "../model/report-data.js";
import {
  formatCount,
  formatNumber,
  formatNumberInterval,
  formatPercent,
  formatPercentInterval,
  formatPValue,
} from "./format-numbers.js";

/**
 * The report's tables as plain-text cells (headers, rows, numeric columns). The HTML renderer escapes the cells;
 * the Markdown renderer escapes them for Markdown. One definition, two renderings.
 */
export interface TextTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly numeric: readonly number[];
}

/** Top items: rank, title, category, tournament score, BT rating with CI, rank interval, W–L, win rate. */
export function leaderboardTable(items: readonly ItemStanding[], maxRows: number): TextTable {
  const withScore = items.some((item) => item.score !== undefined);
  const rows = items
    .slice(0, maxRows)
    .map((item, index) => [
      String(item.rating?.rank ?? index + 1),
      item.title,
      item.category ?? "",
      ...(withScore
        ? [item.score === undefined ? "" : `${Math.round(item.score.value)}±${Math.round(item.score.halfWidth)}`]
        : []),
      item.rating === undefined
        ? "n/a"
        : `${Math.round(item.rating.value)} [${Math.round(item.rating.lower)}, ${Math.round(item.rating.upper)}]`,
      item.rating === undefined ? "n/a" : `${item.rating.rankLower}–${item.rating.rankUpper}`,
      `${item.wins}–${item.losses}${item.ties > 0 ? `–${item.ties}` : ""}`,
      formatPercentInterval(item.winRate.value, item.winRate.value === null ? undefined : item.winRate),
    ]);
  return {
    headers: [
      "rank",
      "title",
      "category",
      ...(withScore ? ["score"] : []),
      "BT rating [95% CI]",
      "rank interval",
      "W–L",
      "win rate [Wilson 95%]",
    ],
    rows,
    numeric: withScore ? [0, 3, 4, 5, 6] : [0, 3, 4, 5],
  };
}

/** Judges: kind, model, comparisons, decided, ties, invalid, cost. */
export function judgesTable(judges: readonly JudgeRunSummary[]): TextTable {
  return {
    headers: ["judge", "kind", "model", "comparisons", "decided", "ties", "invalid", "cost (USD)"],
    rows: judges.map((judge) => [
      judge.judge,
      judge.kind ?? "",
      judge.model ?? "",
      formatCount(judge.comparisons),
      formatCount(judge.decided),
      formatCount(judge.ties),
      formatCount(judge.invalid),
      judge.costUsd === undefined ? "n/a" : judge.costUsd.toFixed(2),
    ]),
    numeric: [3, 4, 5, 6, 7],
  };
}

/** Judge pairs: shared pairs, agreement (with ties), agreement without ties, Cohen's κ. */
export function agreementTable(metrics: MetricsDocument): TextTable | undefined {
  if (!metrics.agreement.available || metrics.agreement.pairs.length === 0) return undefined;
  return {
    headers: ["judge A", "judge B", "shared pairs", "agreement", "agreement (no ties)", "Cohen's κ [95% CI]"],
    rows: metrics.agreement.pairs.map((pair) => [
      pair.judgeA,
      pair.judgeB,
      formatCount(pair.units),
      formatPercent(pair.agreementWithTies.value, 1),
      formatPercent(pair.agreementWithoutTies.value, 1),
      formatNumberInterval(pair.cohenKappa.value, pair.cohenKappa.ci),
    ]),
    numeric: [2, 3, 4, 5],
  };
}

/** Position bias per judge: first-position win rate with CI and p, both-order consistency, BT order effect. */
export function positionBiasTable(metrics: MetricsDocument): TextTable | undefined {
  if (!metrics.positionBias.available || metrics.positionBias.perJudge.length === 0) return undefined;
  return {
    headers: [
      "judge",
      "decided",
      "first-position win rate [95% CI]",
      "binomial test",
      "both-order consistency",
      "order effect δ (Elo)",
    ],
    rows: metrics.positionBias.perJudge.map((row) => [
      row.judge,
      formatCount(row.firstWinRate.n),
      formatPercentInterval(row.firstWinRate.value, row.firstWinRate.ci, 1),
      formatPValue(row.binomialPValue),
      row.bothOrders.available
        ? `${formatPercent(row.bothOrders.consistency.value, 1)} of ${formatCount(row.bothOrders.consistency.n)}`
        : "n/a",
      row.orderEffect.available
        ? formatNumberInterval(row.orderEffect.delta.value, row.orderEffect.delta.ci, 0)
        : "n/a",
    ]),
    numeric: [1, 2, 3, 4, 5],
  };
}

/** Rank correlations between leaderboards (pooled vs each judge, judge vs judge, leave-one-judge-out). */
export function correlationTable(metrics: MetricsDocument): TextTable | undefined {
  if (!metrics.stability.available) return undefined;
  const stability = metrics.stability;
  const rows = [
    ...stability.correlations.map((row) => [row.a, row.b, row.spearman, row.kendall] as const),
    ...(stability.leaveOneJudgeOut.available
      ? stability.leaveOneJudgeOut.rows.map((row) => [row.a, row.b, row.spearman, row.kendall] as const)
      : []),
  ];
  if (rows.length === 0) return undefined;
  return {
    headers: ["leaderboard A", "leaderboard B", "Spearman ρ", "Kendall τ", "items"],
    rows: rows.map(([a, b, spearman, kendall]) => [
      a,
      b,
      formatNumberInterval(spearman.value, spearman.ci),
      formatNumberInterval(kendall.value, kendall.ci),
      formatCount(spearman.n),
    ]),
    numeric: [2, 3, 4],
  };
}

/** The coverage check's rows: method, clustering, share of rating and rank intervals covering the truth. */
export function intervalCoverageTable(check: IntervalCheck | undefined): TextTable | undefined {
  if (check === undefined) return undefined;
  const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
  return {
    headers: [
      "interval method",
      "clustering",
      "ratings covered",
      "ranks covered",
      "mean width (Elo)",
      "failed datasets",
    ],
    rows: check.methods.map((row) => [
      row.method,
      row.clustering,
      `${percent(row.ratingCoverage)} ± ${percent(1.96 * row.standardError)}`,
      percent(row.rankCoverage),
      row.meanWidth.toFixed(1),
      String(row.failedDatasets),
    ]),
    numeric: [2, 3, 4, 5],
  };
}

/** Per-category summary rows, computed by the caller (see summarizeCategories). */
export interface CategorySummaryRow {
  readonly category: string;
  readonly items: number;
  readonly meanRating: number;
  readonly medianRankWidth: number;
  readonly matchesPerItem: number;
}

/** Category summary table. */
export function categoryTable(rows: readonly CategorySummaryRow[]): TextTable | undefined {
  if (rows.length < 2) return undefined;
  return {
    headers: ["category", "items", "mean BT rating", "median rank-interval width", "decided comparisons per item"],
    rows: rows.map((row) => [
      row.category,
      formatCount(row.items),
      formatNumber(row.meanRating, 0),
      formatNumber(row.medianRankWidth, 0),
      formatNumber(row.matchesPerItem, 1),
    ]),
    numeric: [1, 2, 3, 4],
  };
}

/** Accuracy of each judge against the gold labels (LLMBar conventions), best first. */
export function goldAccuracyTable(metrics: MetricsDocument): TextTable | undefined {
  if (!metrics.agreement.available || !metrics.agreement.gold.available) return undefined;
  const rows = [...metrics.agreement.gold.perJudge].sort((a, b) => (b.accuracy.value ?? -1) - (a.accuracy.value ?? -1));
  return {
    headers: [
      "judge",
      "votes",
      "accuracy [95% CI]",
      "better shown first",
      "better shown second",
      "correct in both orders",
    ],
    rows: rows.map((row) => [
      row.judge,
      formatCount(row.accuracy.n),
      formatPercentInterval(row.accuracy.value, row.accuracy.ci, 1),
      formatPercent(row.accuracyBetterFirst.value, 1),
      formatPercent(row.accuracyBetterSecond.value, 1),
      row.correctBothOrders.available ? formatPercent(row.correctBothOrders.rate.value, 1) : "n/a",
    ]),
    numeric: [1, 2, 3, 4, 5],
  };
}
