export {
  type BootstrapBradleyTerryOptions,
  type BradleyTerryBootstrap,
  bootstrapBradleyTerry,
} from "./bootstrap-bradley-terry.js";
export { type BootstrapRowsOptions, bootstrapRows } from "./bootstrap-rows.js";
export { chronologicalOrder } from "./chronological-order.js";
export { computeElo, type EloOptions } from "./compute-elo.js";
export { computeWinRates, type WinRates } from "./compute-win-rates.js";
export { ARENA_ELO_SCALE, type EloScale, eloPointsPerLogUnit, type RatingAnchor } from "./elo-scale.js";
export { type BradleyTerryFit, type BradleyTerryOptions, fitBradleyTerry } from "./fit-bradley-terry.js";
export { type AggregatePairCellsOptions, aggregatePairCells, type PairCells } from "./pair-cells.js";
export type { PairwiseOutcomes } from "./pairwise-outcomes.js";
export { quantileSorted } from "./percentile.js";
export { createRandomSource, type RandomSource } from "./random-source.js";
export { rankByConfidenceInterval, rankByScore } from "./rank-items.js";
export { sampleBinomial } from "./sample-binomial.js";
export { sampleMultinomial } from "./sample-multinomial.js";
export { scoreMatches } from "./score-matches.js";
export { type BootstrapSummary, summarizeBootstrap } from "./summarize-bootstrap.js";
export { wilsonInterval } from "./wilson-interval.js";
