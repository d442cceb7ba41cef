/** Disagreement weights of weighted κ: `none` (unweighted), `linear` |i−j|/(k−1), `quadratic` ((i−j)/(k−1))². */
export type KappaWeights = "none" | "linear" | "quadratic";

/**
 * Cohen's κ from a k×k confusion matrix (row = rater A's category, column = rater B's), row-major:
 * κ = (p_o − p_e)/(1 − p_e), p_o = Σ_i n_ii/n, p_e = Σ_i (n_i·/n)(n_·i/n) (Cohen 1960).
 * Weighted (Cohen 1968, sklearn `cohen_kappa_score(weights=…)`): κ_w = 1 − Σ w_ij n_ij / Σ w_ij e_ij with
 * disagreement weights w and expected counts e_ij = n_i· n_·j / n. Categories are ordered by index.
 * Returns NaN when n = 0 or the expected disagreement is 0 (both raters constant on one category).
 */
export function cohenKappaFromMatrix(matrix: ArrayLike<number>, k: number, weights: KappaWeights = "none"): number {
  const rowTotals = new Float64Array(k);
  const columnTotals = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const count = matrix[i * k + j]!;
      rowTotals[i]! += count;
      columnTotals[j]! += count;
      n += count;
    }
  }
  if (n === 0) return Number.NaN;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const distance = k > 1 ? Math.abs(i - j) / (k - 1) : 0;
      const weight = weights === "none" ? (i === j ? 0 : 1) : weights === "linear" ? distance : distance * distance;
      observed += weight * matrix[i * k + j]!;
      expected += (weight * rowTotals[i]! * columnTotals[j]!) / n;
    }
  }
  return expected === 0 ? Number.NaN : 1 - observed / expected;
}

/**
 * Cohen's κ between two label sequences (category codes 0..k−1; pairs where either label is outside
 * 0..k−1 are skipped). See {@link cohenKappaFromMatrix}. Example: sklearn `cohen_kappa_score`.
 */
export function cohenKappa(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  k: number,
  weights: KappaWeights = "none",
): { value: number; n: number } {
  const matrix = new Float64Array(k * k);
  let n = 0;
  for (let index = 0; index < a.length; index++) {
    const x = a[index]!;
    const y = b[index]!;
    if (x < 0 || x >= k || y < 0 || y >= k) continue;
    matrix[x * k + y]!++;
    n++;
  }
  return { value: cohenKappaFromMatrix(matrix, k, weights), n };
}
