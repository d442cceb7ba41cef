import { choleskyInPlace, choleskyInverse } from "./cholesky.js";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import type { PairCells } from "./pair-cells.js";
import { RatingsError } from "./ratings-error.js";

/** A Gaussian (Laplace) approximation of the Bradley–Terry posterior of the natural-log strengths θ. */
export interface BradleyTerryPosterior {
  readonly itemIds: readonly string[];
  /** Posterior mode θ̂ (prior mean 0, so Σθ̂ = 0; items without comparisons sit at 0). */
  readonly mean: Float64Array;
  /** Laplace covariance H⁻¹ (n×n, row-major), H the negative Hessian of the log posterior at the mode. */
  readonly covariance: Float64Array;
  /** Lower Cholesky factor L of the covariance (L·Lᵀ = H⁻¹, row-major, upper triangle 0), for normal draws. */
  readonly covarianceFactor: Float64Array;
}

/**
 * The Laplace approximation of the Bradley–Terry posterior under the prior θ ~ N(0, I/λ) (λ = `prior` > 0):
 *   mode θ̂ = argmax Σ_cells [w_ij log σ(θ_i − θ_j) + w_ji log σ(θ_j − θ_i)] − λ/2·Σθ²  (ties half a win each way),
 *   H = λI + Σ_cells n_ij p_ij (1 − p_ij)(e_i − e_j)(e_i − e_j)ᵀ,  p_ij = σ(θ̂_i − θ̂_j),   θ | data ≈ N(θ̂, H⁻¹).
 * The mode comes from {@link fitBradleyTerry} (dense Newton with the same prior); H is the Fisher information plus
 * the prior precision, positive definite for any data, so the posterior exists from the first comparison on
 * (items never compared keep the prior, N(0, 1/λ)). Used by adaptive designs that score pairs by the variance of
 * θ_i − θ_j (Glickman & Jensen 2005, "Adaptive paired comparison design", J. Stat. Plan. Inference 127:279–293).
 * Dense: O(n³) per call, meant for groups up to a few hundred items.
 */
export function fitBradleyTerryPosterior(cells: PairCells, options: { prior: number }): BradleyTerryPosterior {
  const { prior } = options;
  if (!(prior > 0))
    throw new RatingsError("invalid-option", `fitBradleyTerryPosterior: prior must be > 0, got ${prior}`);
  const size = cells.itemIds.length;
  const mean = new Float64Array(size);
  if (cells.size > 0) {
    const fit = fitBradleyTerry(cells, { prior, solver: "dense", tolerance: 1e-9 });
    // With a prior the mode has Σθ = 0 over all items and θ = 0 for items never compared, which is how the fit
    // centres its rated items.
    for (let i = 0; i < size; i++) mean[i] = fit.rated[i] === 1 ? fit.logStrengths[i]! : 0;
  }
  const precision = new Float64Array(size * size);
  for (let i = 0; i < size; i++) precision[i * size + i] = prior;
  for (let c = 0; c < cells.size; c++) {
    const i = cells.first[c]!;
    const j = cells.second[c]!;
    const n = cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
    const p = 1 / (1 + Math.exp(mean[j]! - mean[i]!));
    const weight = n * p * (1 - p);
    precision[i * size + i] = precision[i * size + i]! + weight;
    precision[j * size + j] = precision[j * size + j]! + weight;
    precision[i * size + j] = precision[i * size + j]! - weight;
    precision[j * size + i] = precision[j * size + i]! - weight;
  }
  if (!choleskyInPlace(precision, size)) {
    throw new RatingsError(
      "unsuitable-data",
      "fitBradleyTerryPosterior: the posterior precision is not positive definite",
    );
  }
  const covariance = choleskyInverse(precision, size);
  const covarianceFactor = covariance.slice();
  if (!choleskyInPlace(covarianceFactor, size)) {
    throw new RatingsError("unsuitable-data", "fitBradleyTerryPosterior: the covariance is not positive definite");
  }
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) covarianceFactor[i * size + j] = 0;
  return { itemIds: cells.itemIds, mean, covariance, covarianceFactor };
}
