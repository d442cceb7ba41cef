/**
 * The q-quantile (0 ≤ q ≤ 1) of sorted values by linear interpolation between order statistics (type 7 of
 * Hyndman & Fan 1996, the default of R's quantile() and numpy.percentile): h = (n − 1)q,
 * Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]). Empty input gives NaN.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const below = Math.floor(h);
  const above = Math.min(n - 1, below + 1);
  const low = sorted[below]!;
  return low + (h - below) * (sorted[above]! - low);
}
