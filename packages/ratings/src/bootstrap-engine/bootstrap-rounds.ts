import type { BradleyTerryLayout, CellCounts } from "../bradley-terry-likelihood.js";
import { factorInformation, solveBradleyTerry } from "../bradley-terry-newton.js";
import { solveBradleyTerrySparse } from "../bradley-terry-sparse-newton.js";
import type { CellClusters } from "../cluster-comparisons.js";
import { createClusterResampler } from "../create-cluster-resampler.js";
import { createCountResampler } from "../create-count-resampler.js";
import { ARENA_ELO_SCALE, eloPointsPerLogUnit } from "../elo-scale.js";
import { type BradleyTerryOptions, chooseSolver, createBradleyTerryLayout } from "../fit-bradley-terry.js";
import { hasFiniteMle } from "../has-finite-mle.js";
import { invertFromCholesky } from "../invert-from-cholesky.js";
import type { PairCells } from "../pair-cells.js";
import { createRandomSource, deriveSeed, type RandomSource } from "../random-source.js";
import { createCellSlots } from "./create-cell-slots.js";
import { createHalfTiesRefit } from "./create-half-ties-refit.js";
import { loadHalfTiesRound, loadHalfTiesRoundFromSlots } from "./load-half-ties-round.js";
import { refitHalfTies } from "./refit-half-ties.js";

/** Largest number of rated items for the chord bootstrap refit (a 2,000² factor is 32 MB, ~3 s to compute). */
export const MAX_CHORD_ITEMS = 2000;

/** Fit options a bootstrap round needs; plain data, so a plan can be sent to a worker thread. */
export type BootstrapFitOptions = Pick<
  BradleyTerryOptions,
  "ties" | "prior" | "orderEffect" | "anchor" | "scale" | "tolerance" | "solver"
>;

/**
 * Everything the rounds of one Bradley–Terry bootstrap share, computed once ({@link createBootstrapPlan}): the
 * cells, the full-data fit's parameters, the frozen information factor of the chord refit, the tolerance. Plain
 * typed arrays and numbers, so worker threads can run slices of the rounds from the same plan.
 */
export interface BootstrapPlan {
  readonly cells: PairCells;
  readonly options: BootstrapFitOptions;
  /** The full-data fit's parameter vector (where every round starts). */
  readonly parameters: Float64Array;
  /** Cholesky factor of the full-data information (dense, free × free), or null without the chord refit. */
  readonly frozenFactor: Float64Array | null;
  /** Its inverse in single precision for the chord refit with half ties ({@link invertFromCholesky}), else null. */
  readonly frozenInverse: Float32Array | null;
  /** Rounds use the sparse solver when the chord refit does not apply or fails. */
  readonly sparse: boolean;
  readonly tolerance: number;
  readonly seed: number;
  /** Clusters resampled whole ({@link createClusterResampler}), or null to resample single comparisons. */
  readonly clusters: CellClusters | null;
}

/** Builds the {@link BootstrapPlan} of a bootstrap of `cells` around the full-data fit's `parameters`. */
export function createBootstrapPlan(
  cells: PairCells,
  options: BootstrapFitOptions,
  parameters: Float64Array,
  seed: number,
  rounds: number,
  clusters: CellClusters | null = null,
): BootstrapPlan {
  const layout = createBradleyTerryLayout(cells, options);
  const sparse = chooseSolver(layout, options) === "sparse";
  // The chord refit needs one dense factor and inverse (about items³ flops, once) and then costs one pass over
  // the cells plus a matrix–vector product per step: far cheaper per round than sparse Newton up to a few
  // thousand items, so it is used there even when the point fit took the sparse solver (unless "sparse" is
  // forced), when the factor (items³/3 flops) costs less than the sparse rounds it replaces (some 40 passes over
  // the cells each).
  const rated = countRated(layout);
  const chord =
    !sparse ||
    (options.solver !== "sparse" &&
      layout.ties === "half" &&
      rated <= MAX_CHORD_ITEMS &&
      rated ** 3 / 3 < rounds * cells.size * 40);
  const frozenFactor = chord ? factorInformation(cells, cells, layout, parameters) : null;
  // Bootstrap refits stop at 1e-7 on the log scale (about 2e-5 Elo points), far below the bootstrap spread.
  // Above the dense solver's range they stop at an estimated error of 1e-4 (0.02 Elo points; the Monte Carlo
  // error of a 1000-round percentile is about 1 Elo point there, and the bootstrap spread tens of points).
  const tolerance = options.tolerance ?? (sparse ? 1e-4 : 1e-7);
  const frozenInverse =
    frozenFactor !== null && layout.ties === "half" ? invertFromCholesky(frozenFactor, layout.freeCount) : null;
  return { cells, options, parameters, frozenFactor, frozenInverse, sparse, tolerance, seed, clusters };
}

/** Where {@link runBootstrapRounds} writes: one row of item ratings per round, δ and ν per round (NaN if absent). */
export interface BootstrapRoundsOutput {
  /** rounds × items, row-major (NaN for items without a comparison in that resample). */
  readonly samples: Float64Array;
  readonly orderSamples: Float64Array;
  readonly tieSamples: Float64Array;
}

