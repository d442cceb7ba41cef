import { fillNormal, quantileSorted, type RandomSource } from "@judgelab/ratings";

/** Spread of an unrated item's draws (log-odds): far wider than any strength, so its rank is uniformly random. */
const UNRATED_SCALE = 1e6;

/**
 * Widths of 95% rank intervals from normal draws: each draw sets θ̃_i = θ̂_i + s_i·z_i (z_i independent standard
 * normal, s_i the Bradley–Terry standard error), ranks the items (1 = strongest), and an item's interval is the
 * 2.5% and 97.5% quantiles of its ranks over the draws; the width is upper − lower (0: the rank is pinned).
 * The draws ignore the covariances of the estimates (only the diagonal of the inverse information is known
 * without forming it); those are O(1/items) on connected designs. An item without an estimate (NaN, no
 * comparison yet) could be anywhere: in the draws it takes a random place, and its own width is items − 1.
 * Cost: draws × items·log(items).
 */
export function rankIntervalWidths(options: {
  estimates: Float64Array;
  standardErrors: Float64Array;
  draws: number;
  random: RandomSource;
}): Float64Array {
  const { estimates, standardErrors, draws, random } = options;
  const count = estimates.length;
  const ranks = new Float64Array(count * draws);
  const values = new Float64Array(count);
  const sorted = new Float64Array(count);
  for (let d = 0; d < draws; d++) {
    fillNormal(values, random);
    for (let i = 0; i < count; i++) {
      const estimate = estimates[i]!;
      values[i] = Number.isNaN(estimate) ? UNRATED_SCALE * values[i]! : estimate + standardErrors[i]! * values[i]!;
    }
    // A native numeric sort and a binary search per item (ties have probability 0) beat a comparator sort.
    sorted.set(values);
    sorted.sort();
    for (let i = 0; i < count; i++) ranks[i * draws + d] = count - upperBound(sorted, values[i]!) + 1;
  }
  const widths = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    if (Number.isNaN(estimates[i]!)) {
      widths[i] = count - 1;
      continue;
    }
    const sorted = ranks.subarray(i * draws, (i + 1) * draws).sort();
    widths[i] = quantileSorted(sorted, 0.975) - quantileSorted(sorted, 0.025);
  }
  return widths;
}

/** Number of values ≤ `value` in ascending `sorted`. */
function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
