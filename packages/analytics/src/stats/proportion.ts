import type { Interval, Proportion, Statistic } from "../metrics-document.js";

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion (Wilson 1927), as in METRICS.md:
 * centre (p̂ + z²/2n)/(1 + z²/n), half-width z·sqrt(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
 * Example: 8 of 10 → [0.4902, 0.9433].
 */
export function wilsonInterval(count: number, n: number, z = Z95): Interval | undefined {
  if (n <= 0) return undefined;
  const p = count / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), level: 0.95, method: "wilson" };
}

/** A {@link Proportion} with a Wilson 95% CI (no CI when n = 0). */
export function proportion(count: number, n: number): Proportion {
  const ci = wilsonInterval(count, n);
  return ci === undefined ? { count, n, value: null } : { count, n, value: count / n, ci };
}

/** A {@link Statistic}; non-finite values become null. */
export function statistic(value: number, n: number, ci?: Interval): Statistic {
  const finite = Number.isFinite(value) ? value : null;
  return ci === undefined || finite === null ? { value: finite, n } : { value: finite, n, ci };
}

/** Percentile bootstrap interval from resampled values (non-finite values dropped); undefined when none. */
export function bootstrapInterval(values: ArrayLike<number>): Interval | undefined {
  const finite: number[] = [];
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (Number.isFinite(value)) finite.push(value);
  }
  if (finite.length < 2) return undefined;
  finite.sort((a, b) => a - b);
  return {
    lower: quantileSorted(finite, 0.025),
    upper: quantileSorted(finite, 0.975),
    level: 0.95,
    method: "bootstrap",
  };
}

/** Quantile of sorted values with linear interpolation (R type 7, numpy default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (position - low);
}
