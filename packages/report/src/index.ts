export {
  baseChartSpec,
  CHART_FONT,
  type ChartTitle,
  capNote,
  chartConfig,
  joinSubtitle,
  shortenLabel,
  VEGA_LITE_SCHEMA_URL,
} from "./charts/chart-theme.js";
export {
  type AgreementChartOptions,
  buildAgreementChart,
  buildWinProbabilityChart,
  type LabelledMatrix,
  type WinProbabilityChartOptions,
} from "./charts/heatmap-charts.js";
export {
  buildLeaderboardChart,
  type LeaderboardChartOptions,
  type RatedItem,
  topRatedItems,
} from "./charts/leaderboard-chart.js";
export {
  buildConsistencyByGapChart,
  buildPositionBiasChart,
  buildPositionBiasOverTimeChart,
  type ConsistencyByGapBin,
  type ConsistencyByGapChartOptions,
  type JudgePositionBias,
  type PositionBiasChartOptions,
  type PositionBiasOverTimeChartOptions,
  type PositionBiasWindow,
} from "./charts/position-bias-charts.js";
export {
  buildRankIntervalChart,
  type RankedItem,
  type RankIntervalChartOptions,
} from "./charts/rank-interval-chart.js";
export { bundledFontDirectory, type PngOptions, renderChartSvg, renderSvgToPng } from "./charts/render-chart.js";
export { buildRunCostChart, type JudgeRunCost, type RunCostChartOptions } from "./charts/run-cost-chart.js";
export {
  buildJudgeRatingScatterChart,
  buildPointwisePairwiseChart,
  type JudgeRatingPoint,
  type JudgeRatingScatterChartOptions,
  type PointwisePairwiseChartOptions,
  type PointwisePairwisePoint,
  thinEvenly,
} from "./charts/scatter-charts.js";
export {
  buildConvergenceChart,
  buildRankDistributionChart,
  type ConvergenceChartOptions,
  type ConvergencePoint,
  type RankDistributionChartOptions,
  type RankShare,
} from "./charts/stability-charts.js";
