import type { BradleyTerryPosterior } from "./fit-bradley-terry-posterior.js";
import { normalQuantile } from "./normal-distribution.js";
import { createRandomSource } from "./random-source.js";
import { type BootstrapSummary, summarizeBootstrap } from "./summarize-bootstrap.js";

/**
 * Rank intervals from `draws` normal draws θ = θ̂ + L·z (z standard normal, L·Lᵀ the posterior covariance): each
 * draw is ranked (competition ranks, 1 = strongest) and the `level` percentile interval of an item's ranks is its
 * rank interval (inverted-CDF quantiles, so bounds stay integers), as {@link summarizeBootstrap} does for
 * bootstrap rounds. Seeded: the same posterior, draws and seed give the same intervals.
 */
export function drawPosteriorRanks(
  posterior: BradleyTerryPosterior,
  options: { draws: number; seed: number; level?: number },
): BootstrapSummary {
  const { mean, covarianceFactor } = posterior;
  const size = mean.length;
  const random = createRandomSource(options.seed);
  const normal = new Float64Array(size);
  const samples = new Float64Array(options.draws * size);
  for (let r = 0; r < options.draws; r++) {
    for (let k = 0; k < size; k++) normal[k] = normalQuantile(random.next() * (1 - 2 ** -53) + 2 ** -54);
    const offset = r * size;
    for (let i = 0; i < size; i++) {
      let sum = mean[i]!;
      const row = i * size;
      for (let k = 0; k <= i; k++) sum += covarianceFactor[row + k]! * normal[k]!;
      samples[offset + i] = sum;
    }
  }
  return summarizeBootstrap({
    itemIds: posterior.itemIds,
    estimate: mean,
    samples,
    rounds: options.draws,
    ...(options.level === undefined ? {} : { level: options.level }),
  });
}
