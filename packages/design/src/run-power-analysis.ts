import type { SchedulerSettings, StopRules } from "@judgelab/tournament";
import { seededRandom, stopSchema } from "@judgelab/tournament";
import { calibrateDavidsonTie } from "./calibrate-davidson-tie.js";
import { findNeeded, type TargetResult } from "./find-needed.js";
import { DENSE_FIT_ITEMS, measureStudy } from "./measure-study.js";
import type { PlanTarget } from "./parse-plan-target.js";
import { checkPlanAssumptions, type PlanAssumptions, positionShift } from "./plan-assumptions.js";
import { PlanError } from "./plan-error.js";
import { type OrderPolicy, SimulatedStudy } from "./simulated-study.js";
import { summarizeTarget, type TargetEstimate } from "./summarize-target.js";

/** Options of {@link runPowerAnalysis}. */
export interface PowerAnalysisOptions {
  readonly assumptions: PlanAssumptions;
  readonly targets: readonly PlanTarget[];
  /** `@judgelab/tournament` scheduler settings (any kind `planRound` knows; round-robin repeats its cycles). */
  readonly scheduler: SchedulerSettings;
  readonly order: OrderPolicy;
  /** Simulated studies per budget (R). */
  readonly simulations: number;
  /** Largest budget searched, in comparisons per item. */
  readonly maxComparisons: number;
  readonly seed: number;
  /**
   * First budget of the doubling search (comparisons per item). Default 2 up to {@link DENSE_FIT_ITEMS} items
   * (exact standard errors), else 8: the sparse solver's approximate standard errors are too small below about
   * 8 comparisons per item (16% at 2 per item on 300 items), which would make small budgets look better.
   */
  readonly startComparisons?: number;
  /** Bisection stops when the bracket is at most max(1, resolution × its upper end); default 0.1. */
  readonly resolution?: number;
  /** L2 prior of the fits; default 0.01 (keeps undefeated items finite, moves two-item fits by < 0.1%). */
  readonly prior?: number;
  /** Normal draws per fit for rank intervals; default 100. */
  readonly rankDraws?: number;
  /** Fixed true strengths instead of N(0, spreadSd²) draws (length = assumptions.items). */
  readonly truth?: Float64Array;
}

/** All target estimates at one budget. */
export interface PlanPoint {
  readonly comparisonsPerItem: number;
  /** Total comparisons asked for: round(comparisonsPerItem × items / 2). */
  readonly comparisons: number;
  /** Mean comparisons the studies had (fewer when the scheduler ran out of pairs). */
  readonly realisedComparisons: number;
  readonly estimates: readonly TargetEstimate[];
}

/** The outcome of a power analysis: every budget evaluated (ascending) and each target's answer. */
export interface PowerAnalysis {
  readonly seed: number;
  readonly simulations: number;
  readonly tieParameter: number;
  readonly positionShift: number;
  readonly prior: number;
  readonly rankDraws: number;
  readonly points: readonly PlanPoint[];
  readonly results: readonly TargetResult[];
  /** Comparisons per item at which every study's scheduler had planned all it could, when that happened. */
  readonly exhaustedAt?: number;
}

/**
 * Power analysis by simulation. For budgets of c comparisons per item it simulates R studies with known truth
 * ({@link SimulatedStudy}: the chosen scheduler and order policy, judges as {@link PlanAssumptions} says), fits
 * Bradley–Terry to each and summarises each target ({@link measureStudy}, {@link summarizeTarget}). Budgets are
 * searched by doubling from `startComparisons` up to `maxComparisons` (stopping once every target is met), then
 * by bisection between the last budget that missed and the first that met each target ({@link findNeeded}).
 * Each study's log only grows, so all budgets of a study share its random numbers.
 */
