import { CONFOUNDED_LABEL, type MetricsDocument } from "@judgelab/analytics";
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
import { SCORE_LEGEND } from "./item-page-html.js";

/**
 * The report's tables as plain-text cells (headers, rows, numeric columns). The HTML renderer escapes the cells;
 * the Markdown renderer escapes them for Markdown. One definition, two renderings.
 */
export interface TextTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly numeric: readonly number[];
  /** Rows left out of a cut table; the renderers say so ("… N more") and where to see them all. */
  readonly omitted?: number;
  /** A line under the table explaining its columns (e.g. what "score" and "±" are). */
  readonly legend?: string;
}

/** The line under a cut table: how many rows were left out and where every row is. */
export function omittedRowsNote(table: TextTable): string | undefined {
  const cut =
    table.omitted === undefined || table.omitted <= 0
      ? undefined
      : `… ${formatCount(table.omitted)} more row${table.omitted === 1 ? "" : "s"} not shown; metrics.json holds every row.`;
  const lines = [cut, table.legend].filter((line): line is string => line !== undefined);
  return lines.length === 0 ? undefined : lines.join(" ");
}

/** The heading of the ranking table: how many of what, and by which key. */
export function leaderboardHeading(
  data: {
    readonly items: readonly ItemStanding[];
    readonly ratedNoun: string;
    readonly sortedBy: "rating" | "score" | "none";
    readonly scoreLabel?: string | undefined;
  },
  maxRows: number,
): string | undefined {
  if (data.sortedBy === "none") return undefined;
  const ranked = data.items.filter((item) => (data.sortedBy === "rating" ? item.rating : item.score) !== undefined);
  const key = data.sortedBy === "rating" ? "pooled Bradley–Terry rating" : "tournament score (no BT leaderboard)";
  return `Top ${Math.min(maxRows, ranked.length)} of ${formatCount(ranked.length)} ${data.ratedNoun} by ${key}`;
}

/** Top items: rank, title, category, tournament score, BT rating with CI, rank interval, W–L, win rate. */
export function leaderboardTable(
  items: readonly ItemStanding[],
  maxRows: number,
  sortedBy: "rating" | "score" | "none" = "rating",
  unitHeader = "title",
): TextTable | undefined {
  if (sortedBy === "none") return undefined;
  const withScore = items.some((item) => item.score !== undefined);
  const withCategory = items.some((item) => item.category !== undefined);
  const ranked = items.filter((item) => (sortedBy === "rating" ? item.rating : item.score) !== undefined);
  const rows = ranked
    .slice(0, maxRows)
    .map((item, index) => [
      String(item.rating?.rank ?? index + 1),
      item.title,
      ...(withCategory ? [item.category ?? ""] : []),
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
      unitHeader,
      ...(withCategory ? ["category"] : []),
      ...(withScore ? ["score"] : []),
      "BT rating [95% CI]",
      "rank interval",
      "W–L",
      "win rate [Wilson 95%]",
    ],
    rows,
    numeric: [0, ...Array.from({ length: withScore ? 4 : 3 }, (_, k) => k + (withCategory ? 3 : 2))],
    ...(ranked.length > rows.length ? { omitted: ranked.length - rows.length } : {}),
    ...(withScore
      ? {
          legend: `score: ${SCORE_LEGEND.replace(/^Tournament score: /, "")} BT rating: pooled Bradley–Terry on the Elo scale with its 95% bootstrap interval; rank: by ${sortedBy === "rating" ? "BT rating" : "tournament score"}.`,
        }
      : {}),
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

/**
 * Judge pairs, unit **pair**: shared pairs, agreement of the two judges' modal verdicts and Cohen's κ on the same
 * verdicts (one unit per row and column). The most-shared judge pairs first; a cut table says how many were left out.
 */
export function agreementTable(metrics: MetricsDocument, maxRows = 50): TextTable | undefined {
  if (!metrics.agreement.available || metrics.agreement.pairs.length === 0) return undefined;
  const sorted = [...metrics.agreement.pairs].sort(
    (a, b) => b.units - a.units || a.judgeA.localeCompare(b.judgeA) || a.judgeB.localeCompare(b.judgeB),
  );
  const shown = sorted.slice(0, maxRows);
  return {
    headers: ["judge A", "judge B", "shared pairs", "same verdict (per pair)", "Cohen's κ per pair [95% CI]"],
    rows: shown.map((pair) => [
      pair.judgeA,
      pair.judgeB,
      formatCount(pair.units),
      formatPercent(pair.pairAgreement?.value ?? null, 1),
      formatNumberInterval(pair.cohenKappa.value, pair.cohenKappa.ci),
    ]),
    numeric: [2, 3, 4],
    ...(sorted.length > shown.length ? { omitted: sorted.length - shown.length } : {}),
  };
}

/**
 * Judge pairs, unit **comparison** (MT-Bench S1/S2 over the cross product of the two judges' votes on each shared
 * pair): shown only when some pair holds several votes of a judge (both orders, repetitions), where it differs.
 */
export function voteAgreementTable(metrics: MetricsDocument, maxRows = 50): TextTable | undefined {
  if (!metrics.agreement.available) return undefined;
  const pairs = metrics.agreement.pairs.filter((pair) => pair.agreementWithTies.n > pair.units);
  if (pairs.length === 0) return undefined;
  const sorted = [...pairs].sort((a, b) => b.agreementWithTies.n - a.agreementWithTies.n);
  const shown = sorted.slice(0, maxRows);
  return {
    headers: ["judge A", "judge B", "vote pairs", "same verdict per comparison (S1)", "without ties (S2)"],
    rows: shown.map((pair) => [
      pair.judgeA,
      pair.judgeB,
      formatCount(pair.agreementWithTies.n),
      formatPercent(pair.agreementWithTies.value, 1),
      formatPercent(pair.agreementWithoutTies.value, 1),
    ]),
    numeric: [2, 3, 4],
    ...(sorted.length > shown.length ? { omitted: sorted.length - shown.length } : {}),
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
      "both-order consistency per pair (per answer, as Shi et al.)",
      "order effect δ (Elo)",
    ],
    rows: metrics.positionBias.perJudge.map((row) => [
      row.judge,
      formatCount(row.firstWinRate.n),
      formatPercentInterval(row.firstWinRate.value, row.firstWinRate.ci, 1),
      row.orderDesign?.confounded === true ? CONFOUNDED_LABEL : formatPValue(row.binomialPValue),
      row.bothOrders.available
        ? `${formatPercent(row.bothOrders.consistency.value, 1)} of ${formatCount(row.bothOrders.consistency.n)} pairs${
            row.bothOrders.consistencyPerAnswer === undefined
              ? ""
              : ` (${formatCount(row.bothOrders.consistencyPerAnswer.consistent)}/${formatCount(row.bothOrders.consistencyPerAnswer.answers)} answers)`
          }`
        : "n/a",
      row.orderEffect.available
        ? formatNumberInterval(row.orderEffect.delta.value, row.orderEffect.delta.ci, 0)
        : row.orderDesign?.confounded === true
          ? "not identified"
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
      "accuracy per comparison [95% CI]",
      "per comparison, better shown first",
      "per comparison, better shown second",
      "per pair: correct in both orders",
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
