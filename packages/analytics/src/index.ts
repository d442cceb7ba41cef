export { cohenKappa, cohenKappaFromMatrix, type KappaWeights } from "./agreement/cohen-kappa.js";
export { fleissKappa, type RatingCounts } from "./agreement/fleiss-kappa.js";
export { type AlphaLevel, krippendorffAlpha } from "./agreement/krippendorff-alpha.js";
export { type MtBenchAgreementCounts, measureMtBenchAgreement } from "./agreement/mt-bench-agreement.js";
export { collectUnitVotes, type UnitVotes } from "./agreement/unit-votes.js";
export type {
  AnalysisInput,
  AnalysisOptions,
  AssessmentColumns,
  ConditionColumn,
  ItemInfo,
  JudgeInfo,
  ReferenceColumns,
} from "./analysis-input.js";
export { AnalyticsError, type AnalyticsErrorCode } from "./analytics-error.js";
export { analyzeJudges, analyzeJudgesWithSamples, type PooledBootstrapSamples } from "./analyze-judges.js";
export {
  type AssessmentRecordLike,
  buildAnalysisInput,
  type EncodingProblem,
  type ItemRecordLike,
  type JudgeRecordLike,
  type ReferenceRecordLike,
} from "./build-analysis-input.js";
export {
  type CalibrationFigures,
  calibrationBin,
  computeCalibrationFigures,
} from "./calibration/compute-calibration-figures.js";
export {
  CALIBRATION_BINS,
  type CalibrationBinValue,
  type CalibrationRow,
  type CalibrationSection,
  measureCalibration,
} from "./calibration/measure-calibration.js";
export {
  defaultItemGrouping,
  type GroupedTable,
  groupComparisonTable,
  groupItemsByField,
  type ItemGrouping,
  resolveItemGrouping,
} from "./group-comparison-table.js";
export { analyzeJudgeTables, ROW_LEVEL_SECTIONS } from "./judge-tables/analyze-judge-tables.js";
export type {
  JudgeTablesDocument,
  JudgeTablesInput,
  JudgeTablesOptions,
} from "./judge-tables/judge-tables-document.js";
export { labelJudgeCodes } from "./judge-tables/label-judge-codes.js";
export {
  type AgreementSection,
  type AlpacaEvalAgreement,
  type BiasesSection,
  type Bin,
  type BothOrderFigures,
  type CoherenceRow,
  type CoherenceSection,
  type ConditionsSection,
  type ConvergencePoint,
  type DatasetSummary,
  type GoldAgreement,
  type GoldAgreementRow,
  type Interval,
  type JudgePairAgreement,
  type JudgeSummary,
  type JudgeWriterCell,
  type Leaderboard,
  type LeaderboardCorrelation,
  type LeaderboardRow,
  type LengthBiasRow,
  type LeniencyRow,
  METRICS_SCHEMA_VERSION,
  type MetricsDocument,
  type OrderDesign,
  type OverlapRow,
  type PanelAgreement,
  type PositionBiasRow,
  type PositionBiasSection,
  type Proportion,
  type RatedUnit,
  type ReferenceSection,
  type ResolvedAnalysisOptions,
  type Section,
  type SelfPreferenceRow,
  type ShiFigures,
  type StabilitySection,
  type Statistic,
  type TimeWindow,
  type Transitivity,
  type Unavailable,
} from "./metrics-document.js";
export { buildPairUnits, type PairUnits, UnitLabel } from "./pair-units.js";
export { CONFOUNDED_LABEL, detectOrderConfounding } from "./position-bias/detect-order-confounding.js";
export {
  type AgainstReferenceSection,
  type GapRow,
  type PairReferenceRow,
  RATING_GAP_EDGES,
  REFERENCE_TIE_RULE,
  type ScoreOrderRow,
} from "./reference/measure-against-reference.js";
export { countCyclicTriads } from "./stability/measure-transitivity.js";
export { binomialTestPValue, mcnemarExactPValue } from "./stats/binomial-test.js";
export { expectedTopOverlap } from "./stats/expected-top-overlap.js";
export { kendallTauB, spearman } from "./stats/rank-correlation.js";
