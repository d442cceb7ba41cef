/**
 * @judgelab/report: the reliability report of a dataset (Markdown, HTML, vega-lite charts) from the analytics'
 * metrics document. The public API is what is used outside the package: `createReport` (what `judgelab report`
 * and `judgelab demo` run), its typed refusals (`ReportError`), and the chart builders and HTML escaping the
 * viewer shares. Everything else (the report model, its HTML and Markdown renderers, the chart theme) is
 * internal; export more here only when another package needs it.
 */

export {
  type AgreementChartOptions,
  buildAgreementChart,
  type LabelledMatrix,
} from "./charts/heatmap-charts.js";
export {
  buildIntervalCoverageChart,
  type IntervalCoverageChartOptions,
  type IntervalCoverageRow,
} from "./charts/interval-coverage-chart.js";
export { buildLeaderboardChart, type LeaderboardChartOptions, type RatedItem } from "./charts/leaderboard-chart.js";
export {
  buildPositionBiasChart,
  type JudgePositionBias,
  type PositionBiasChartOptions,
} from "./charts/position-bias-charts.js";
export {
  buildRankIntervalChart,
  type RankedItem,
  type RankIntervalChartOptions,
} from "./charts/rank-interval-chart.js";
export { renderChartSvg } from "./charts/render-chart.js";
export { type CreatedReport, type CreateReportOptions, createReport } from "./create-report.js";
export { escapeHtml } from "./html/escape-html.js";
export type { ReportStyleControl } from "./model/controlled-ratings.js";
export { ReportError, type ReportErrorCode } from "./report-error.js";
export { type DataTable, tableFromRecords } from "./tables/data-table.js";
export { type ExportedTables, exportDatasetTables } from "./tables/export-dataset-tables.js";
export { metricsDataFrames, ratingsDataFrame, toDataFrame } from "./tables/to-data-frame.js";
export {
  EXCEL_MAX_ROWS,
  excelSheetNames,
  TableExportError,
  type TableFormat,
  writeTables,
} from "./tables/write-tables.js";
