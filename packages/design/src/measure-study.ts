import { fitBradleyTerry, normalQuantile, type PairwiseOutcomes, type RandomSource } from "@judgelab/ratings";
import type { PlanTarget } from "./parse-plan-target.js";
import { LOG_ODDS_PER_ELO } from "./plan-assumptions.js";
import { rankIntervalWidths } from "./rank-interval-widths.js";

/** Above this many items the fit uses the sparse Newton solver (the dense one grows as items³ per step). */
export const DENSE_FIT_ITEMS = 50;

/** What one simulated study gives at one budget: one value per target, and the fit for warm starts. */
export interface StudyMeasurement {
  /** rank-width: median width over items; top-k: 1 when the top k is exactly right, else 0; separate: share of probe pairs told apart (NaN without probe pairs). */
  readonly values: Float64Array;
  readonly parameters: Float64Array;
}

/**
 * Fits Bradley–Terry (ties as half wins, L2 prior `prior`, no order effect: what `judgelab rate --method bt`
 * fits) to a study's first comparisons and measures each target against the truth:
 * - rank-width: the median over items of the 95% rank-interval width ({@link rankIntervalWidths});
 * - top-k: whether the k items of highest θ̂ are the true top k (as a set);
 * - separate=D: over probe pairs (each item with the item whose true strength is nearest D Elo above it, when
 *   that gap is within ±10% of D), the share with z = (θ̂_hi − θ̂_lo)/SE > z₀.₉₇₅, where
 *   SE² = (s_hi² + s_lo²)·n/(n − 1) turns the centred estimates' standard errors into that of a difference
 *   (exact for a complete balanced design, where Var(θ̂_a − θ̂_b) = 2/(wn) and Var(θ̂_i − θ̄) = (1 − 1/n)/(wn);
 *   for two items it is the Wald test of the log-odds, i.e. of the binomial proportion).
 */
export function measureStudy(options: {
  outcomes: PairwiseOutcomes;
  truth: Float64Array;
  targets: readonly PlanTarget[];
  prior: number;
  rankDraws: number;
  random: RandomSource;
  start?: Float64Array | undefined;
}): StudyMeasurement {
  const { outcomes, truth, targets } = options;
  const items = truth.length;
  const fit = fitBradleyTerry(outcomes, {
    prior: options.prior,
    solver: items > DENSE_FIT_ITEMS ? "sparse" : "dense",
    ...(options.start === undefined ? {} : { start: options.start }),
  });
  const estimates = fit.logStrengths;
  const errors = fit.logStrengthStandardErrors;
  let widths: Float64Array | undefined;
  const values = new Float64Array(targets.length);
  targets.forEach((target, index) => {
    if (target.kind === "rank-width") {
      widths ??= rankIntervalWidths({
        estimates,
        standardErrors: errors,
        draws: options.rankDraws,
        random: options.random,
      });
      values[index] = median(widths);
    } else if (target.kind === "top-k") {
      values[index] = sameTop(truth, estimates, target.k) ? 1 : 0;
    } else {
      values[index] = separatedShare(truth, estimates, errors, target.elo * LOG_ODDS_PER_ELO);
    }
  });
  return { values, parameters: fit.parameters };
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function topSet(values: Float64Array, k: number): Set<number> {
  const order = Array.from({ length: values.length }, (_, i) => i);
  const key = (i: number) => (Number.isNaN(values[i]!) ? Number.NEGATIVE_INFINITY : values[i]!);
  order.sort((a, b) => key(b) - key(a));
  return new Set(order.slice(0, k));
}

function sameTop(truth: Float64Array, estimates: Float64Array, k: number): boolean {
  const trueTop = topSet(truth, k);
  for (const item of topSet(estimates, k)) if (!trueTop.has(item)) return false;
  return true;
}

/** Probe pairs [low, high] for a gap (log-odds): each item with the item whose true strength is nearest gap above it. */
export function probePairs(truth: Float64Array, gap: number): [number, number][] {
  const order = Array.from({ length: truth.length }, (_, i) => i).sort((a, b) => truth[a]! - truth[b]!);
  const pairs: [number, number][] = [];
  let next = 0;
  for (let position = 0; position < order.length; position++) {
    const low = order[position]!;
    const wanted = truth[low]! + gap;
    next = Math.max(next, position + 1);
    while (next < order.length && truth[order[next]!]! < wanted) next++;
    let best = -1;
    for (const candidate of [next - 1, next]) {
      if (candidate <= position || candidate >= order.length) continue;
      const difference = truth[order[candidate]!]! - truth[low]!;
      if (
        Math.abs(difference - gap) <= 0.1 * gap &&
        (best < 0 || Math.abs(difference - gap) < Math.abs(truth[order[best]!]! - truth[low]! - gap))
      )
        best = candidate;
    }
    if (best >= 0) pairs.push([low, order[best]!]);
  }
  return pairs;
}

function separatedShare(truth: Float64Array, estimates: Float64Array, errors: Float64Array, gap: number): number {
  const pairs = probePairs(truth, gap);
  if (pairs.length === 0) return Number.NaN;
  const n = truth.length;
  const critical = normalQuantile(0.975);
  let separated = 0;
  for (const [low, high] of pairs) {
    const difference = estimates[high]! - estimates[low]!;
    const standardError = Math.sqrt((errors[high]! ** 2 + errors[low]! ** 2) * (n / (n - 1)));
    if (difference / standardError > critical) separated++;
  }
  return separated / pairs.length;
}