/** Runs rounds firstRound .. firstRound + out.orderSamples.length − 1; returns the rounds that did not converge. */
export type BootstrapRunner = (firstRound: number, out: BootstrapRoundsOutput, random?: RandomSource) => number;

/** {@link createBootstrapRunner} then one run: rounds firstRound .. firstRound + out.orderSamples.length − 1. */
export function runBootstrapRounds(
  plan: BootstrapPlan,
  firstRound: number,
  out: BootstrapRoundsOutput,
  random?: RandomSource,
): number {
  return createBootstrapRunner(plan)(firstRound, out, random);
}

/**
 * Prepares a thread's bootstrap rounds from the plan (resampler, chord refit, buffers: O(cells) once) and
 * returns the function that runs a range of rounds. Each round draws
 * multinomial counts over the (cell, outcome) categories (resampling the comparisons with replacement, or whole
 * clusters of comparisons when the plan has clusters, from
 * its own generator createRandomSource(deriveSeed(seed, round)) unless `random` is given), then refits from
 * the full-data estimate: the chord refit with the frozen factor ({@link refitHalfTies}) when the resample
 * rates the same items; otherwise, or if the chord stalls, the sparse or dense Newton solver. A round whose
 * resample has no finite MLE (an item that never lost, without a prior) is counted as not converged. Ratings
 * of each round are normalised as the point estimate (mean = scale.initial, or the anchor's value).
 */
export function createBootstrapRunner(plan: BootstrapPlan): BootstrapRunner {
  const { cells, options, frozenFactor, sparse, tolerance } = plan;
  const layout = createBradleyTerryLayout(cells, options);
  const halfTies = createRunnerHalfTies(plan, layout);
  const itemCount = cells.itemIds.length;
  const cellCount = cells.size;
  // Clustered rounds sum whole clusters' counts; the comparison bootstrap draws the counts directly.
  const resampler =
    plan.clusters === null
      ? createCountResampler(interleaveOutcomes(cells))
      : createClusterResampler(plan.clusters, 3 * cellCount);
  const slots = halfTies !== null ? resampler.slots : undefined;
  const cellSlots = slots === undefined ? undefined : createCellSlots(cells);
  const cumulative = new Int32Array(slots === undefined ? 0 : slots.hits.length + 1);
  const drawn = new Float64Array(3 * cellCount);
  const counts: CellCounts = {
    firstWins: new Float64Array(cellCount),
    secondWins: new Float64Array(cellCount),
    ties: new Float64Array(cellCount),
  };
  const parameters = new Float64Array(plan.parameters.length);
  const roundActive = new Uint8Array(itemCount);
  const pointsPerUnit = eloPointsPerLogUnit(options.scale ?? ARENA_ELO_SCALE);
  const anchorCode = options.anchor === undefined ? -1 : cells.itemIds.indexOf(options.anchor.item);
  const base = options.anchor?.value ?? (options.scale ?? ARENA_ELO_SCALE).initial;
  return (firstRound, out, random) => {
    const rounds = out.orderSamples.length;
    let nonConvergedRounds = 0;
    for (let round = 0; round < rounds; round++) {
      const roundRandom = random ?? createRandomSource(deriveSeed(plan.seed, firstRound + round));
      // The chord path sums the slot hits per cell directly; per-cell counts are spread out only when needed.
      let spread = false;
      let sameItems: boolean;
      if (slots !== undefined && cellSlots !== undefined && halfTies !== null && slots.drawHits(roundRandom)) {
        sameItems = loadHalfTiesRoundFromSlots(halfTies, slots.hits, cellSlots, cumulative);
      } else {
        if (slots !== undefined) slots.countHits(drawn);
        else resampler.draw(roundRandom, drawn);
        spreadCounts(drawn, counts);
        spread = true;
        sameItems =
          halfTies !== null
            ? loadHalfTiesRound(halfTies, counts)
            : markActive(cells, counts, roundActive, layout.active);
      }
      parameters.set(plan.parameters);
      let roundLayout: BradleyTerryLayout = layout;
      let converged = false;
      if (sameItems && halfTies !== null) {
        converged = refitHalfTies(halfTies, parameters, { tolerance, maxSteps: 50 }) > 0;
        if (!converged) parameters.set(plan.parameters);
      }
      if (!converged && !spread) {
        if (slots !== undefined) slots.countHits(drawn);
        spreadCounts(drawn, counts);
      }
      if (!converged && sparse) {
        if (!sameItems) roundLayout = createBradleyTerryLayout(cells, options, counts);
        // Without a prior, a resample with no finite MLE would make Newton chase infinity: a few steps suffice.
        const finite = roundLayout.prior > 0 || hasFiniteMle(cells, counts);
        const solved = solveBradleyTerrySparse(cells, counts, roundLayout, parameters, {
          tolerance,
          maxIterations: finite ? 50 : 5,
        });
        converged = finite && solved.converged;
      } else if (!converged) {
        // The chord iteration cannot settle where no finite MLE exists, so only rounds that reach this fallback
        // need the (cheap but not free) separation check.
        if (!sameItems || frozenFactor === null) roundLayout = createBradleyTerryLayout(cells, options, counts);
        // Without a finite MLE Newton would chase infinity to its iteration limit (O(items³) per step): stop early.
        const finite = roundLayout.prior > 0 || hasFiniteMle(cells, counts);
        const maxIterations = finite ? 200 : 5;
        const solved =
          sameItems && frozenFactor !== null
            ? solveBradleyTerry(cells, counts, layout, parameters, { frozenFactor, tolerance, maxIterations })
            : solveBradleyTerry(cells, counts, roundLayout, parameters, { tolerance, maxIterations });
        converged = finite && solved.converged;
      }
      if (!converged) nonConvergedRounds++;
      writeRoundRatings({
        parameters,
        active: roundLayout.active,
        anchorCode,
        base,
        pointsPerUnit,
        out: out.samples.subarray(round * itemCount, (round + 1) * itemCount),
      });
      out.orderSamples[round] = layout.orderIndex >= 0 ? parameters[layout.orderIndex]! : Number.NaN;
      out.tieSamples[round] = layout.tieIndex >= 0 ? Math.exp(parameters[layout.tieIndex]!) : Number.NaN;
    }
    return nonConvergedRounds;
  };
}

