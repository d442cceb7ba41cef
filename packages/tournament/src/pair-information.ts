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
  return covariance[i * size + i]! + covariance[j * size + j]! - 2 * covariance[i * size + j]!;
}

/** v − v' = w·v² / (1 + w·v): how much one comparison shrinks Var(θ_i − θ_j) (Glickman & Jensen 2005). */
export function varianceReduction(pair: PairInformation): number {
  const variance = differenceVariance(pair);
  return (pair.weight * variance * variance) / (1 + pair.weight * variance);
}

/** Nodes of the tail integral in {@link orderGain}. */
const TAIL_NODES = 16;

/**
 * The expected gain in the probability of ordering i and j correctly from one comparison (a knowledge-gradient
 * score for rank uncertainty; Frazier, Powell & Dayanik 2008, "A knowledge-gradient policy for sequential
 * information collection"). Now the order of d̂ is right with probability π = Φ(|d̂|/√v). After the comparison
 * the difference's variance is v', and its mean d̂', before the outcome is seen, is distributed N(d̂, v − v')
 * (the preposterior); since π is a martingale, the gain E[max(π', 1 − π')] − π comes only from outcomes that
 * flip the sign of the mean:
 *   gain = E[(2Φ(|d̂'|/√v') − 1) · 1{sign d̂' ≠ sign d̂}],
 * an integral over the tail z < −|d̂|/√(v − v') of the standard normal, taken on 16 equal-probability nodes of
 * that tail (so the gain is ≥ 0 and tiny, not 0, for clearly ordered pairs). It is small for pairs whose order is
 * already clear (|d̂| ≫ √v) and for near-ties one comparison cannot settle (v − v' ≪ v'), largest for pairs that
 * are uncertain and resolvable; Σ P(misordered) over pairs is the expected Kendall distance of the ranking.
 */
export function orderGain(pair: PairInformation & { readonly difference: number }): number {
  const variance = differenceVariance(pair);
  const after = variance / (1 + pair.weight * variance);
  const spread = Math.sqrt(Math.max(0, variance - after));
  if (spread === 0) return 0;
  const sdAfter = Math.sqrt(after);
  const distance = Math.abs(pair.difference);
  const tail = normalCdf(-distance / spread);
  if (tail === 0) return 0;
  let sum = 0;
  for (let k = 0; k < TAIL_NODES; k++) {
    const z = normalQuantile((tail * (k + 0.5)) / TAIL_NODES);
    sum += 2 * normalCdf(-(distance + spread * z) / sdAfter) - 1;
  }
  return (tail * sum) / TAIL_NODES;
}

/**
 * Σ ← Σ − w·(Σx)(Σx)ᵀ / (1 + w·xᵀΣx), x = e_i − e_j: the covariance after the comparison is observed
 * (Sherman–Morrison for adding w·x xᵀ to the precision), in O(size²). `direction` is scratch of length size.
 */
export function observeComparison(pair: PairInformation, direction: Float64Array): void {
  const { covariance, size, i, j, weight } = pair;
  for (let k = 0; k < size; k++) direction[k] = covariance[k * size + i]! - covariance[k * size + j]!;
  const scale = weight / (1 + weight * (direction[i]! - direction[j]!));
  for (let r = 0; r < size; r++) {
    const factor = scale * direction[r]!;
    if (factor === 0) continue;
    const row = r * size;
    for (let k = 0; k < size; k++) covariance[row + k] = covariance[row + k]! - factor * direction[k]!;
  }
}
