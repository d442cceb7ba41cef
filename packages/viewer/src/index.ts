export { type LogNotice, RunLogReader } from "./live/run-log-reader.js";
export { type RunProgress, RunProgressState } from "./live/run-progress.js";
export { type ComparisonStore, indexComparisonFile, memoryComparisonStore } from "./model/comparison-store.js";
export {
  FALLBACK_PRIOR,
  LEADERBOARD_METHODS,
  type LeaderboardQuery,
  type LeaderboardResult,
  type LeaderboardSettings,
  rateBoard,
  selectBoardRows,
} from "./model/compute-leaderboard.js";
export { type ComparisonPage, type ComparisonQuery, filterComparisons } from "./model/filter-comparisons.js";
export { computeRowFlags, RowFlag, type RowFlags } from "./model/row-flags.js";
export { buildViewData, type ItemView, type ViewData } from "./model/view-data.js";
export { ViewModel } from "./model/view-model.js";
export { CONTENT_SECURITY_POLICY, createViewerApp, type ViewerAppOptions } from "./server/create-viewer-app.js";
export { type RunningViewer, type StartViewerOptions, startViewer } from "./server/start-viewer.js";
export { loadViewerAssets, type ViewerAsset } from "./server/viewer-assets.js";
export { openViewSource } from "./source/open-view-source.js";
export type { ViewSource } from "./source/view-source.js";
export { ViewerInputError } from "./source/viewer-input-error.js";
