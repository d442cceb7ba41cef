import { quantileSorted } from "./percentile.js";
import { rankByConfidenceInterval, rankByScore } from "./rank-items.js";

/** Bootstrap uncertainty of per-item ratings. Arrays are indexed by item code. */
export interface BootstrapSummary {
  readonly itemIds: readonly string[];
  readonly rounds: number;
  /** Confidence level of the intervals (0.95 → 2.5th and 97.5th percentiles). */
  readonly level: number;
  /** The point estimate reported (full-data fit, or the bootstrap median for order-dependent methods). */
  readonly estimate: Float64Array;
  readonly median: Float64Array;
  /** Percentile interval of the bootstrap ratings. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Standard deviation of the bootstrap ratings (for normal approximations such as pair-rank Brier scores). */
  readonly standardDeviation: Float64Array;
  /** Competition rank of `estimate` (1 = best). */
  readonly rank: Float64Array;
  /** Percentile interval of the per-round ranks (inverted-CDF quantiles, so they stay integers). */
  readonly rankLower: Float64Array;
  readonly rankUpper: Float64Array;
  /** Chatbot Arena's rank: 1 + #{b : lower(b) > upper(a)}. */
  readonly rankByInterval: Float64Array;
  /** All bootstrap ratings, rounds × items row-major (round r, item i at r·n + i); NaN where unrated. */
  readonly samples: Float64Array;
}

/**
 * Summarises bootstrap ratings: percentile intervals (2.5/97.5 for level 0.95, type-7 quantiles), per-round
 * competition ranks → rank intervals, and Arena's rank-by-CI rule. NaN samples (item absent from a resample)
 * are left out of that item's quantiles.
 */
export function summarizeBootstrap(options: {
  itemIds: readonly string[];
  estimate: Float64Array;
  samples: Float64Array;
  rounds: number;
  level?: number;
}): BootstrapSummary {
  const { itemIds, estimate, samples, rounds } = options;
  const level = options.level ?? 0.95;
  const itemCount = itemIds.length;
  const tail = (1 - level) / 2;
  const ranks = new Float64Array(rounds * itemCount);
  for (let r = 0; r < rounds; r++) {
    ranks.set(rankByScore(samples.subarray(r * itemCount, (r + 1) * itemCount)), r * itemCount);
  }
  const median = new Float64Array(itemCount);
  const lower = new Float64Array(itemCount);
  const upper = new Float64Array(itemCount);
  const standardDeviation = new Float64Array(itemCount);
  const rankLower = new Float64Array(itemCount);
  const rankUpper = new Float64Array(itemCount);
  const column = new Float64Array(rounds);
  const rankColumn = new Float64Array(rounds);
  for (let i = 0; i < itemCount; i++) {
    let count = 0;
    let rankCount = 0;
    for (let r = 0; r < rounds; r++) {
      const value = samples[r * itemCount + i]!;
      if (!Number.isNaN(value)) column[count++] = value;
      const rank = ranks[r * itemCount + i]!;
      if (!Number.isNaN(rank)) rankColumn[rankCount++] = rank;
    }
    const sorted = column.subarray(0, count).sort();
    median[i] = quantileSorted(sorted, 0.5);
    lower[i] = quantileSorted(sorted, tail);
    upper[i] = quantileSorted(sorted, 1 - tail);
    standardDeviation[i] = sampleStandardDeviation(sorted);
    const sortedRanks = rankColumn.subarray(0, rankCount).sort();
    rankLower[i] = invertedCdfQuantile(sortedRanks, tail);
    rankUpper[i] = invertedCdfQuantile(sortedRanks, 1 - tail);
  }
  return {
    itemIds,
    rounds,
    level,
    estimate,
    median,
    lower,
    upper,
    standardDeviation,
    rank: rankByScore(estimate),
    rankLower,
    rankUpper,
    rankByInterval: rankByConfidenceInterval({ lower, upper }),
    samples,
  };
}

/** Smallest x with empirical CDF ≥ q (type 1 of Hyndman & Fan); NaN for empty input. */
function invertedCdfQuantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

function sampleStandardDeviation(values: Float64Array): number {
  if (values.length < 2) return Number.NaN;
  let mean = 0;
  for (const value of values) mean += value;
  mean /= values.length;
  let sum = 0;
  for (const value of values) sum += (value - mean) ** 2;
  return Math.sqrt(sum / (values.length - 1));
}
