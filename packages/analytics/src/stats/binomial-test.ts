/**
 * Natural log of the gamma function (Lanczos approximation, g = 7, n = 9; |error| < 1e-13 for x > 0.5).
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const shifted = x - 1;
  let sum = c[0]!;
  for (let index = 1; index < 9; index++) sum += c[index]! / (shifted + index);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** log P(X = k) for X ~ Binomial(n, p). */
export function logBinomialPmf(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p);
}

/**
 * Two-sided exact binomial test of k successes in n trials against probability p: the sum of
 * P(X = i) over all i with P(X = i) ≤ P(X = k) (the "minimum likelihood" p-value of R `binom.test`
 * and scipy `binomtest`, with the same 1e-7 relative tolerance). Example: 7 of 10 at 0.5 → 0.34375.
 * Returns null when n = 0.
 */
export function binomialTestPValue(k: number, n: number, p = 0.5): number | null {
  if (n <= 0) return null;
  const observed = logBinomialPmf(k, n, p);
  const threshold = observed + Math.log1p(1e-7);
  let total = 0;
  for (let index = 0; index <= n; index++) {
    const logPmf = logBinomialPmf(index, n, p);
    if (logPmf <= threshold) total += Math.exp(logPmf);
  }
  return Math.min(1, total);
}

/**
 * McNemar's exact test on paired binary outcomes: a binomial test of `onlyA` among the `onlyA + onlyB`
 * discordant pairs against 0.5. Returns 1 when there is no discordant pair.
 */
export function mcnemarExactPValue(onlyA: number, onlyB: number): number {
  return binomialTestPValue(onlyA, onlyA + onlyB, 0.5) ?? 1;
}
