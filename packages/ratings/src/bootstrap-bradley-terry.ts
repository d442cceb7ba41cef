import type { BradleyTerryLayout, CellCounts } from "./bradley-terry-likelihood.js";
import { factorInformation, solveBradleyTerry } from "./bradley-terry-newton.js";
import { solveBradleyTerrySparse } from "./bradley-terry-sparse-newton.js";
import { createCountResampler } from "./create-count-resampler.js";
import { ARENA_ELO_SCALE, eloPointsPerLogUnit } from "./elo-scale.js";
import {
  type BradleyTerryFit,
  type BradleyTerryOptions,
  chooseSolver,
  createBradleyTerryLayout,
  fitBradleyTerry,
} from "./fit-bradley-terry.js";
import { hasFiniteMle } from "./has-finite-mle.js";
import { aggregatePairCells, isPairCells, type PairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { quantileSorted } from "./percentile.js";
import { createRandomSource, deriveSeed, type RandomSource } from "./random-source.js";
import { createHalfTiesRefit, type HalfTiesRefit, loadHalfTiesRound, refitHalfTies } from "./refit-half-ties.js";
import { type BootstrapSummary, summarizeBootstrap } from "./summarize-bootstrap.js";

/** Options of {@link bootstrapBradleyTerry}: the fit's options plus the resampling plan. */
export interface BootstrapBradleyTerryOptions extends BradleyTerryOptions {
  /** Bootstrap rounds; default 1000 (100 is too noisy: arena-hard-auto issue 8). */
  readonly rounds?: number;
  /**
   * Seed; round r draws from its own generator createRandomSource(deriveSeed(seed, r)), so any range of rounds
   * can be computed separately (e.g. in parallel workers) with identical results. Default 0.
   */
  readonly seed?: number;
  /** A single injected generator used for all rounds in order instead (then `seed` is ignored). */
  readonly random?: RandomSource;
  /** Index of the first round (for computing a slice of a larger bootstrap); default 0. */
  readonly firstRound?: number;
  /** The full-data fit of these cells with these options, when already computed (skips refitting it). */
  readonly fit?: BradleyTerryFit;
  /** Interval level; default 0.95. */
  readonly level?: number;
}

/** The full-data fit with bootstrap intervals of the ratings and ranks (and of δ and ν when fitted). */
export interface BradleyTerryBootstrap extends BootstrapSummary {
  readonly fit: BradleyTerryFit;
  readonly seed: number | undefined;
  /** Rounds whose Newton solve did not converge (e.g. a resample where an item never lost). */
  readonly nonConvergedRounds: number;
  readonly orderEffectInterval?: { readonly lower: number; readonly upper: number };
  readonly tieParameterInterval?: { readonly lower: number; readonly upper: number };
}

/**
 * Bootstrap of the Bradley–Terry fit. Resampling N comparisons with replacement is the same as drawing
 * multinomial counts over the (cell, outcome) categories with probabilities count/N, so each round draws one
 * binomial per category ({@link sampleMultinomial}) and refits on the cells, starting from the full-data
 * estimate with the full-data information matrix frozen (chord Newton, {@link refitHalfTies} for half ties
 * without a prior; full Newton when a resample drops an item or the chord step stalls), to a tolerance of 1e-7
 * on the log scale unless `tolerance` says otherwise. With the sparse solver (large n, see
 * {@link chooseSolver}) each round is a truncated Newton–CG solve warm-started at the full-data estimate
 * (typically 4–7 Newton steps of 2–7 conjugate-gradient passes each) to a tolerance of 1e-5 (0.002 Elo). A round whose resample has no finite MLE (an item that
 * never lost, without a prior) counts in `nonConvergedRounds`. Ratings of each round are normalised as the point estimate (mean = initial,
 * or the anchor's value). Intervals are percentile intervals; the estimate is the full-data fit.
 */
export function bootstrapBradleyTerry(
  input: PairwiseOutcomes | PairCells,
  options: BootstrapBradleyTerryOptions = {},
): BradleyTerryBootstrap {
  const rounds = options.rounds ?? 1000;
  if (!(Number.isInteger(rounds) && rounds >= 1))
    throw new RangeError(`bootstrapBradleyTerry: rounds must be a positive integer, got ${rounds}`);
  const seed = options.seed ?? 0;
  const firstRound = options.firstRound ?? 0;
  const cells = isPairCells(input) ? input : aggregatePairCells(input, { keepOrder: options.orderEffect ?? false });
  const fit = options.fit ?? fitBradleyTerry(cells, options);
  const layout = createBradleyTerryLayout(cells, options);
  const sparse = chooseSolver(layout, options) === "sparse";
  // The chord refit needs one dense Cholesky factor (items³/3 flops, once) and then costs one pass over the
  // cells plus two triangular solves per step: far cheaper per round than sparse Newton up to a few thousand
  // items, so it is used there even when the point fit took the sparse solver (unless "sparse" is forced).
  const chord =
    !sparse || (options.solver !== "sparse" && layout.ties === "half" && countRated(layout) <= MAX_CHORD_ITEMS);
  const frozenFactor = chord ? factorInformation(cells, cells, layout, fit.parameters) : null;
  // Bootstrap refits stop at 1e-7 on the log scale (about 2e-5 Elo points), far below the bootstrap spread.
  // Sparse rounds stop at 1e-5 (0.002 Elo points): each Newton step there is a few passes over ~10⁵ cells, and
  // the bootstrap spread at that size is tens of Elo points.
  const tolerance = options.tolerance ?? (sparse ? 1e-5 : 1e-7);
  const halfTies: HalfTiesRefit | null =
    layout.ties === "half" && frozenFactor !== null
      ? createHalfTiesRefit({
          cells,
          parameters: fit.parameters,
          freeIndex: layout.freeIndex,
          freeCount: layout.freeCount,
          orderIndex: layout.orderIndex,
          factor: frozenFactor,
          prior: layout.prior,
          itemCount: layout.itemCount,
        })
      : null;
  const itemCount = cells.itemIds.length;
  const cellCount = cells.size;
  const weights = new Float64Array(3 * cellCount);
  weights.set(cells.firstWins, 0);
  weights.set(cells.secondWins, cellCount);
  weights.set(cells.ties, 2 * cellCount);
  const resampler = createCountResampler(weights);
  const drawn = new Float64Array(3 * cellCount);
  const counts: CellCounts = {
    firstWins: drawn.subarray(0, cellCount),
    secondWins: drawn.subarray(cellCount, 2 * cellCount),
    ties: drawn.subarray(2 * cellCount),
  };
  const samples = new Float64Array(rounds * itemCount);
  const orderSamples: number[] = [];
  const tieSamples: number[] = [];
  const parameters = new Float64Array(fit.parameters.length);
  const roundActive = new Uint8Array(itemCount);
  const pointsPerUnit = eloPointsPerLogUnit(options.scale ?? ARENA_ELO_SCALE);
  const anchorCode = options.anchor === undefined ? -1 : cells.itemIds.indexOf(options.anchor.item);
  const base = options.anchor?.value ?? (options.scale ?? ARENA_ELO_SCALE).initial;
  let nonConvergedRounds = 0;
  for (let round = 0; round < rounds; round++) {
    const random = options.random ?? createRandomSource(deriveSeed(seed, firstRound + round));
    resampler.draw(random, drawn);
    const sameItems =
      halfTies !== null ? loadHalfTiesRound(halfTies, counts) : markActive(cells, counts, roundActive, layout.active);
    parameters.set(fit.parameters);
    let roundLayout: BradleyTerryLayout = layout;
    let converged = false;
    if (sameItems && halfTies !== null) {
      converged = refitHalfTies(halfTies, parameters, { tolerance, maxSteps: 50 }) > 0;
      if (!converged) parameters.set(fit.parameters);
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
      out: samples.subarray(round * itemCount, (round + 1) * itemCount),
    });
    if (layout.orderIndex >= 0) orderSamples.push(parameters[layout.orderIndex] as number);
    if (layout.tieIndex >= 0) tieSamples.push(Math.exp(parameters[layout.tieIndex] as number));
  }
  const level = options.level ?? 0.95;
  const summary = summarizeBootstrap({ itemIds: cells.itemIds, estimate: fit.ratings, samples, rounds, level });
  const result: BradleyTerryBootstrap = {
    ...summary,
    fit,
    seed: options.random === undefined ? (options.seed ?? 0) : options.seed,
    nonConvergedRounds,
  };
  const withOrder =
    orderSamples.length > 0 ? { ...result, orderEffectInterval: percentileInterval(orderSamples, level) } : result;
  return tieSamples.length > 0
    ? { ...withOrder, tieParameterInterval: percentileInterval(tieSamples, level) }
    : withOrder;
}

