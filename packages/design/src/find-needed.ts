import { type PlanTarget, targetThreshold } from "./parse-plan-target.js";
import type { PlanPoint } from "./run-power-analysis.js";
import type { TargetEstimate } from "./summarize-target.js";

/** One target's answer. */
export interface TargetResult {
  readonly target: string;
  readonly threshold: number;
  /** Whether some budget up to max-comparisons met the target. */
  readonly reached: boolean;
  /** The smallest budget found that meets it (comparisons per item), when reached. */
  readonly needed?: number;
  /**
   * Simulation standard error of `needed` by the delta method: the estimate's standard error at `needed`
   * divided by the slope of the estimate between the bracketing budgets. Undefined when the slope is 0 or
   * there is no lower budget.
   */
  readonly neededStandardError?: number;
  /** The estimate at `needed`, or when not reached the closest the search came (best estimate). */
  readonly closest: TargetEstimate & { readonly comparisonsPerItem: number };
}

/**
 * The grid search: budgets c = start, 2·start, 4·start, … (capped at maxComparisons) until every target is met,
 * the cap is evaluated or the studies ran out of pairs; then for each target, bisection between the largest evaluated budget that misses
 * it and the next evaluated budget, which meets it, until they are at most max(1, resolution × upper) apart.
 * Every evaluation serves all targets.
 */
export function findNeeded(options: {
  targets: readonly PlanTarget[];
  evaluate: (comparisonsPerItem: number) => PlanPoint;
  start: number;
  maxComparisons: number;
  resolution: number;
}): TargetResult[] {
  const { targets, evaluate, maxComparisons } = options;
  const evaluated: PlanPoint[] = [];
  const add = (budget: number) => {
    const point = evaluate(budget);
    if (!evaluated.includes(point)) evaluated.push(point);
    evaluated.sort((a, b) => a.comparisonsPerItem - b.comparisonsPerItem);
    return point;
  };
  for (let budget = options.start; ; budget = Math.min(2 * budget, maxComparisons)) {
    const point = add(budget);
    // Stop when every target is met, at the cap, or when the scheduler has nothing left to plan in every study
    // (larger budgets would be the same studies).
    const exhausted = point.realisedComparisons < point.comparisons;
    if (point.estimates.every((estimate) => estimate.met) || budget >= maxComparisons || exhausted) break;
  }
  return targets.map((target, index) => {
    for (;;) {
      const bracket = findBracket(evaluated, index);
      if (bracket === undefined) break;
      const [low, high] = bracket;
      if (high - low <= Math.max(1, options.resolution * high)) break;
      add(Math.round((low + high) / 2));
    }
    return describeResult(target, index, evaluated);
  });
}

/** [last budget missing the target, first budget meeting it], when the first meeting budget has a predecessor. */
function findBracket(evaluated: readonly PlanPoint[], index: number): [number, number] | undefined {
  const first = evaluated.findIndex((point) => point.estimates[index]?.met === true);
  if (first <= 0) return undefined;
  return [(evaluated[first - 1] as PlanPoint).comparisonsPerItem, (evaluated[first] as PlanPoint).comparisonsPerItem];
}

function describeResult(target: PlanTarget, index: number, evaluated: readonly PlanPoint[]): TargetResult {
  const at = (point: PlanPoint) => ({
    ...(point.estimates[index] as TargetEstimate),
    comparisonsPerItem: point.comparisonsPerItem,
  });
  const threshold = targetThreshold(target);
  const first = evaluated.findIndex((point) => point.estimates[index]?.met === true);
  if (first < 0) {
    const better = (a: TargetEstimate, b: TargetEstimate) =>
      Number.isNaN(b.estimate) || (target.kind === "rank-width" ? a.estimate < b.estimate : a.estimate > b.estimate);
    let best = evaluated[0] as PlanPoint;
    for (const point of evaluated) if (better(point.estimates[index]!, best.estimates[index]!)) best = point;
    return { target: target.label, threshold, reached: false, closest: at(best) };
  }
  const high = evaluated[first] as PlanPoint;
  const result = { target: target.label, threshold, reached: true, needed: high.comparisonsPerItem, closest: at(high) };
  if (first === 0) return result;
  const low = evaluated[first - 1] as PlanPoint;
  const slope =
    (high.estimates[index]!.estimate - low.estimates[index]!.estimate) /
    (high.comparisonsPerItem - low.comparisonsPerItem);
  const standardError = high.estimates[index]!.standardError / Math.abs(slope);
  return Number.isFinite(standardError) ? { ...result, neededStandardError: standardError } : result;
}
