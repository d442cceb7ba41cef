import { quantileSorted, wilsonInterval } from "@judgelab/ratings";
import type { Interval, Proportion, Statistic } from "../metrics-document.js";

/** A {@link Proportion} with a Wilson 95% CI (no CI when n = 0). */
export function proportion(count: number, n: number): Proportion {
  if (n <= 0) return { count, n, value: null };
  const { lower, upper } = wilsonInterval({ successes: count, trials: n });
  return { count, n, value: count / n, ci: { lower, upper, level: 0.95, method: "wilson" } };
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
