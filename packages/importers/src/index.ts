export { alpacaEvalImporter } from "./alpaca-eval/alpaca-eval-importer.js";
export {
  CONFLICTING_JUDGMENT_REASON,
  DatasetCollector,
  REPEATED_JUDGMENT_REASON,
  SELF_COMPARISON_REASON,
} from "./dataset-collector.js";
export { defineImporter, type ImporterDefinition } from "./define-importer.js";
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
export { judgingTheJudgesImporter } from "./judging-the-judges/judging-the-judges-importer.js";
export { llmbarImporter } from "./llmbar/llmbar-importer.js";
export { modelFamily } from "./model-family.js";
export { pandalmImporter } from "./pandalm/pandalm-importer.js";
export { isoFromUnixSeconds, positionalVerdict, swapVerdict, type WinnerSide } from "./positional-verdict.js";
export { DATASET_FILE_NAMES, prepareOutputFolder } from "./prepare-output-folder.js";