export function runPowerAnalysis(options: PowerAnalysisOptions): PowerAnalysis {
  const assumptions = checkPlanAssumptions(options.assumptions);
  if (options.targets.length === 0) throw new PlanError("invalid-target", "give at least one --target");
  if (!Number.isInteger(options.simulations) || options.simulations < 2)
    throw new PlanError("invalid-option", `simulations must be an integer ≥ 2, got ${options.simulations}`);
  const start = options.startComparisons ?? (options.assumptions.items > DENSE_FIT_ITEMS ? 8 : 2);
  if (!(options.maxComparisons >= start))
    throw new PlanError("invalid-option", `max-comparisons must be ≥ ${start}, got ${options.maxComparisons}`);
  if (options.truth !== undefined && options.truth.length !== assumptions.items)
    throw new PlanError("invalid-option", `truth has ${options.truth.length} strengths for ${assumptions.items} items`);
  const prior = options.prior ?? 0.01;
  const rankDraws = options.rankDraws ?? 100;
  const tieParameter = calibrateDavidsonTie({
    tieRate: assumptions.tieRate,
    variance: assumptions.spreadSd ** 2 + assumptions.judgeNoise ** 2,
  });
  const studies = createStudies(options, assumptions, tieParameter);
  const warm = studies.map(() => new Map<number, Float64Array>());
  const points = new Map<number, PlanPoint>();
  let exhaustedAt: number | undefined;
  const evaluate = (comparisonsPerItem: number): PlanPoint => {
    const known = points.get(comparisonsPerItem);
    if (known !== undefined) return known;
    const comparisons = Math.max(1, Math.round((comparisonsPerItem * assumptions.items) / 2));
    const values = options.targets.map(() => new Float64Array(studies.length));
    let realised = 0;
    studies.forEach((study, replicate) => {
      study.extendTo(comparisons);
      const outcomes = study.outcomesUpTo(comparisons);
      realised += outcomes.size;
      const measured = measureStudy({
        outcomes,
        truth: study.truth,
        targets: options.targets,
        prior,
        rankDraws,
        random: seededRandom(options.seed, "plan-ranks", replicate, comparisonsPerItem),
        start: nearestBelow(warm[replicate] as Map<number, Float64Array>, comparisonsPerItem),
      });
      (warm[replicate] as Map<number, Float64Array>).set(comparisonsPerItem, measured.parameters);
      measured.values.forEach((value, index) => {
        (values[index] as Float64Array)[replicate] = value;
      });
    });
    if (exhaustedAt === undefined && studies.every((study) => study.exhausted))
      exhaustedAt = (2 * Math.max(...studies.map((study) => study.size))) / assumptions.items;
    const point: PlanPoint = {
      comparisonsPerItem,
      comparisons,
      realisedComparisons: realised / studies.length,
      estimates: options.targets.map((target, index) => summarizeTarget(target, values[index] as Float64Array)),
    };
    points.set(comparisonsPerItem, point);
    return point;
  };
  const results = findNeeded({
    targets: options.targets,
    evaluate,
    start,
    maxComparisons: options.maxComparisons,
    resolution: options.resolution ?? 0.1,
  });
  return {
    seed: options.seed,
    simulations: options.simulations,
    tieParameter,
    positionShift: positionShift(assumptions.positionBias),
    prior,
    rankDraws,
    points: [...points.values()].sort((a, b) => a.comparisonsPerItem - b.comparisonsPerItem),
    results,
    ...(exhaustedAt === undefined ? {} : { exhaustedAt }),
  };
}

/** The warm start of the largest budget below `budget` already fitted (sparse solver only). */
function nearestBelow(fits: Map<number, Float64Array>, budget: number): Float64Array | undefined {
  let best = -1;
  for (const key of fits.keys()) if (key < budget && key > best) best = key;
  return best < 0 ? undefined : fits.get(best);
}

/**
 * One {@link SimulatedStudy} per replicate, sharing the truth when given. Studies never stop on their own (no
 * sigma or match limits; round-robin cycles without end): the budget decides how far each is read.
 */
function createStudies(
  options: PowerAnalysisOptions,
  assumptions: PlanAssumptions,
  tieParameter: number,
): SimulatedStudy[] {
  const stop: StopRules = stopSchema.parse({
    sigma: 0,
    topSigma: 0,
    maxMatchesPerItem: 1_000_000_000,
    keepPlayingUndefeated: false,
  });
  const scheduler: SchedulerSettings =
    options.scheduler.kind === "round-robin" ? { ...options.scheduler, cycles: 1_000_000_000 } : options.scheduler;
  return Array.from(
    { length: options.simulations },
    (_, replicate) =>
      new SimulatedStudy({
        assumptions,
        tieParameter,
        scheduler,
        stop,
        order: options.order,
        seed: options.seed,
        replicate,
        ...(options.truth === undefined ? {} : { truth: options.truth }),
      }),
  );
}
