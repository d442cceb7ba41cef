export { alpacaEvalImporter } from "./alpaca-eval/alpaca-eval-importer.js";
export {
  ALPACA_EVAL_LICENSE,
  alpacaEvalPreferenceForSecond,
  mapAlpacaEvalAnnotation,
} from "./alpaca-eval/map-alpaca-eval-annotation.js";
export { arenaBattlesImporter } from "./arena-battles/arena-battles-importer.js";
export {
  ARENA_BATTLE_COLUMNS,
  ARENA_KAGGLE_COLUMNS,
  arenaParquetLayout,
  kaggleArenaRecord,
} from "./arena-battles/arena-parquet-layouts.js";
export { arenaWinnerVerdict, mapArenaBattle } from "./arena-battles/map-arena-battle.js";
export { ARENA_HARD_DEFAULT_BASELINE, arenaHardImporter } from "./arena-hard/arena-hard-importer.js";
export {
  type ArenaHardLabel,
  mapArenaHardJudgment,
  parseArenaHardLabel,
} from "./arena-hard/map-arena-hard-judgment.js";
export { btCountsImporter } from "./bt-counts/bt-counts-importer.js";
export {
  CONFLICTING_JUDGMENT_REASON,
  DatasetCollector,
  REPEATED_JUDGMENT_REASON,
  SELF_COMPARISON_REASON,
} from "./dataset-collector.js";
export { defineImporter, type ImporterDefinition } from "./define-importer.js";
export { COLUMN_MAPPING_KEYS, type ColumnMapping, resolveColumnMapping } from "./generic/column-mapping.js";
export { csvImporter, genericParquetImporter, jsonlImporter } from "./generic/generic-importers.js";
export { ImportInputError } from "./import-input-error.js";
export {
  type ImportReport,
  ImportReportBuilder,
  type ImportWarning,
  MAX_EXAMPLES,
  type SkippedRecords,
  type SourceLocation,
  type WrittenCounts,
} from "./import-report.js";
export type {
  CollectContext,
  CollectFunction,
  Importer,
  ImportOptions,
  ImportResult,
  ImportSettings,
  ManifestFields,
} from "./importer.js";
export { findImporter, IMPORTERS } from "./importers.js";
export { judgingTheJudgesImporter } from "./judging-the-judges/judging-the-judges-importer.js";
export { extractJudgingTheJudgesChoice } from "./judging-the-judges/map-judging-the-judges-row.js";
export { kurateImporter } from "./kurate/kurate-importer.js";
export { llmbarImporter } from "./llmbar/llmbar-importer.js";
export { modelFamily } from "./model-family.js";
export { MT_BENCH_HUMAN_COLUMNS, mtBenchImporter } from "./mt-bench/mt-bench-importer.js";
export { pandalmImporter } from "./pandalm/pandalm-importer.js";
export {
  checkParquetColumns,
  describeParquetColumns,
  EXPECTED_TYPE_TEXT,
  type ExpectedParquetType,
  type ParquetColumn,
} from "./parquet/parquet-column-types.js";
export {
  isParquetPath,
  type OpenedParquetFile,
  openParquetFile,
  plainParquetValue,
  readParquetRecords,
} from "./parquet/read-parquet-records.js";
export { isoFromUnixSeconds, positionalVerdict, swapVerdict, type WinnerSide } from "./positional-verdict.js";
export { DATASET_FILE_NAMES, prepareOutputFolder } from "./prepare-output-folder.js";
export {
  DatasetFetchError,
  type DatasetFetchErrorKind,
  unreachableHostCode,
} from "./registry/dataset-fetch-error.js";
export {
  type DownloadOptions,
  type DownloadOutcome,
  type DownloadProgress,
  downloadWithResume,
  type FetchFunction,
  sha256OfFile,
} from "./registry/download-with-resume.js";
export {
  checkFetchUrl,
  type FetchProgress,
  type FetchPublicDatasetOptions,
  type FileCheck,
  fetchPublicDataset,
  fileDownloadUrl,
} from "./registry/fetch-public-dataset.js";
export { loadPublicManifests, parsePublicManifest } from "./registry/load-public-manifests.js";
export {
  type PublicDatasetFile,
  type PublicDatasetManifest,
  publicDatasetFileSchema,
  publicDatasetManifestSchema,
} from "./registry/public-dataset-manifest.js";
export { vicunaReviewsImporter } from "./vicuna-reviews/vicuna-reviews-importer.js";
