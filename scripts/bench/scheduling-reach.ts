/**
 * The comparison criterion of `scheduling.bench.ts`: when does a scheduler's curve reach another scheduler's final
 * accuracy? Both run on the same simulated items per replication, so the comparison is paired: at budget b,
 * d_r(b) = a_r(b) − f_r for replication r (a: the curve's accuracy, f: the reference's final accuracy, for
 * Spearman's ρ and for the top-k share separately), with mean d̄(b) and standard error SE(b) = sd(d)/√R.
 * - `strict`: the first budget from which d̄ ≥ 0 for both metrics up to the end of the curve;
 * - `withinError`: the first budget from which d̄ ≥ −z·SE for both metrics (z = 2 by default): not worse than the
 *   reference by more than the simulation error. (A looser criterion with fewer replications, so the SEs are
 *   printed next to it.)
 */
import type { CurvePoint } from "./scheduling-curves.ts";

/** The paired difference of one metric at one budget. */
export interface PairedDifference {
  readonly mean: number;
  readonly se: number;
}

/** Where a curve reaches a reference, with the paired differences at that budget. */
export interface Reach {
  readonly comparisons: number;
  readonly spearman: PairedDifference;
  readonly topK: PairedDifference;
}

/** Mean and standard error (sd/√n, sd with n − 1) of `values`. */
export function meanAndSe(values: readonly number[]): PairedDifference {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { mean, se: 0 };
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** Paired differences curve_r[b] − final_r per budget index b, up to the shortest curve. */
export function pairedDifferences(curves: readonly (readonly CurvePoint[])[], finals: readonly CurvePoint[]): Reach[] {
  const length = Math.min(...curves.map((curve) => curve.length));
  return Array.from({ length }, (_, b) => {
    const of = (metric: "spearman" | "topK") =>
      meanAndSe(curves.map((curve, r) => curve[b]![metric] - finals[r]![metric]));
    const comparisons = curves.reduce((sum, curve) => sum + curve[b]!.comparisons, 0) / curves.length;
    return { comparisons, spearman: of("spearman"), topK: of("topK") };
  });
}

/**
 * The first budget from which the paired differences stay ≥ −z·SE (z = 0: ≥ 0, the strict reading) for both
 * metrics up to the end of the curve; undefined when the last budget misses.
 */
export function firstReach(differences: readonly Reach[], z: number): Reach | undefined {
  const ok = (difference: PairedDifference) => difference.mean >= -z * difference.se - 1e-12;
  let reached: Reach | undefined;
  for (const point of differences) {
    if (ok(point.spearman) && ok(point.topK)) reached ??= point;
    else reached = undefined;
  }
  return reached;
}
