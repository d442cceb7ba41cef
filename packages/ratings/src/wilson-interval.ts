/**
 * Wilson score interval for a binomial proportion (Wilson 1927): with p̂ = successes/n and z the normal quantile,
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z·√(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n).
 * Unlike the Wald interval it stays inside [0, 1] and behaves at p̂ = 0 or 1. n = 0 gives [0, 1].
 *
 * @example wilsonInterval({ successes: 8, trials: 10 }) // { lower: 0.4902, upper: 0.9433 } (z = 1.96)
 */
export function wilsonInterval(options: { successes: number; trials: number; z?: number }): {
  lower: number;
  upper: number;
} {
  const { successes, trials } = options;
  const z = options.z ?? 1.959963984540054;
  if (trials === 0) return { lower: 0, upper: 1 };
  if (successes < 0 || successes > trials)
    throw new RangeError(`wilsonInterval: successes ${successes} outside [0, ${trials}]`);
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { lower: Math.max(0, centre - halfWidth), upper: Math.min(1, centre + halfWidth) };
}
