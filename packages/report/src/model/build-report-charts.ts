import type { MetricsDocument, Proportion } from "@judgelab/analytics";
import type { TopLevelSpec } from "vega-lite";
import { shortenLabel } from "../charts/chart-theme.js";
import { clusterOrder } from "../charts/cluster-order.js";
import { buildAgreementChart, buildWinProbabilityChart } from "../charts/heatmap-charts.js";
import { buildIntervalCoverageChart } from "../charts/interval-coverage-chart.js";
import { buildLeaderboardChart, type RatedItem } from "../charts/leaderboard-chart.js";
import {
  buildConsistencyByGapChart,
  buildJudgeRateChart,
  buildPositionBiasChart,
  buildPositionBiasOverTimeChart,
  type ConsistencyByGapBin,
  type PositionBiasWindow,
} from "../charts/position-bias-charts.js";
import { buildRankIntervalChart } from "../charts/rank-interval-chart.js";
import { buildReliabilityDiagramChart } from "../charts/reliability-diagram-chart.js";
import { buildRunCostChart } from "../charts/run-cost-chart.js";
import { buildJudgeRatingScatterChart, buildPointwisePairwiseChart } from "../charts/scatter-charts.js";
import { buildConvergenceChart, buildRankDistributionChart } from "../charts/stability-charts.js";
import type { ItemStanding, ReportData } from "./report-data.js";
import { singularNoun } from "./singular-noun.js";

/** Sections of the report, in reading order. */
export type ReportSectionId = "ratings" | "agreement" | "positionBias" | "stability" | "biases" | "run";

/** Sections that appear only when their data exist (after the fixed ones), and can hold charts. */
export type OptionalReportSectionId = "calibration";

