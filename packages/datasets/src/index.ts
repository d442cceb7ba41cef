export { type ComparisonTable, StrengthCode, VerdictCode } from "./comparison-table.js";
export {
  buildComparisonTable,
  ComparisonTableBuilder,
  type ComparisonTableOptions,
} from "./comparison-table-builder.js";
export {
  describeFilter,
  type FilterSummary,
  filterDataset,
  parseWhereClause,
  type WhereClause,
  WhereClauseError,
} from "./filter-dataset.js";
export { groupCodesByItemField, type ItemGrouping } from "./group-codes-by-item-field.js";
export {
  type ItemCovariates,
  itemCovariates,
  itemFieldGroups,
  measureTextStyle,
  STYLE_CONTROLS,
  type TextStyle,
} from "./item-covariates.js";
export { JsonLinesWriter } from "./json-lines-writer.js";
export { type LoadDatasetOptions, type LoadedDataset, loadDataset } from "./load-dataset.js";
export {
  DEFAULT_MODEL_FAMILIES,
  type ModelFamilyTable,
  modelFamily,
  parseModelFamilies,
} from "./model-families.js";
export { DEFAULT_CHUNK_SIZE, openByteStream } from "./open-byte-stream.js";
export {
  type DelimitedRow,
  DelimitedTextError,
  parseDelimitedText,
} from "./parse-delimited-text.js";
export { type ReadComparisonRecordsOptions, readComparisonRecords } from "./read-comparison-records.js";
export { type CsvRecord, type ReadCsvOptions, readCsvRecords } from "./read-csv-records.js";
export { isBlankLine, type JsonLine, readJsonLines } from "./read-json-lines.js";
export {
  DEFAULT_MAX_LINE_LENGTH,
  type LineBatch,
  type ReadLinesOptions,
  readLineBatches,
} from "./read-line-batches.js";
export { type DatasetFiles, MANIFEST_FILE, resolveDatasetFiles } from "./resolve-dataset-files.js";
export type { ScanProgress } from "./scan-context.js";
export { selectRows } from "./select-rows.js";
export { splitByJudge } from "./split-by-judge.js";
export { StringDictionary } from "./string-dictionary.js";
export { type ValidateDatasetOptions, validateDataset } from "./validate-dataset.js";
export {
  DatasetError,
  FILE_FIELD,
  formatValidationProblem,
  LINE_FIELD,
  type RecordCounts,
  type ValidationProblem,
  type ValidationReport,
} from "./validation-report.js";
export { type DatasetToWrite, writeDataset } from "./write-dataset.js";