/** The chord refit with half ties around the plan's fit (frozen factor), or null when it does not apply. */
function createRunnerHalfTies(
  plan: BootstrapPlan,
  layout: BradleyTerryLayout,
): ReturnType<typeof createHalfTiesRefit> | null {
  const { cells, frozenFactor } = plan;
  return layout.ties === "half" && frozenFactor !== null
    ? createHalfTiesRefit({
        cells,
        parameters: plan.parameters,
        freeIndex: layout.freeIndex,
        freeCount: layout.freeCount,
        orderIndex: layout.orderIndex,
        factor: frozenFactor,
        ...(plan.frozenInverse === null ? {} : { inverse: plan.frozenInverse }),
        prior: layout.prior,
        itemCount: layout.itemCount,
      })
    : null;
}

/** The current resample's counts per cell (for the Newton fallbacks), from `drawn` (3 categories per cell). */
function spreadCounts(drawn: Float64Array, counts: CellCounts): void {
  const cellCount = counts.firstWins.length;
  for (let c = 0; c < cellCount; c++) {
    counts.firstWins[c] = drawn[3 * c]!;
    counts.secondWins[c] = drawn[3 * c + 1]!;
    counts.ties[c] = drawn[3 * c + 2]!;
  }
}

/**
 * The resampling categories of a bootstrap: the cells' outcome counts interleaved per cell (category 3c + o,
 * o = 0 first wins, 1 second wins, 2 ties), so that a slot resample can be summed per cell directly.
 */
export function interleaveOutcomes(counts: CellCounts): Float64Array {
  const cellCount = counts.firstWins.length;
  const weights = new Float64Array(3 * cellCount);
  for (let c = 0; c < cellCount; c++) {
    weights[3 * c] = counts.firstWins[c]!;
    weights[3 * c + 1] = counts.secondWins[c]!;
    weights[3 * c + 2] = counts.ties[c]!;
  }
  return weights;
}

function countRated(layout: BradleyTerryLayout): number {
  let rated = 0;
  for (let i = 0; i < layout.itemCount; i++) rated += layout.active[i]!;
  return rated;
}

/** Marks items with at least one resampled comparison; true when they are exactly the full data's items. */
function markActive(cells: PairCells, counts: CellCounts, active: Uint8Array, expected: Uint8Array): boolean {
  active.fill(0);
  const { firstWins, secondWins, ties } = counts;
  const { first, second } = cells;
  for (let c = 0; c < cells.size; c++) {
    if (firstWins[c]! + secondWins[c]! + ties[c]! === 0) continue;
    active[first[c]!] = 1;
    active[second[c]!] = 1;
  }
  for (let i = 0; i < active.length; i++) if (active[i] !== expected[i]) return false;
  return true;
}

/** Writes one set of parameters as Elo ratings normalised as the point fit (mean = base over rated items, or the anchor). */
export function writeRoundRatings(options: {
  parameters: Float64Array;
  active: Uint8Array;
  anchorCode: number;
  base: number;
  pointsPerUnit: number;
  out: Float64Array;
}): void {
  const { parameters, active, anchorCode, base, pointsPerUnit, out } = options;
  let offset = 0;
  if (anchorCode >= 0) {
    offset = active[anchorCode] === 1 ? parameters[anchorCode]! : Number.NaN;
  } else {
    let count = 0;
    for (let i = 0; i < out.length; i++) {
      if (active[i] !== 1) continue;
      offset += parameters[i]!;
      count++;
    }
    offset /= Math.max(1, count);
  }
  for (let i = 0; i < out.length; i++) {
    out[i] = active[i] === 1 ? base + pointsPerUnit * (parameters[i]! - offset) : Number.NaN;
  }
}
