import type { LeaderboardCorrelation } from "../metrics-document.js";
import { statistic } from "../stats/proportion.js";
import { kendallTauB, spearman } from "../stats/rank-correlation.js";

/**
 * Spearman ρ and Kendall τ-b between two rating vectors (indexed by item code) over the items both rate
 * (finite in both); `n` is that item count.
 */
export function correlateRatings(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): { spearman: number; kendall: number; n: number } {
  const x: number[] = [];
  const y: number[] = [];
  for (let item = 0; item < a.length; item++) {
    if (Number.isFinite(a[item]!) && Number.isFinite(b[item]!)) {
      x.push(a[item]!);
      y.push(b[item]!);
    }
  }
  return { spearman: spearman(x, y), kendall: kendallTauB(x, y), n: x.length };
}

/** A {@link LeaderboardCorrelation} row between two named rating vectors. */
export function leaderboardCorrelation(
  names: { a: string; b: string },
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): LeaderboardCorrelation {
  const result = correlateRatings(a, b);
  return {
    a: names.a,
    b: names.b,
    spearman: statistic(result.spearman, result.n),
    kendall: statistic(result.kendall, result.n),
  };
}
