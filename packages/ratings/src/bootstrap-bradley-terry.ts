import { startBootstrapBradleyTerrySamples } from "./bootstrap-engine/bootstrap-bradley-terry-samples.js";
import { type CellClusters, type ClusteringSummary, type ClusterOption, clusterInput } from "./cluster-comparisons.js";
import {
  createSubsetRefitterFromFactor,
  type SubsetRefitter,
  type SubsetRefitterOptions,
} from "./create-subset-refitter.js";
import { type BradleyTerryFit, type BradleyTerryOptions, fitBradleyTerry } from "./fit-bradley-terry.js";
import type { PairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { quantileSorted } from "./percentile.js";
import type { RandomSource } from "./random-source.js";
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
  /**
   * Threads for the rounds: a number, or "auto" (default): the available cores up to 4 when the work is large
   * (≥ 2·10⁷ cell visits), else 1. Results do not depend on it (each round has its own seeded generator).
   */
  readonly threads?: number | "auto";
  /**
   * What a round resamples ({@link ClusterOption}); default "auto": whole matches when some match holds more
   * than one comparison, else single comparisons. With aggregated cells as input, pass `clusters` instead.
   */
  readonly cluster?: ClusterOption;
  /** Precomputed clusters of the input cells ({@link clusterCells}); overrides `cluster`. */
  readonly clusters?: CellClusters;
}

/** The full-data fit with bootstrap intervals of the ratings and ranks (and of δ and ν when fitted). */
export interface BradleyTerryBootstrap extends BootstrapSummary {
  readonly fit: BradleyTerryFit;
  readonly seed: number | undefined;
  /** Rounds whose Newton solve did not converge (e.g. a resample where an item never lost). */
  readonly nonConvergedRounds: number;
  /** Threads that computed rounds (1, or more for large bootstraps: see `threads`). */
  readonly threadsUsed: number;
  /** What the rounds resampled. */
  readonly clustering: ClusteringSummary;
  /**
   * True when rounds were refitted by chord Newton with the full-data information frozen (half ties, up to
   * 2,000 rated items), false when every round ran a Newton solve of its own.
   */
  readonly chordRefits: boolean;
  readonly orderEffectInterval?: { readonly lower: number; readonly upper: number };
  readonly tieParameterInterval?: { readonly lower: number; readonly upper: number };
}

/**
 * Bootstrap of the Bradley–Terry fit. Resampling N comparisons with replacement is the same as drawing
 * multinomial counts over the (cell, outcome) categories with probabilities count/N ({@link
 * createCountResampler}), so each round draws those counts and refits on the cells, starting from the
 * full-data estimate ({@link runBootstrapRounds}): with half ties and up to {@link MAX_CHORD_ITEMS} rated items
 * by chord Newton with the full-data information frozen ({@link refitHalfTies}); when a resample drops an item
 * or the chord stalls, by full Newton (dense) or truncated Newton–CG (sparse, above
 * {@link SPARSE_SOLVER_THRESHOLD} items). Refits stop at 1e-7 on the log scale, or 1e-4 (0.02 Elo) in the
 * sparse solver's range, unless `tolerance` says otherwise. A round whose resample has no finite MLE (an item
 * that never lost, without a prior) counts in `nonConvergedRounds`. Ratings of each round are normalised as the
 * point estimate (mean = initial, or the anchor's value). Intervals are percentile intervals; the estimate is
 * the full-data fit. Large bootstraps run on several threads ({@link startBootstrapInThreads}) with identical
 * results.
 */
export function bootstrapBradleyTerry(
  input: PairwiseOutcomes | PairCells,
  options: BootstrapBradleyTerryOptions = {},
): BradleyTerryBootstrap {
  return startBootstrapBradleyTerry(input, options).finish();
}

