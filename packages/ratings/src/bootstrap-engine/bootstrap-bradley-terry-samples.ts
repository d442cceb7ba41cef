import type { CellClusters } from "../cluster-comparisons.js";
import type { PairCells } from "../pair-cells.js";
import type { RandomSource } from "../random-source.js";
import { type BootstrapFitOptions, createBootstrapPlan, runBootstrapRounds } from "./bootstrap-rounds.js";
import { chooseBootstrapThreads, startBootstrapInThreads } from "./run-bootstrap-in-threads.js";

/**
 * Options of {@link bootstrapBradleyTerrySamples}: the fit options every round refits with, the full-data
 * estimate where every round starts, and the resampling plan.
 */
export interface BootstrapSamplesOptions extends BootstrapFitOptions {
  /** The full-data fit's parameter vector ({@link BradleyTerryFit.parameters}). */
  readonly parameters: Float64Array;
  readonly rounds: number;
  /** Round r draws from createRandomSource(deriveSeed(seed, firstRound + r)) unless `random` is given. */
  readonly seed: number;
  readonly firstRound?: number;
  /** One injected generator for all rounds in order (then one thread). */
  readonly random?: RandomSource;
  /** See {@link BootstrapBradleyTerryOptions.threads}; default "auto". */
  readonly threads?: number | "auto";
  /** Clusters resampled whole, or null/absent to resample single comparisons. */
  readonly clusters?: CellClusters | null;
}

/** What the engine returns: one row of Elo ratings per round, δ and ν per round (NaN when not fitted). */
export interface BootstrapSamples {
  /** rounds × items, row-major; NaN for items without a comparison in that round's resample. */
  readonly samples: Float64Array;
  readonly orderSamples: Float64Array;
  readonly tieSamples: Float64Array;
  /** Rounds whose refit did not converge (e.g. a resample without a finite MLE). */
  readonly nonConvergedRounds: number;
  readonly threadsUsed: number;
}

/** A bootstrap whose worker threads are running: the chord refit's matrices now, the samples on `finish`. */
export interface PendingBootstrapSamples {
  /** Cholesky factor of the full-data information the chord refits froze, when they are used. */
  readonly informationFactor?: Float64Array;
  /** Its single-precision inverse (half ties). */
  readonly informationInverse?: Float32Array;
  /** Runs the remaining rounds on this thread, joins the workers and returns every round's samples. */
  finish(): BootstrapSamples;
}

/**
 * The fast bootstrap engine behind one function: round r resamples the comparisons (multinomial counts over
 * the cells' outcomes, or whole clusters) and refits Bradley–Terry from the full-data estimate, by chord Newton
 * with the full-data information frozen where it applies, else by dense or sparse Newton, on one or several
 * threads with identical results. Everything in `bootstrap-engine/` is internal to the package; what it
 * computes is defined by the reference path (`reference/bootstrap-bradley-terry-reference.ts`), which the parity
 * test checks it against round by round ({@link drawBootstrapCounts} gives both the same resamples).
 */
export function bootstrapBradleyTerrySamples(cells: PairCells, options: BootstrapSamplesOptions): BootstrapSamples {
  return startBootstrapBradleyTerrySamples(cells, options).finish();
}

/** {@link bootstrapBradleyTerrySamples} in two steps: starts the worker threads and returns; `finish` joins. */
export function startBootstrapBradleyTerrySamples(
  cells: PairCells,
  options: BootstrapSamplesOptions,
): PendingBootstrapSamples {
  const { parameters, rounds, seed, random, clusters, threads: requested, firstRound: first, ...fitOptions } = options;
  const plan = createBootstrapPlan(cells, fitOptions, parameters, seed, rounds, clusters ?? null);
  const firstRound = first ?? 0;
  // An injected generator is one stream through all rounds in order, so it cannot be split across threads.
  const threads = random === undefined ? chooseBootstrapThreads(requested, cells.size, rounds) : 1;
  const pending = threads > 1 ? startBootstrapInThreads(plan, firstRound, rounds, threads) : null;
  return {
    ...(plan.frozenFactor === null ? {} : { informationFactor: plan.frozenFactor }),
    ...(plan.frozenInverse === null ? {} : { informationInverse: plan.frozenInverse }),
    finish() {
      const out = {
        samples: new Float64Array(rounds * cells.itemIds.length),
        orderSamples: new Float64Array(rounds),
        tieSamples: new Float64Array(rounds),
      };
      const { nonConvergedRounds, threadsUsed } =
        pending !== null
          ? pending.finish(out)
          : { nonConvergedRounds: runBootstrapRounds(plan, firstRound, out, random), threadsUsed: 1 };
      return { ...out, nonConvergedRounds, threadsUsed };
    },
  };
}
