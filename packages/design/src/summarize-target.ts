import { normalQuantile } from "@judgelab/ratings";
import { meetsTarget, type PlanTarget } from "./parse-plan-target.js";

/** One target's estimate at one budget, with its simulation (Monte Carlo) standard error. */
export interface TargetEstimate {
  readonly target: string;
  readonly estimate: number;
  readonly standardError: number;
  readonly met: boolean;
  /** Simulated studies that gave a value (separate: those with at least one probe pair). */
  readonly studies: number;
}

/**
 * Summarises the per-study values of one target:
 * - rank-width: the median over studies, with the distribution-free order-statistic standard error
 *   (x₍ᵤ₎ − x₍ₗ₎)/(2·1.96), l, u = R/2 ∓ 1.96·√R/2 (the ranks of the binomial 95% interval of the median,
 *   Conover 1999, §3.2);
 * - top-k and separate: the mean over studies with the standard error √(Σ(v − v̄)²/R)/√R, which for 0/1 values
 *   is the binomial √(p̂(1 − p̂)/R).
 */
export function summarizeTarget(target: PlanTarget, values: Float64Array): TargetEstimate {
  const present = Float64Array.from(values.filter((value) => !Number.isNaN(value)));
  const count = present.length;
  let estimate = Number.NaN;
  let standardError = Number.NaN;
  if (count > 0 && target.kind === "rank-width") {
    present.sort();
    const middle = count >> 1;
    estimate = count % 2 === 1 ? present[middle]! : (present[middle - 1]! + present[middle]!) / 2;
    const z = normalQuantile(0.975);
    const halfSpread = (z * Math.sqrt(count)) / 2;
    const lower = Math.max(0, Math.floor(count / 2 - halfSpread));
    const upper = Math.min(count - 1, Math.ceil(count / 2 + halfSpread) - 1);
    standardError = (present[upper]! - present[lower]!) / (2 * z);
  } else if (count > 0) {
    let sum = 0;
    for (const value of present) sum += value;
    estimate = sum / count;
    let squares = 0;
    for (const value of present) squares += (value - estimate) ** 2;
    standardError = Math.sqrt(squares / count / count);
  }
  return {
    target: target.label,
    estimate,
    standardError,
    met: !Number.isNaN(estimate) && meetsTarget(target, estimate),
    studies: count,
  };
}
