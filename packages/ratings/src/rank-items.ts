/**
 * Competition ranks ("1224" ranking) of `scores`, higher is better: rank(i) = 1 + #{j : score_j > score_i}.
 * NaN scores (unrated items) get rank NaN and do not count against others.
 */
export function rankByScore(scores: ArrayLike<number>): Float64Array {
  const count = scores.length;
  const codes: number[] = [];
  for (let i = 0; i < count; i++) if (!Number.isNaN(scores[i]!)) codes.push(i);
  codes.sort((a, b) => scores[b]! - scores[a]!);
  const ranks = new Float64Array(count).fill(Number.NaN);
  for (let position = 0; position < codes.length; position++) {
    const code = codes[position]!;
    const previous = position > 0 ? codes[position - 1]! : -1;
    ranks[code] = previous >= 0 && scores[previous] === scores[code] ? ranks[previous]! : position + 1;
  }
  return ranks;
}

/**
 * Chatbot Arena's rank with confidence intervals: rank(a) = 1 + #{b : lower(b) > upper(a)}, i.e. one plus the
 * number of items that are better than `a` with confidence (their whole interval lies above a's).
 * Items with a NaN bound get NaN.
 */
export function rankByConfidenceInterval(options: {
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}): Float64Array {
  const { lower, upper } = options;
  const count = lower.length;
  const lowers: number[] = [];
  for (let i = 0; i < count; i++) if (!Number.isNaN(lower[i]!) && !Number.isNaN(upper[i]!)) lowers.push(lower[i]!);
  lowers.sort((a, b) => a - b);
  const ranks = new Float64Array(count).fill(Number.NaN);
  for (let i = 0; i < count; i++) {
    const top = upper[i]!;
    if (Number.isNaN(top) || Number.isNaN(lower[i]!)) continue;
    // Count lowers strictly greater than `top` by binary search.
    let low = 0;
    let high = lowers.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (lowers[middle]! > top) high = middle;
      else low = middle + 1;
    }
    ranks[i] = 1 + (lowers.length - low);
  }
  return ranks;
}
