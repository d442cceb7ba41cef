/**
 * Ranks with ties averaged (1-based), as used by Spearman's ρ: tied values share the mean of their ranks.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, index) => index).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + end + 1) / 2;
    for (let index = start; index < end; index++) ranks[order[index]!] = rank;
    start = end;
  }
  return ranks;
}

/** Pearson correlation; NaN when either side has zero variance or n < 2. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  let meanX = 0;
  let meanY = 0;
  for (let index = 0; index < n; index++) {
    meanX += x[index]!;
    meanY += y[index]!;
  }
  meanX /= n;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let index = 0; index < n; index++) {
    const dx = x[index]! - meanX;
    const dy = y[index]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ = Pearson correlation of average ranks (scipy `spearmanr`). NaN when undefined. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * Kendall's τ-b = (C − D) / sqrt((n0 − n1)(n0 − n2)), n0 = n(n−1)/2, n1/n2 = pairs tied in x/y
 * (scipy `kendalltau` default). O(n²), fine for leaderboards of a few thousand items. NaN when undefined.
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(xi - x[j]!);
      const dy = Math.sign(yi - y[j]!);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((n0 - tiedX) * (n0 - tiedY));
  return denominator === 0 ? Number.NaN : (concordant - discordant) / denominator;
}
