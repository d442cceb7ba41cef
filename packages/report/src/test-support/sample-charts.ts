import type { TopLevelSpec } from "vega-lite";
import { buildAgreementChart, buildWinProbabilityChart } from "../charts/heatmap-charts.js";
import { buildIntervalCoverageChart } from "../charts/interval-coverage-chart.js";
import { buildLeaderboardChart, type RatedItem } from "../charts/leaderboard-chart.js";
import {
  buildConsistencyByGapChart,
  buildPositionBiasChart,
  buildPositionBiasOverTimeChart,
} from "../charts/position-bias-charts.js";
import { buildRankIntervalChart } from "../charts/rank-interval-chart.js";
import { buildReliabilityDiagramChart } from "../charts/reliability-diagram-chart.js";
import { buildRunCostChart } from "../charts/run-cost-chart.js";
import { buildJudgeRatingScatterChart, buildPointwisePairwiseChart } from "../charts/scatter-charts.js";
import { buildConvergenceChart, buildRankDistributionChart } from "../charts/stability-charts.js";

/** A small deterministic set of every chart, for schema and rendering tests. */
export function sampleCharts(options: { hostileLabel?: boolean } = {}): Record<string, TopLevelSpec> {
  const items: RatedItem[] = Array.from({ length: 12 }, (_, index) => ({
    id: `item-${index}`,
    label: index === 5 && options.hostileLabel ? "<script>alert(1)</script> & co" : `Paper number ${index}`,
    rating: 1000 + 37 * ((index * 7) % 12),
    lower: 960 + 37 * ((index * 7) % 12),
    upper: 1040 + 37 * ((index * 7) % 12),
    category: index % 2 === 0 ? "AI" : "Physics",
  }));
  const judges = ["judge-a", "judge-b", "judge-c"];
  const byRating = [...items].sort((a, b) => b.rating - a.rating).slice(0, 6);
  return {
    reliabilityDiagram: buildReliabilityDiagramChart({
      points: judges.flatMap((judge, k) =>
        [0.55, 0.65, 0.75, 0.85, 0.95].map((confidence, bin) => ({
          judge,
          confidence,
          accuracy: confidence - 0.05 * k * bin,
          n: 10 + 7 * bin,
          bin: `${50 + 10 * bin}–${60 + 10 * bin}%`,
        })),
      ),
      against: "gold-judges",
      totalJudges: 4,
    }),
    leaderboard: buildLeaderboardChart({ items, ratingLabel: "rating", intervalLabel: "95% CI", maxItems: 10 }),
    rankIntervals: buildRankIntervalChart({
      items: items.map((item, index) => ({
        id: item.id,
        label: item.label,
        rank: index + 1,
        rankLower: Math.max(1, index - 1),
        rankUpper: Math.min(12, index + 3),
      })),
      intervalLabel: "95% bootstrap rank interval",
    }),
    winProbability: buildWinProbabilityChart({
      matrix: {
        labels: byRating.map((item) => item.label),
        values: byRating.map((a) => byRating.map((b) => 1 / (1 + 10 ** ((b.rating - a.rating) / 400)))),
      },
      modelLabel: "Bradley–Terry",
      totalItems: items.length,
    }),
    agreement: buildAgreementChart({
      matrix: {
        labels: judges,
        values: [
          [Number.NaN, 0.8, 0.7],
          [0.8, Number.NaN, 0.75],
          [0.7, 0.75, Number.NaN],
        ],
      },
      metricLabel: "agreement on shared pairs",
    }),
    positionBias: buildPositionBiasChart({
      judges: judges.map((judge, index) => ({
        judge,
        firstWinRate: 0.45 + 0.05 * index,
        lower: 0.4 + 0.05 * index,
        upper: 0.5 + 0.05 * index,
        comparisons: 300,
      })),
      intervalLabel: "Wilson 95% interval",
    }),
    positionBiasOverTime: buildPositionBiasOverTimeChart({
      windows: judges.flatMap((judge, index) =>
        [0, 1, 2, 3].map((window) => ({
          judge,
          window,
          firstWinRate: 0.5 + 0.02 * index * window,
          lower: 0.42,
          upper: 0.6 + 0.02 * index * window,
          comparisons: 100,
        })),
      ),
      windowLabel: "window of 100 comparisons",
    }),
    consistencyByGap: buildConsistencyByGapChart({
      bins: judges.flatMap((judge) =>
        ["0–50", "50–100", "100+"].map((bin, binIndex) => ({
          judge,
          bin,
          binIndex,
          consistency: 0.6 + 0.1 * binIndex,
          lower: 0.5 + 0.1 * binIndex,
          upper: 0.7 + 0.1 * binIndex,
          pairs: 40,
        })),
      ),
      gapLabel: "rating gap",
      metricLabel: "same winner in both orders",
    }),
    judgeRatingScatter: buildJudgeRatingScatterChart({
      points: judges.flatMap((judge, judgeIndex) =>
        items.map((item) => ({
          item: item.label,
          judge,
          pooledRating: item.rating,
          judgeRating: item.rating + 20 * (judgeIndex - 1),
        })),
      ),
      ratingLabel: "BT rating",
    }),
    convergence: buildConvergenceChart({
      points: [1, 2, 4, 8, 16].map((matchesPerItem) => ({
        series: "Spearman ρ",
        matchesPerItem,
        correlation: 1 - 0.5 / matchesPerItem,
      })),
      threshold: 0.95,
    }),
    rankDistribution: buildRankDistributionChart({
      shares: byRating.flatMap((item, order) =>
        [0, 1].map((offset) => ({ item: item.label, order: order + 1, rank: order + 1 + offset, share: 0.5 })),
      ),
      resamples: 200,
      totalItems: items.length,
    }),
    pointwisePairwise: buildPointwisePairwiseChart({
      points: items.map((item, index) => ({
        item: item.label,
        pointwise: 3 + (index % 7),
        rating: item.rating,
        category: item.category,
      })),
      pointwiseLabel: "overall (1–10)",
      ratingLabel: "rating",
      correlationLabel: "Kendall τ = 0.40",
    }),
    intervalCoverage: buildIntervalCoverageChart({
      datasets: 200,
      correlation: 0.5,
      methods: [
        {
          method: "naive bootstrap",
          clustering: "comparison",
          ratingCoverage: 0.708,
          rankCoverage: 0.97,
          standardError: 0.013,
        },
        {
          method: "clustered bootstrap",
          clustering: "match",
          ratingCoverage: 0.947,
          rankCoverage: 0.998,
          standardError: 0.006,
        },
        { method: "sandwich", clustering: "match", ratingCoverage: 0.953, rankCoverage: 0.995, standardError: 0.006 },
      ],
    }),
    runCost: buildRunCostChart({
      judges: judges.map((judge, index) => ({ judge, decided: 100 + index, failed: index, costUsd: 0.5 * index })),
    }),
  };
}
