import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/**
 * The intra-class correlation ρ of the outcomes of comparisons sharing a match, by the exchangeable moment
 * estimator of generalised estimating equations (Liang & Zeger 1986, Biometrika 73(1)) with Pearson residuals
 * r = (s − p)/√(p(1 − p)), where s is the score of the match's lower-coded item (1 win, ½ tie, 0 loss) and
 * p = σ(θ_low − θ_high) its fitted probability:
 *   ρ̂ = [Σ_m Σ_{k<l} r_mk·r_ml / Σ_m n_m(n_m − 1)/2] / [Σ r² / N].
 * Returns 0 when no match holds two valid comparisons; clipped to [0, 0.95] (a negative estimate, e.g. from
 * position bias splitting the two orders, is treated as no shared noise). `logStrengths` by item code.
 */
export function estimateMatchCorrelation(outcomes: PairwiseOutcomes, logStrengths: ArrayLike<number>): number {
  const match = outcomes.match;
  if (match === undefined) return 0;
  const sums = new Map<number, { sum: number; squares: number; count: number }>();
  let squares = 0;
  let valid = 0;
  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    if (verdict > 2) continue;
    const a = outcomes.first[row]!;
    const b = outcomes.second[row]!;
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    const p = 1 / (1 + Math.exp(logStrengths[high]! - logStrengths[low]!));
    if (!(p > 0 && p < 1)) continue;
    const firstScore = verdict === 0 ? 1 : verdict === 1 ? 0 : 0.5;
    const score = a === low ? firstScore : 1 - firstScore;
    const residual = (score - p) / Math.sqrt(p * (1 - p));
    squares += residual * residual;
    valid++;
    const code = match[row]!;
    if (code < 0) continue;
    const entry = sums.get(code) ?? { sum: 0, squares: 0, count: 0 };
    entry.sum += residual;
    entry.squares += residual * residual;
    entry.count++;
    sums.set(code, entry);
  }
  let cross = 0;
  let pairs = 0;
  for (const entry of sums.values()) {
    if (entry.count < 2) continue;
    cross += (entry.sum * entry.sum - entry.squares) / 2;
    pairs += (entry.count * (entry.count - 1)) / 2;
  }
  if (pairs === 0 || squares === 0) return 0;
  const estimate = cross / pairs / (squares / valid);
  return Math.min(0.95, Math.max(0, estimate));
}
