import { MAX_CHORD_ITEMS } from "./bootstrap-engine/bootstrap-rounds.js";
import { createHalfTiesRefit } from "./bootstrap-engine/create-half-ties-refit.js";
import { loadHalfTiesRound } from "./bootstrap-engine/load-half-ties-round.js";
import { refitHalfTies } from "./bootstrap-engine/refit-half-ties.js";
import type { CellCounts } from "./bradley-terry-likelihood.js";
import { factorInformation } from "./bradley-terry-newton.js";
import { ARENA_ELO_SCALE, type EloScale, eloPointsPerLogUnit } from "./elo-scale.js";
import { createBradleyTerryLayout } from "./fit-bradley-terry.js";
import type { PairCells } from "./pair-cells.js";

/** Largest item count for which the refitter computes the factor itself (items³/3 flops: about half a second). */
const MAX_FACTORED_ITEMS = 1000;

/** Refits Bradley–Terry on subsets of a fitted set of cells; built by {@link createSubsetRefitter}. */
export interface SubsetRefitter {
  /**
   * Ratings (Elo scale, mean = scale.initial) of `counts`, outcome counts over the same cells (e.g. one judge's
   * comparisons, a random half, a time prefix), with L2 penalty `prior` (0: plain MLE); null when the subset
   * does not rate every item of the full data or the chord iteration does not settle (refit it another way).
   */
  refit(counts: CellCounts, prior: number): Float64Array | null;
}

/**
 * Bradley–Terry refits of subsets of one comparison set by chord Newton from the full-data fit
 * ({@link refitHalfTies}): the full data's information I₀, factored once, scaled by the subset's share s of the
 * comparisons, stands in for the subset's information (s·I₀ ≈ I_subset for subsets that sample the pairs evenly,
 * such as a judge's share, a random half or a time prefix), so each refit costs a few passes over the cells and
 * matrix–vector products instead of a Newton solve with its own factorisations or conjugate-gradient passes. The
 * iteration converges to the subset's own maximum (the chord matrix only sets the speed), to `tolerance` on
 * the log scale (default 1e-8). Half ties, no order effect. Null beyond {@link MAX_CHORD_ITEMS} rated items or
 * when the information is singular.
 */
export function createSubsetRefitter(
  cells: PairCells,
  parameters: Float64Array,
  options: SubsetRefitterOptions = {},
): SubsetRefitter | null {
  return createSubsetRefitterFromFactor(cells, parameters, options);
}

/** Options of {@link createSubsetRefitter}. */
export interface SubsetRefitterOptions {
  readonly scale?: EloScale;
  /** Stop when the step is below this on the log scale; default 1e-8. */
  readonly tolerance?: number;
  readonly maxSteps?: number;
}

/**
 * {@link createSubsetRefitter} reusing a factor already computed (internal: a bootstrap hands its own over in
 * {@link PendingBradleyTerryBootstrap.createSubsetRefitter}). `factor` is the full-data information's Cholesky
 * factor with every item free (any prior > 0), computed here when absent (up to 1,000 items); `inverse` its
 * single-precision inverse.
 */
export function createSubsetRefitterFromFactor(
  cells: PairCells,
  parameters: Float64Array,
  options: SubsetRefitterOptions & { readonly factor?: Float64Array; readonly inverse?: Float32Array },
): SubsetRefitter | null {
  // The chord matrix includes a small prior so that it is invertible; each refit's own prior is applied to its
  // gradient, so the fixed point is the subset's penalised (or plain) maximum either way.
  const layout = createBradleyTerryLayout(cells, { prior: 1e-3 });
  let rated = 0;
  for (let i = 0; i < layout.itemCount; i++) rated += layout.active[i]!;
  if (rated > MAX_CHORD_ITEMS || parameters.length !== layout.itemCount) return null;
  if (options.factor !== undefined && options.factor.length !== layout.freeCount ** 2) return null;
  if (options.factor === undefined && rated > MAX_FACTORED_ITEMS) return null;
  const factor = options.factor ?? factorInformation(cells, cells, layout, parameters);
  if (factor === null) return null;
  const refitter = createHalfTiesRefit({
    cells,
    parameters,
    freeIndex: layout.freeIndex,
    freeCount: layout.freeCount,
    orderIndex: -1,
    factor,
    ...(options.inverse !== undefined && options.factor !== undefined ? { inverse: options.inverse } : {}),
    prior: layout.prior,
    itemCount: layout.itemCount,
  });
  let fullTotal = 0;
  for (let c = 0; c < cells.size; c++) {
    fullTotal += cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
  }
  const pointsPerUnit = eloPointsPerLogUnit(options.scale ?? ARENA_ELO_SCALE);
  const base = (options.scale ?? ARENA_ELO_SCALE).initial;
  const working = new Float64Array(parameters.length);
  return {
    refit(counts, prior) {
      if (!loadHalfTiesRound(refitter, counts)) return null;
      let total = 0;
      for (let c = 0; c < refitter.round.size; c++) total += refitter.round.total[c]!;
      working.set(parameters);
      const steps = refitHalfTies(refitter, working, {
        tolerance: options.tolerance ?? 1e-8,
        maxSteps: options.maxSteps ?? 100,
        prior,
        informationScale: total / fullTotal,
      });
      if (steps < 0) return null;
      let mean = 0;
      for (let i = 0; i < layout.itemCount; i++) if (layout.active[i] === 1) mean += working[i]!;
      mean /= rated;
      const ratings = new Float64Array(layout.itemCount).fill(Number.NaN);
      for (let i = 0; i < layout.itemCount; i++) {
        if (layout.active[i] === 1) ratings[i] = base + pointsPerUnit * (working[i]! - mean);
      }
      return ratings;
    },
  };
}
