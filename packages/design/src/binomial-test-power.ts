import { normalCdf, normalQuantile } from "@judgelab/ratings";

/**
 * Power of the two-sided level-α binomial test of H₀: p = ½ after n comparisons of two items, where the
 * stronger wins with probability p, by the normal approximation (counting only rejections in the true
 * direction; the other tail is negligible once the power is of interest):
 *   power = Φ( (|p − ½|·√n − z₁₋α/₂·½) / √(p(1 − p)) ).
 * Derivation: under H₁ the win share p̂ ≈ N(p, p(1 − p)/n); the test rejects when |p̂ − ½| > z₁₋α/₂·½/√n
 * (the null standard error ½/√n), so P(p̂ − ½ > z·½/√n) = Φ((p − ½ − z·½/√n)·√n/√(p(1 − p))).
 * (Chow, Shao & Wang 2008, Sample Size Calculations in Clinical Research, 2nd ed., §4.1, one-sample proportion.)
 */
export function binomialTestPower(options: { p: number; n: number; alpha?: number }): number {
  const { p, n } = options;
  const z = normalQuantile(1 - (options.alpha ?? 0.05) / 2);
  return normalCdf((Math.abs(p - 0.5) * Math.sqrt(n) - 0.5 * z) / Math.sqrt(p * (1 - p)));
}
