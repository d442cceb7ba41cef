import { normalCdf, normalQuantile } from "@judgelab/ratings";

/**
 * What one more comparison of items i and j is worth under the Gaussian posterior θ ~ N(θ̂, Σ) of a group (the
 * `target` scheduler's pair scores). A comparison adds w·x xᵀ to the posterior precision, x = e_i − e_j, with
 * w = p(1 − p), p = σ(θ̂_i − θ̂_j) (the Fisher information of one Bernoulli outcome), so the variance of the
 * difference d = θ_i − θ_j goes from v = xᵀΣx = Σ_ii + Σ_jj − 2Σ_ij to v' = v / (1 + w·v).
 */
export interface PairInformation {
  /** Σ, row-major size × size (updated in place by {@link observeComparison}). */
  readonly covariance: Float64Array;
  readonly size: number;
  readonly i: number;
  readonly j: number;
  /** w = p(1 − p). */
  readonly weight: number;
}

function differenceVariance({ covariance, size, i, j }: PairInformation): number {
  return (covariance[i * size + i] as number) + (covariance[j * size + j] as number) - 2 * (covariance[i * size + j] as number);
}

/** v − v' = w·v² / (1 + w·v): how much one comparison shrinks Var(θ_i − θ_j) (Glickman & Jensen 2005). */
export function varianceReduction(pair: PairInformation): number {
  const variance = differenceVariance(pair);
  return (pair.weight * variance * variance) / (1 + pair.weight * variance);
}

/** Equal-probability nodes of N(0, 1) (midpoints of 16 bins) for the preposterior expectation below. */
const NORMAL_NODES = Array.from({ length: 16 }, (_, k) => normalQuantile((k + 0.5) / 16));

/**
 * The expected gain in the probability of ordering i and j correctly from one comparison (a knowledge-gradient
 * score for rank uncertainty; Frazier, Powell & Dayanik 2008, "A knowledge-gradient policy for sequential
 * information collection"). Now the order is right with probability Φ(|d̂|/√v). After the comparison the
 * difference's variance is v', and its mean d̂' is, before seeing the outcome, distributed N(d̂, v − v') (the
 * preposterior), so
 *   gain = E[Φ(|d̂'|/√v')] − Φ(|d̂|/√v),
 * the expectation taken on 16 equal-probability normal nodes. It is small for pairs whose order is already clear
 * (|d̂| ≫ √v) and for near-ties that one comparison cannot settle (v − v' ≪ v'), largest for pairs that are
 * uncertain and resolvable; summed over pairs, Σ P(misordered) is the expected Kendall distance of the ranking.
 */
export function orderGain(pair: PairInformation & { readonly difference: number }): number {
  const variance = differenceVariance(pair);
  const after = variance / (1 + pair.weight * variance);
  const spread = Math.sqrt(Math.max(0, variance - after));
  const sdAfter = Math.sqrt(after);
  let expected = 0;
  for (const node of NORMAL_NODES) expected += normalCdf(Math.abs(pair.difference + spread * node) / sdAfter);
  return expected / NORMAL_NODES.length - normalCdf(Math.abs(pair.difference) / Math.sqrt(variance));
}

/**
 * Σ ← Σ − w·(Σx)(Σx)ᵀ / (1 + w·xᵀΣx), x = e_i − e_j: the covariance after the comparison is observed
 * (Sherman–Morrison for adding w·x xᵀ to the precision), in O(size²). `direction` is scratch of length size.
 */
export function observeComparison(pair: PairInformation, direction: Float64Array): void {
  const { covariance, size, i, j, weight } = pair;
  for (let k = 0; k < size; k++) direction[k] = (covariance[k * size + i] as number) - (covariance[k * size + j] as number);
  const scale = weight / (1 + weight * ((direction[i] as number) - (direction[j] as number)));
  for (let r = 0; r < size; r++) {
    const factor = scale * (direction[r] as number);
    if (factor === 0) continue;
    const row = r * size;
    for (let k = 0; k < size; k++) covariance[row + k] = (covariance[row + k] as number) - factor * (direction[k] as number);
  }
}