/** One chart of the report: its file stem, the section it belongs to and its vega-lite spec. */
export interface ReportChart {
  readonly name: string;
  readonly section: ReportSectionId | OptionalReportSectionId;
  /** Alt text / caption. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** Chart size caps: what a report of a very large dataset draws at most. */
export interface ChartLimits {
  readonly leaderboardItems: number;
  readonly rankIntervalItems: number;
  readonly winProbabilityItems: number;
  readonly scatterPoints: number;
}

/** Default caps (keep every chart readable and every SVG small). */
export const DEFAULT_CHART_LIMITS: ChartLimits = {
  leaderboardItems: 30,
  rankIntervalItems: 1000,
  winProbabilityItems: 12,
  scatterPoints: 450,
};

const ELO_SCALE_LABEL = "Bradley–Terry rating (Elo scale)";

/** P(i beats j) under Bradley–Terry on the Elo scale: 1 / (1 + 10^((r_j − r_i)/400)) (docs/metrics.md). */
export function eloWinProbability(ratingA: number, ratingB: number): number {
  return 1 / (1 + 10 ** ((ratingB - ratingA) / 400));
}

function ratedItems(
  items: readonly ItemStanding[],
): (ItemStanding & { rating: NonNullable<ItemStanding["rating"]> })[] {
  return items.filter(
    (item): item is ItemStanding & { rating: NonNullable<ItemStanding["rating"]> } => item.rating !== undefined,
  );
}

/** Interval of a proportion; its value when there is no CI. */
function proportionInterval(proportion: Proportion): { lower: number; upper: number } {
  const value = proportion.value ?? Number.NaN;
  return { lower: proportion.ci?.lower ?? value, upper: proportion.ci?.upper ?? value };
}

/** " (resampling whole matches: 120 clusters)" for captions, from the pooled leaderboard's clustering. */
function describeResampled(metrics: ReportData["metrics"]): string {
  const clustering = metrics.stability.available ? metrics.stability.pooled.clustering : undefined;
  if (clustering === undefined) return "";
  if (clustering.by === "comparison") return " (comparisons resampled one by one)";
  return ` (resampling whole ${clustering.by === "match" ? "matches" : "item pairs"}: ${clustering.clusters} clusters of up to ${clustering.largest} comparisons)`;
}

/** Builds every chart the data supports, in report order; charts without data are left out. */
export function buildReportCharts(data: ReportData, limits: ChartLimits = DEFAULT_CHART_LIMITS): ReportChart[] {
  const charts: ReportChart[] = [];
  const metrics = data.metrics;
  const rated = ratedItems(data.items);
  if (rated.length > 0) charts.push(...ratingCharts(data, rated, limits));
  if (data.rankDistribution !== undefined && data.rankDistribution.shares.length > 0) {
    charts.push({
      name: "rank-distribution",
      section: "ratings",
      caption:
        "How often each of the best items took each rank across bootstrap resamples (ranks seen in under 1% of resamples are not drawn)",
      spec: buildRankDistributionChart({
        shares: data.rankDistribution.shares,
        resamples: data.rankDistribution.resamples,
        totalItems: rated.length,
        itemNoun: data.itemNoun,
      }),
    });
  }
  charts.push(...goldAccuracyChart(metrics));
  charts.push(...agreementCharts(metrics));
  charts.push(...positionBiasCharts(metrics));
  charts.push(...stabilityCharts(metrics, rated, limits));
  charts.push(...pointwiseCharts(metrics, rated, limits));
  if (data.judges.length > 0) {
    charts.push({
      name: "run-cost",
      section: "run",
      caption: "Judge calls split into decided and failed verdicts, and cost per judge",
      spec: buildRunCostChart({
        judges: data.judges.map((judge) => ({
          judge: judge.judge,
          decided: judge.decided,
          failed: judge.invalid,
          costUsd: judge.costUsd,
        })),
      }),
    });
  }
  if (data.intervalCoverage !== undefined) {
    const check = data.intervalCoverage;
    charts.push({
      name: "interval-coverage",
      section: "stability",
      caption: `Coverage check: how often each method's 95% intervals contained the truth in ${check.datasets} datasets simulated at this dataset's design`,
      spec: buildIntervalCoverageChart({
        methods: check.methods,
        datasets: check.datasets,
        correlation: check.correlation,
      }),
    });
  }
  charts.push(...calibrationCharts(metrics));
  return charts;
}

/** Mean of an item's `overall` assessment scores, if any. */
export function meanOverall(item: ItemStanding): number | undefined {
  const scores = item.assessments.flatMap((assessment) => {
    const overall = assessment.scores.overall;
    return overall === undefined ? [] : [overall];
  });
  return scores.length === 0 ? undefined : scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

function goldAccuracyChart(metrics: MetricsDocument): ReportChart[] {
  if (!metrics.agreement.available || !metrics.agreement.gold.available) return [];
  const gold = metrics.agreement.gold;
  const rows = gold.perJudge.flatMap((row) =>
    row.accuracy.value === null
      ? []
      : [{ judge: row.judge, value: row.accuracy.value, ...proportionInterval(row.accuracy), n: row.accuracy.n }],
  );
  if (rows.length === 0) return [];
  return [
    {
      name: "gold-accuracy",
      section: "agreement",
      caption: "Accuracy of each judge against the gold labels, Wilson 95% intervals",
      spec: buildJudgeRateChart({
        rows,
        title: "Accuracy against the gold labels",
        subtitle: `labels: ${gold.source}; all votes on labelled pairs; dashed line = chance (50%)`,
        axisTitle: "accuracy",
        reference: 0.5,
        sortByValue: true,
      }),
    },
  ];
}

/** Judges shown in the agreement heatmap at most; more are cut to the judges with the most shared pairs. */
export const MAX_HEATMAP_JUDGES = 30;

function agreementCharts(metrics: MetricsDocument): ReportChart[] {
  if (!metrics.agreement.available) return [];
  const matrix = metrics.agreement.matrix;
  if (matrix.judges.length < 2) return [];
  // Top-k view: with dozens of judges (LLMBar's 66 runs) a full heatmap is unreadable; keep the judges with the
  // most shared pairs and say so. Then order by average-linkage clustering on κ so agreeing judges form blocks.
  const shared = matrix.n.map((row) => row.reduce((sum, value) => sum + value, 0));
  const kept = [...matrix.judges.keys()].sort((a, b) => shared[b]! - shared[a]! || a - b).slice(0, MAX_HEATMAP_JUDGES);
  const kappaOf = (i: number, j: number) => matrix.kappa[i]?.[j] ?? Number.NaN;
  const order = clusterOrder(kept.map((i) => kept.map((j) => (i === j ? 1 : kappaOf(i, j))))).map((k) => kept[k]!);
  const kappa = order.map((i) => order.map((j) => (i === j ? Number.NaN : kappaOf(i, j))));
  const offDiagonal = kappa.flatMap((row) => row.filter((value) => Number.isFinite(value)));
  if (offDiagonal.length === 0) return [];
  const cut = matrix.judges.length - kept.length;
  return [
    {
      name: "judge-agreement",
      section: "agreement",
      caption: `Cohen's κ per pair between each pair of judges on the pairs both judged, judges ordered by clustering${cut > 0 ? `; the ${kept.length} judges with the most shared pairs of ${matrix.judges.length} (${cut} more in metrics.json)` : ""}`,
      spec: buildAgreementChart({
        matrix: { labels: order.map((i) => matrix.judges[i]!), values: kappa },
        metricLabel: "Cohen's κ per pair",
        subtitle: `on pairs both judges judged; 0 = chance, 1 = perfect; ordered by average-linkage clustering${cut > 0 ? `; top ${kept.length} of ${matrix.judges.length} judges by shared pairs` : ""}`,
        minimum: Math.min(0, ...offDiagonal),
      }),
    },
  ];
}

function positionBiasCharts(metrics: MetricsDocument): ReportChart[] {
  if (!metrics.positionBias.available) return [];
  const perJudge = metrics.positionBias.perJudge.filter((row) => row.firstWinRate.value !== null);
  const charts: ReportChart[] = [];
  if (perJudge.length > 0) {
    charts.push({
      name: "position-bias",
      section: "positionBias",
      caption: "First-position win rate per judge with Wilson 95% intervals",
      spec: buildPositionBiasChart({
        judges: perJudge.map((row) => ({
          judge: row.judge,
          firstWinRate: row.firstWinRate.value ?? Number.NaN,
          ...proportionInterval(row.firstWinRate),
          comparisons: row.firstWinRate.n,
        })),
        intervalLabel: "Wilson 95% interval",
      }),
    });
  }
  const windows: PositionBiasWindow[] = perJudge.flatMap((row) =>
    row.overTime.available
      ? row.overTime.windows.flatMap((window, index) =>
          window.firstWinRate.value === null
            ? []
            : [
                {
                  judge: row.judge,
                  window: index + 1,
                  firstWinRate: window.firstWinRate.value,
                  ...proportionInterval(window.firstWinRate),
                  comparisons: window.firstWinRate.n,
                },
              ],
        )
      : [],
  );
  if (windows.length > 0) {
    charts.push({
      name: "position-bias-over-time",
      section: "positionBias",
      caption: "First-position win rate per judge over equal-count time windows",
      spec: buildPositionBiasOverTimeChart({
        windows,
        windowLabel: "time window (equal numbers of comparisons, in time order)",
      }),
    });
  }
  const bins: ConsistencyByGapBin[] = perJudge.flatMap((row) =>
    row.consistencyByGap.available
      ? row.consistencyByGap.bins.flatMap((bin, binIndex) =>
          bin.value.value === null
            ? []
            : [
                {
                  judge: row.judge,
                  bin:
                    bin.upper !== null && Number.isFinite(bin.upper)
                      ? `${bin.lower.toFixed(0)}–${bin.upper.toFixed(0)}`
                      : `≥ ${bin.lower.toFixed(0)}`,
                  binIndex,
                  consistency: bin.value.value,
                  ...proportionInterval(bin.value),
                  pairs: bin.value.n,
                },
              ],
        )
      : [],
  );
  if (bins.length > 0) {
    charts.push({
      name: "consistency-by-gap",
      section: "positionBias",
      caption: "Both-order consistency by rating gap",
      spec: buildConsistencyByGapChart({
        bins,
        gapLabel: "|rating difference| of the pair (Elo points)",
        metricLabel: "share of pairs judged in both orders that got the same winner both times; Wilson 95% CI",
      }),
    });
  }
  return charts;
}

function stabilityCharts(
  metrics: MetricsDocument,
  rated: readonly (ItemStanding & { rating: NonNullable<ItemStanding["rating"]> })[],
  limits: ChartLimits,
): ReportChart[] {
  if (!metrics.stability.available) return [];
  const stability = metrics.stability;
  const charts: ReportChart[] = [];
  if (stability.convergence.available && stability.convergence.points.length > 1) {
    charts.push({
      name: "convergence",
      section: "stability",
      caption: "Rank correlation with the final ranking as comparisons accumulate",
      spec: buildConvergenceChart({
        points: stability.convergence.points.flatMap((point) =>
          point.spearman === null
            ? []
            : [
                {
                  series: "Spearman ρ with the final ranking",
                  matchesPerItem: point.comparisonsPerItem,
                  correlation: point.spearman,
                },
              ],
        ),
        threshold: 0.95,
        subtitle: "replaying the comparisons in time order; dashed line = ρ 0.95",
      }),
    });
  }
  const pooled = new Map(rated.map((item) => [item.id, item]));
  const points = stability.perJudge.flatMap(({ judge, leaderboard }) =>
    leaderboard.rows.available
      ? leaderboard.rows.rows.flatMap((row) => {
          const item = pooled.get(row.item);
          return item === undefined
            ? []
            : [{ item: shortenLabel(item.title), judge, pooledRating: item.rating.value, judgeRating: row.rating }];
        })
      : [],
  );
  if (points.length > 0) {
    const correlations = stability.correlations
      .filter((row) => row.a === "pooled" || row.b === "pooled")
      .map(
        (row) =>
          `${row.a === "pooled" ? row.b : row.a} ${row.spearman.value === null ? "n/a" : row.spearman.value.toFixed(2)}`,
      );
    charts.push({
      name: "judge-ratings",
      section: "stability",
      caption: "Ratings from each judge's verdicts alone against the pooled rating",
      spec: buildJudgeRatingScatterChart({
        points,
        ratingLabel: "BT rating",
        subtitle: correlations.length > 0 ? `Spearman ρ with the pooled rating: ${correlations.join(", ")}` : undefined,
        maxPoints: limits.scatterPoints,
      }),
    });
  }
  return charts;
}

/** Judges drawn in the reliability diagram at most (the most verdicts first); the table lists every judge. */
export const MAX_RELIABILITY_JUDGES = 6;

function calibrationCharts(metrics: MetricsDocument): ReportChart[] {
  const section = metrics.calibration;
  if (section === undefined || !section.available || section.perJudge.length === 0) return [];
  const shown = [...section.perJudge].sort((a, b) => b.verdicts - a.verdicts).slice(0, MAX_RELIABILITY_JUDGES);
  const points = shown.flatMap((row) =>
    row.bins.flatMap((bin) =>
      bin.value.n === 0 || bin.value.meanConfidence === null || bin.value.accuracy === null
        ? []
        : [
            {
              judge: row.judge,
              confidence: bin.value.meanConfidence,
              accuracy: bin.value.accuracy,
              n: bin.value.n,
              bin: `${Math.round(100 * bin.lower)}–${Math.round(100 * (bin.upper ?? 1))}%`,
            },
          ],
    ),
  );
  if (points.length === 0) return [];
  return [
    {
      name: "reliability-diagram",
      section: "calibration",
      caption: `Reliability diagram: accuracy against ${section.against} by confidence bin (${section.binCount} equal-width bins), per judge`,
      spec: buildReliabilityDiagramChart({ points, against: section.against, totalJudges: section.perJudge.length }),
    },
  ];
}

type RatedStanding = ItemStanding & { rating: NonNullable<ItemStanding["rating"]> };

/** The ratings section's charts: leaderboard, rank intervals and win probabilities of the best items. */
function ratingCharts(data: ReportData, rated: readonly RatedStanding[], limits: ChartLimits): ReportChart[] {
  const charts: ReportChart[] = [];
  const bootstrapRounds = data.metrics.options.bootstrapRounds;
  const resampled = describeResampled(data.metrics);
  const items: RatedItem[] = rated.map((item) => ({
    id: item.id,
    label: item.title,
    rating: item.rating.value,
    lower: item.rating.lower,
    upper: item.rating.upper,
    category: item.category,
  }));
  charts.push({
    name: "leaderboard",
    section: "ratings",
    caption: `Leaderboard of the best-rated ${data.itemNoun} with 95% bootstrap intervals${resampled}`,
    spec: buildLeaderboardChart({
      items,
      ratingLabel: ELO_SCALE_LABEL,
      intervalLabel: `95% bootstrap CI (${bootstrapRounds} resamples)`,
      maxItems: limits.leaderboardItems,
      itemNoun: data.itemNoun,
      perCategory: data.groups.byCategory,
    }),
  });
  charts.push({
    name: "rank-intervals",
    section: "ratings",
    caption: `95% bootstrap rank interval of every ${singularNoun(data.itemNoun)}${resampled}`,
    spec: buildRankIntervalChart({
      items: rated.map((item) => ({
        id: item.id,
        label: item.title,
        rank: item.rating.rank,
        rankLower: item.rating.rankLower,
        rankUpper: item.rating.rankUpper,
      })),
      intervalLabel: "95% bootstrap rank interval",
      maxItems: limits.rankIntervalItems,
    }),
  });
  // Win probabilities only between items that met (directly or through others): with groups that never met
  // (e.g. categories scheduled apart), the best items of the best item's group.
  const sorted = [...rated].sort((a, b) => b.rating.value - a.rating.value);
  const bestGroup = sorted[0]?.group;
  const sameGroup = data.groups.count > 1 ? sorted.filter((item) => item.group === bestGroup) : sorted;
  const top = sameGroup.slice(0, limits.winProbabilityItems);
  const where =
    data.groups.count > 1
      ? ` within one group that met (${data.groups.byCategory && top[0]?.category !== undefined ? `category ${top[0].category}` : `the group of the best-rated ${singularNoun(data.itemNoun)}`}); groups that never met are not compared`
      : "";
  charts.push({
    name: "win-probability",
    section: "ratings",
    caption: `Modelled probability that the row item beats the column item${where}`,
    spec: buildWinProbabilityChart({
      matrix: {
        labels: top.map((item) => item.title),
        values: top.map((a) => top.map((b) => eloWinProbability(a.rating.value, b.rating.value))),
      },
      modelLabel: `Bradley–Terry: 1 / (1 + 10^((r_col − r_row)/400))${where === "" ? "" : `; ${data.groups.byCategory && top[0]?.category !== undefined ? top[0].category : "one group"} only`}`,
      totalItems: sameGroup.length,
      itemNoun: data.itemNoun,
    }),
  });
  return charts;
}

/** Pointwise overall scores against the ratings, with the first judge's Kendall τ when measured. */
function pointwiseCharts(
  metrics: MetricsDocument,
  rated: readonly RatedStanding[],
  limits: ChartLimits,
): ReportChart[] {
  const pointwise = rated.flatMap((item) => {
    const overall = meanOverall(item);
    return overall === undefined
      ? []
      : [{ item: item.title, pointwise: overall, rating: item.rating.value, category: item.category }];
  });
  if (pointwise.length === 0) return [];
  const coherence = metrics.coherence.available ? metrics.coherence.perJudge[0] : undefined;
  const tau = coherence?.withRating.available ? coherence.withRating.kendall : undefined;
  return [
    {
      name: "pointwise-vs-pairwise",
      section: "biases",
      caption: "Pointwise scores against tournament ratings",
      spec: buildPointwisePairwiseChart({
        points: pointwise,
        pointwiseLabel: "pointwise overall score",
        ratingLabel: ELO_SCALE_LABEL,
        correlationLabel:
          tau?.value === null || tau === undefined
            ? undefined
            : `Kendall τ = ${tau.value.toFixed(2)}${tau.ci === undefined ? "" : ` [${tau.ci.lower.toFixed(2)}, ${tau.ci.upper.toFixed(2)}]`}`,
        maxPoints: limits.scatterPoints,
      }),
    },
  ];
}
