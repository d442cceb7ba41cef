/**
 * @judgelab/engine-duckdb: DuckDB (embedded, `@duckdb/node-api`, loaded lazily) as the engine for comparison
 * files too large to load as rows: JSONL or Parquet is scanned and aggregated in SQL into the cells, clusters
 * and per-judge tables the ratings and analytics packages consume, so JavaScript never holds one object or one
 * typed-array entry per comparison.
 */

export {
  type AggregateRatingCellsOptions,
  aggregateRatingCells,
} from "./aggregate-rating-cells.js";
export {
  type AnalyzeComparisonFileOptions,
  type AnalyzedComparisonFile,
  analyzeComparisonFile,
} from "./analyze-comparison-file.js";
export {
  chooseEngine,
  DUCKDB_GZIP_BYTES,
  DUCKDB_JSONL_BYTES,
  type Engine,
  type EngineOption,
} from "./choose-engine.js";
export {
  type ComparisonSource,
  isParquetPath,
  locateComparisonsFile,
  resolveComparisonSource,
} from "./comparison-source.js";
export { countJudgeVerdicts, type JudgeVerdictCounts } from "./count-judge-verdicts.js";
export {
  type DuckDbSession,
  type DuckDbSessionOptions,
  openDuckDbSession,
  type QueryColumns,
} from "./duckdb-session.js";
export { EngineInputError } from "./engine-input-error.js";
export { type RatedComparisonFile, rateComparisonFile } from "./rate-comparison-file.js";
export { type ScannedComparisons, scanComparisons } from "./scan-comparisons.js";
export { sqlString } from "./source-sql.js";