/** A bootstrap under way ({@link startBootstrapBradleyTerry}): the full-data fit now, the intervals on `finish`. */
export interface PendingBradleyTerryBootstrap {
  readonly fit: BradleyTerryFit;
  /** See {@link BradleyTerryBootstrap.chordRefits}. */
  readonly chordRefits: boolean;
  /**
   * Refits of row subsets of the same cells from this fit ({@link createSubsetRefitter}), reusing the
   * information the chord rounds froze when there is one (no second factorisation).
   */
  createSubsetRefitter(options?: SubsetRefitterOptions): SubsetRefitter | null;
  /** What the rounds resample. */
  readonly clustering: ClusteringSummary;
  /** Runs the remaining rounds on this thread, waits for the worker threads and summarises. */
  finish(): BradleyTerryBootstrap;
}

/**
 * {@link bootstrapBradleyTerry} in two steps: fits, prepares the plan and starts the worker threads (when it
 * uses several), then returns, so that the caller can do other work on its own thread while the workers run
 * rounds; `finish` joins in and returns the same result as {@link bootstrapBradleyTerry}.
 */
export function startBootstrapBradleyTerry(
  input: PairwiseOutcomes | PairCells,
  options: BootstrapBradleyTerryOptions = {},
): PendingBradleyTerryBootstrap {
  const rounds = options.rounds ?? 1000;
  if (!(Number.isInteger(rounds) && rounds >= 1))
    throw new RangeError(`bootstrapBradleyTerry: rounds must be a positive integer, got ${rounds}`);
  const { cells, clusters, clustering } = clusterInput(input, options);
  const fit = options.fit ?? fitBradleyTerry(cells, options);
  const { ties, prior, orderEffect, anchor, scale, tolerance, solver, random, threads } = options;
  const engine = startBootstrapBradleyTerrySamples(cells, {
    ...(ties === undefined ? {} : { ties }),
    ...(prior === undefined ? {} : { prior }),
    ...(orderEffect === undefined ? {} : { orderEffect }),
    ...(anchor === undefined ? {} : { anchor }),
    ...(scale === undefined ? {} : { scale }),
    ...(tolerance === undefined ? {} : { tolerance }),
    ...(solver === undefined ? {} : { solver }),
    ...(random === undefined ? {} : { random }),
    ...(threads === undefined ? {} : { threads }),
    parameters: fit.parameters,
    seed: options.seed ?? 0,
    rounds,
    firstRound: options.firstRound ?? 0,
    clusters,
  });
  const chordRefits = engine.informationFactor !== undefined;
  const matrices = {
    ...(engine.informationFactor === undefined ? {} : { factor: engine.informationFactor }),
    ...(engine.informationInverse === undefined ? {} : { inverse: engine.informationInverse }),
  };
  const createSubsetRefitter = (refitOptions: SubsetRefitterOptions = {}) =>
    createSubsetRefitterFromFactor(cells, fit.parameters, { ...refitOptions, ...matrices });
  const finish = (): BradleyTerryBootstrap => {
    const out = engine.finish();
    const { nonConvergedRounds, threadsUsed } = out;
    const { samples } = out;
    const orderSamples = Array.from(out.orderSamples).filter((value) => !Number.isNaN(value));
    const tieSamples = Array.from(out.tieSamples).filter((value) => !Number.isNaN(value));
    const level = options.level ?? 0.95;
    const summary = summarizeBootstrap({ itemIds: cells.itemIds, estimate: fit.ratings, samples, rounds, level });
    const result: BradleyTerryBootstrap = {
      ...summary,
      fit,
      seed: options.random === undefined ? (options.seed ?? 0) : options.seed,
      nonConvergedRounds,
      threadsUsed,
      clustering,
      chordRefits,
    };
    const withOrder =
      orderSamples.length > 0 ? { ...result, orderEffectInterval: percentileInterval(orderSamples, level) } : result;
    return tieSamples.length > 0
      ? { ...withOrder, tieParameterInterval: percentileInterval(tieSamples, level) }
      : withOrder;
  };
  return { fit, chordRefits, clustering, createSubsetRefitter, finish };
}

function percentileInterval(values: number[], level: number): { lower: number; upper: number } {
  const sorted = Float64Array.from(values).sort();
  return { lower: quantileSorted(sorted, (1 - level) / 2), upper: quantileSorted(sorted, (1 + level) / 2) };
}
