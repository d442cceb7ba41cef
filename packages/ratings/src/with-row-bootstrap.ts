import { bootstrapRows } from "./bootstrap-rows.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import type { MethodResult, MethodSettings } from "./rate-methods.js";

/**
 * Adds a row bootstrap to an online method's full-data result: percentile intervals of `rate` over resampled
 * rows (the replay order is the drawn order) and rank intervals; `keepIntervals` keeps the result's own
 * intervals (win rates keep Wilson's).
 */
export function withRowBootstrap(
  outcomes: PairwiseOutcomes,
  settings: MethodSettings,
  result: Omit<MethodResult, "lower" | "upper" | "intervals"> & { lower?: Float64Array; upper?: Float64Array },
  rate: (sample: PairwiseOutcomes) => Float64Array,
  keepIntervals?: string,
): MethodResult {
  const bootstrap = bootstrapRows(outcomes, {
    rounds: settings.rounds,
    seed: settings.seed,
    estimate: result.rating,
    rate,
  });
  if (keepIntervals !== undefined) {
    return { ...result, lower: result.lower ?? null, upper: result.upper ?? null, bootstrap, intervals: keepIntervals };
  }
  return {
    ...result,
    lower: bootstrap.lower,
    upper: bootstrap.upper,
    bootstrap,
    intervals: `95% percentile intervals over ${settings.rounds} row-bootstrap rounds (rows resampled with replacement and replayed in drawn order); rank intervals from the bootstrap ranks`,
  };
}
