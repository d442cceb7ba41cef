/**
 * @judgelab/ratings: rating models on plain typed arrays (no IO, no schema). Input is {@link PairwiseOutcomes}
 * (the datasets package's ComparisonTable satisfies it). See README.md for the methods and their references.
 */

export { type AggregatedComparisons, isAggregatedComparisons } from "./aggregated-comparisons.js";
export {
  type BootstrapBradleyTerryOptions,
  type BradleyTerryBootstrap,
  bootstrapBradleyTerry,
  type PendingBradleyTerryBootstrap,
  startBootstrapBradleyTerry,
} from "./bootstrap-bradley-terry.js";
export { bootstrapCells } from "./bootstrap-cells.js";
export { type BootstrapRowsOptions, bootstrapRows } from "./bootstrap-rows.js";
export type { CellCounts } from "./bradley-terry-likelihood.js";
export { checkIntervalsAtDesign, type IntervalCheck } from "./check-intervals-at-design.js";
export { chronologicalOrder, replayValidRows } from "./chronological-order.js";
export {
  type CellClusters,
  type Clustering,
  ClusteringError,
  type ClusteringSummary,
  type ClusterOption,
  clusterCells,
  clusterInput,
  clusterRows,
  resolveClustering,
} from "./cluster-comparisons.js";
export { computeElo, type EloOptions } from "./compute-elo.js";
export { computeGlicko2, type Glicko2Options, type Glicko2Ratings } from "./compute-glicko2.js";
export { computeMeanScores, type MeanScores } from "./compute-mean-scores.js";
export { computeOpenSkill, type OpenSkillRatings } from "./compute-open-skill.js";
export { computeTrueSkill, type TrueSkillRatings } from "./compute-true-skill.js";
export { computeWinRates, computeWinRatesFromCells, type WinRates } from "./compute-win-rates.js";
export { aggregateCovariateCells, type CovariateCells } from "./covariate-cells.js";
export { createSubsetRefitter, type SubsetRefitter, type SubsetRefitterOptions } from "./create-subset-refitter.js";
export { DEFAULT_PRIOR } from "./default-prior.js";
export { drawPosteriorRanks } from "./draw-posterior-ranks.js";
export { ARENA_ELO_SCALE, type EloScale, eloPointsPerLogUnit, type RatingAnchor } from "./elo-scale.js";
export { estimateMatchCorrelation } from "./estimate-match-correlation.js";
export { type Baseline, findBaselines } from "./find-baselines.js";
export {
  type BradleyTerryFit,
  type BradleyTerryOptions,
  fitBradleyTerry,
  MAX_DENSE_ITEMS,
} from "./fit-bradley-terry.js";
export { type BradleyTerryPosterior, fitBradleyTerryPosterior } from "./fit-bradley-terry-posterior.js";
export {
  type CovariateBradleyTerryFit,
  type CovariateBradleyTerryOptions,
  type CovariateCoefficient,
  findAliasedCovariate,
  fitCovariateBradleyTerry,
} from "./fit-covariate-bradley-terry.js";
export {
  fitJudgeAwareBradleyTerry,
  type JudgeAwareBradleyTerryFit,
  type JudgeAwareBradleyTerryOptions,
} from "./fit-judge-aware-bradley-terry.js";
export {
  type CategoryRank,
  formatSeedScore,
  rankWithinCategory,
  type SeedScore,
  titleHashKey,
} from "./format-seed-score.js";
export { type GroupedOutcomes, groupItems } from "./group-items.js";
export { describeMleProblem, hasFiniteMle } from "./has-finite-mle.js";
export { KURATE_TRUE_SKILL } from "./kurate-true-skill.js";
export {
  type IntervalCoverage,
  type IntervalMethod,
  type MethodCoverage,
  measureIntervalCoverage,
} from "./measure-interval-coverage.js";
export { normalCdf, normalDensity, normalQuantile } from "./normal-distribution.js";
export { mixtureRhoFor, normalMixtureBoundary } from "./normal-mixture-boundary.js";
export {
  normaliseStyleDifferences,
  SINGLE_VALUE_COVARIATE_WARNING,
  type SideFeatures,
  type StyleDesign,
  selectSideFeatureRows,
  sideFeaturesFromItems,
} from "./normalise-style-differences.js";
export { type AggregatePairCellsOptions, aggregatePairCells, type PairCells } from "./pair-cells.js";
export type { PairwiseOutcomes } from "./pairwise-outcomes.js";
export { quantileSorted } from "./percentile.js";
export { createRandomSource, type RandomSource } from "./random-source.js";
export { rankByConfidenceInterval, rankByScore } from "./rank-items.js";
export {
  type CovariateMethodSettings,
  rateCovariateBradleyTerry,
  type StyleControl,
} from "./rate-covariate-bradley-terry.js";
export {
  featureNeedingRows,
  type RateItemsOptions,
  rateAggregatedComparisons,
  rateItems,
} from "./rate-items.js";
export type {
  EstimateWithInterval,
  RatedItem,
  RatingMethod,
  RatingReport,
  StyleControlSummary,
} from "./rating-report.js";
export { RatingsError, type RatingsErrorCode } from "./ratings-error.js";
export { sampleBinomial } from "./sample-binomial.js";
export { sampleMultinomial } from "./sample-multinomial.js";
export { fillNormal, sampleNormal } from "./sample-normal.js";
export {
  type BradleyTerrySandwich,
  type SandwichBradleyTerryOptions,
  sandwichBradleyTerry,
} from "./sandwich-bradley-terry.js";
export { scoreMatches } from "./score-matches.js";
export { type ClusteredDesign, simulateClusteredOutcomes } from "./simulate-clustered-outcomes.js";
export { type BootstrapSummary, summarizeBootstrap } from "./summarize-bootstrap.js";
export {
  GLICKO2_DEFAULTS,
  type Glicko2Game,
  type Glicko2Player,
  type Glicko2Settings,
  updateGlicko2,
} from "./update-glicko2.js";
export { SEED_TRUE_SKILL, type SkillBelief, type TrueSkillEnvironment, updateTrueSkill } from "./update-true-skill.js";
export { wilsonInterval } from "./wilson-interval.js";