/** Largest number of rated items for the chord bootstrap refit (a 2,000² factor is 32 MB, ~3 s to compute). */
export const MAX_CHORD_ITEMS = 2000;

function countRated(layout: BradleyTerryLayout): number {
  let rated = 0;
  for (let i = 0; i < layout.itemCount; i++) rated += layout.active[i] as number;
  return rated;
}

/** Marks items with at least one resampled comparison; true when they are exactly the full data's items. */
function markActive(cells: PairCells, counts: CellCounts, active: Uint8Array, expected: Uint8Array): boolean {
  active.fill(0);
  const { firstWins, secondWins, ties } = counts;
  const { first, second } = cells;
  for (let c = 0; c < cells.size; c++) {
    if ((firstWins[c] as number) + (secondWins[c] as number) + (ties[c] as number) === 0) continue;
    active[first[c] as number] = 1;
    active[second[c] as number] = 1;
  }
  for (let i = 0; i < active.length; i++) if (active[i] !== expected[i]) return false;
  return true;
}

function writeRoundRatings(options: {
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
    offset = active[anchorCode] === 1 ? (parameters[anchorCode] as number) : Number.NaN;
  } else {
    let count = 0;
    for (let i = 0; i < out.length; i++) {
      if (active[i] !== 1) continue;
      offset += parameters[i] as number;
      count++;
    }
    offset /= Math.max(1, count);
  }
  for (let i = 0; i < out.length; i++) {
    out[i] = active[i] === 1 ? base + pointsPerUnit * ((parameters[i] as number) - offset) : Number.NaN;
  }
}

function percentileInterval(values: number[], level: number): { lower: number; upper: number } {
  const sorted = Float64Array.from(values).sort();
  return { lower: quantileSorted(sorted, (1 - level) / 2), upper: quantileSorted(sorted, (1 + level) / 2) };
}
