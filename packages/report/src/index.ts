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
  buildIntervalCoverageChart,
  type IntervalCoverageChartOptions,
  type IntervalCoverageRow,
} from "./charts/interval-coverage-chart.js";
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
export { type CreatedReport, type CreateReportOptions, createReport } from "./create-report.js";
export { type ControlledSection, controlledSections } from "./html/controlled-ratings-tables.js";
export { escapeHtml, escapeMarkdown } from "./html/escape-html.js";
export { renderHtmlPage, renderHtmlTable } from "./html/html-page.js";
export {
  formatDisplayDate,
  type ItemPageHtmlOptions,
  itemPageFileName,
  renderItemPageHtml,
} from "./html/item-page-html.js";
export {
  REPORT_SECTIONS,
  type RenderedChart,
  type ReportPageContent,
  renderReportHtml,
} from "./html/render-report-html.js";
export { renderReportMarkdown } from "./html/render-report-markdown.js";
export {
  buildReportCharts,
  type ChartLimits,
  DEFAULT_CHART_LIMITS,
  eloWinProbability,
  meanOverall,
  type ReportChart,
  type ReportSectionId,
} from "./model/build-report-charts.js";
export {
  type BuildReportDataOptions,
  buildReportData,
  rankDistributionShares,
  selectPageItems,
  type TournamentScores,
} from "./model/build-report-data.js";
export {
  type CollectComparisonDetailsOptions,
  type ComparisonDetails,
  collectComparisonDetails,
  detailsLinePrefilter,
  type JudgeUsage,
} from "./model/collect-comparison-details.js";
export {
  type ControlledBoard,
  type ControlledRatings,
  computeControlledRatings,
  MAX_JUDGE_BIAS_ITEMS,
  type ReportGrouping,
  type ReportStyleControl,
} from "./model/controlled-ratings.js";
export { describeFindings, type ReportFindings } from "./model/describe-findings.js";
export type {
  HistoryEntry,
  ItemAssessment,
  ItemPage,
  ItemRating,
  ItemStanding,
  JudgeRunSummary,
  ReportData,
  TournamentScore,
  ValueInterval,
} from "./model/report-data.js";
export { hashDatasetContent, type RunMetadata } from "./model/run-metadata.js";
export { summarizeCategories } from "./model/summarize-categories.js";
export { ReportError, type ReportErrorCode } from "./report-error.js";
export { type WriteReportOptions, type WrittenReport, writeReport } from "./write-report.js";
