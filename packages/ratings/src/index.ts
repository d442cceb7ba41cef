export type { PairwiseOutcomes } from "./pairwise-outcomes.js";
