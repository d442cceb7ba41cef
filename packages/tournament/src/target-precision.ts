import { drawPosteriorRanks, mixtureRhoFor, normalMixtureBoundary, rankByScore } from "@judgelab/ratings";
import type { GroupPosterior } from "./group-posterior.js";
import type { TargetSettings } from "./tournament-config.js";

/** Rank intervals of a group and whether its precision target is met. Arrays are indexed by group position. */
export interface TargetPrecision {
  /** Rank of the posterior mean (1 = strongest). */
  readonly rank: Float64Array;
  readonly rankLower: Float64Array;
  readonly rankUpper: Float64Array;
  /** 1 for the items the target is about: the top `topK` by posterior mean, or every item. */
  readonly focus: Uint8Array;
  /** 1 for items whose interval still matters and is wider than W: the ones worth comparing. */
  readonly unresolved: Uint8Array;
  /** The measured width: the largest focus width (with `topK`) or the median width (without). */
  readonly width: number;
  readonly met: boolean;
}

/**
 * Intrinsic time (information of a strength difference, 1/Var) at which the anytime boundary is made tightest:
 * 5, a standard error of 0.45 log-odds. Without repeated pairs a difference rarely gets more information than a
 * few units (each pair is one Bernoulli draw, p(1 − p) ≤ 1/4), so a boundary tuned for more would be loose there.
 */
export const ANYTIME_TUNING_INFORMATION = 5;

/**
 * Measures a group's rank precision against the target:
 * - default: 95% (`level`) rank intervals from `draws` normal draws of the Laplace posterior (percentiles of the
 *   drawn ranks, `drawPosteriorRanks`);
 * - `anytime`: rank intervals from pairwise confidence sequences, lower = 1 + #{j: θ_j − θ_i > h_ij},
 *   upper = n − #{j: θ_i − θ_j > h_ij}, with h_ij = u(I_ij)/I_ij the normal-mixture half-width
 *   ({@link normalMixtureBoundary}) at the information I_ij = 1/Var(θ_i − θ_j) of the difference, at level
 *   α/(pairs examined) (Bonferroni), so every interval holds at every round simultaneously with probability
 *   ≥ 1 − α (asymptotically: the posterior is a normal approximation; Waudby-Smith et al. 2021).
 * The width of an interval is upper − lower. With `topK` the target is met when every item among the top `topK`
 * by posterior mean has width ≤ `rankWidth`; without, when the median width is ≤ `rankWidth`. Unresolved items:
 * those wider than W that are in, or may be in, the top `topK` (rank lower bound ≤ topK), or any wider than W.
 */
export function measureTargetPrecision(options: {
  group: GroupPosterior;
  target: TargetSettings;
  seed: number;
}): TargetPrecision {
  const { group, target } = options;
  const { mean } = group.posterior;
  const size = mean.length;
  const rank = rankByScore(mean);
  const topK = target.topK === undefined ? size : Math.min(target.topK, size);
  const focus = new Uint8Array(size);
  for (let i = 0; i < size; i++) focus[i] = rank[i]! <= topK ? 1 : 0;
  const { rankLower, rankUpper } = target.anytime
    ? anytimeRankIntervals(group, focus, 1 - target.level)
    : drawPosteriorRanks(group.posterior, { draws: target.draws, seed: options.seed, level: target.level });
  const widths: number[] = [];
  const unresolved = new Uint8Array(size);
  let widest = 0;
  for (let i = 0; i < size; i++) {
    const width = rankUpper[i]! - rankLower[i]!;
    if (focus[i] === 1) {
      widths.push(width);
      widest = Math.max(widest, width);
    }
    const relevant = target.topK === undefined || focus[i] === 1 || rankLower[i]! <= topK;
    unresolved[i] = relevant && width > target.rankWidth ? 1 : 0;
  }
  const width = target.topK === undefined ? median(widths) : widest;
  return { rank, rankLower, rankUpper, focus, unresolved, width, met: width <= target.rankWidth };
}

/** Anytime-valid rank intervals of the focus items (others get [1, n]); see {@link measureTargetPrecision}. */
function anytimeRankIntervals(
  group: GroupPosterior,
  focus: Uint8Array,
  alpha: number,
): { rankLower: Float64Array; rankUpper: Float64Array } {
  const { mean, covariance } = group.posterior;
  const size = mean.length;
  let focusCount = 0;
  for (let i = 0; i < size; i++) focusCount += focus[i]!;
  const pairAlpha = alpha / Math.max(1, focusCount * (size - 1));
  const rho = mixtureRhoFor({ intrinsicTime: ANYTIME_TUNING_INFORMATION, alpha: pairAlpha });
  const rankLower = new Float64Array(size).fill(1);
  const rankUpper = new Float64Array(size).fill(size);
  for (let i = 0; i < size; i++) {
    if (focus[i] === 0) continue;
    let above = 0;
    let below = 0;
    for (let j = 0; j < size; j++) {
      if (j === i) continue;
      const variance = covariance[i * size + i]! + covariance[j * size + j]! - 2 * covariance[i * size + j]!;
      const information = 1 / variance;
      const halfWidth = normalMixtureBoundary({ intrinsicTime: information, alpha: pairAlpha, rho }) / information;
      const difference = mean[i]! - mean[j]!;
      if (-difference > halfWidth) above++;
      else if (difference > halfWidth) below++;
    }
    rankLower[i] = 1 + above;
    rankUpper[i] = size - below;
  }
  return { rankLower, rankUpper };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
