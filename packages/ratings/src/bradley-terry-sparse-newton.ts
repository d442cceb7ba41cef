import {
  type CellCurvature,
  createCellCurvature,
  evaluateWithCurvature,
  multiplyInformation,
} from "./bradley-terry-curvature.js";
import type { BradleyTerryLayout, CellCounts } from "./bradley-terry-likelihood.js";
import { solveConjugateGradient } from "./conjugate-gradient.js";
import type { PairCells } from "./pair-cells.js";

/** Result of {@link solveBradleyTerrySparse}; the parameters are updated in place. */
export interface SparseNewtonResult {
  /** Penalised log-likelihood (prior included, sum penalty excluded: it is 0 at Σθ = 0). */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Conjugate-gradient iterations summed over the Newton steps (each costs one pass over the cells). */
  readonly conjugateGradientIterations: number;
  /** The per-cell information at the returned parameters (for standard errors). */
  readonly curvature: CellCurvature;
}

/** Tolerances of {@link solveBradleyTerrySparse}. */
export interface SparseNewtonOptions {
  /** Stop when the largest parameter change (natural-log scale) is below this. Default 1e-10. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Largest number of conjugate-gradient iterations per Newton step; default 1000. */
  readonly maxConjugateGradientIterations?: number;
}

/**
 * Truncated (inexact) Newton for the Bradley–Terry MLE on large, sparse comparison graphs (Dembo, Eisenstat &
 * Steihaug 1982; Nocedal & Wright, "Numerical Optimization", 2nd ed., §7.1). Each step solves I·s = ∇ℓ with
 * Jacobi-preconditioned conjugate gradients, where I is the Fisher information kept per cell (never as a matrix:
 * memory and each product are O(cells + items), see {@link CellCurvature}), to a relative residual
 * η_k = min(0.1, largest previous step) (a superlinear forcing sequence: the iteration converges like Newton's).
 * Step halving as in the dense solver; stops when the largest parameter change is below `tolerance`. The
 * location is fixed by a sum penalty instead of a reference item, so the returned θ have Σθ = 0 over rated
 * items (the dense solver instead pins its reference item at 0; both are re-centred the same way for output).
 * The information of a comparison graph with random pairings is well conditioned after Jacobi scaling (its
 * normalised Laplacian has eigenvalues near 1 ± 2/√degree), so a step typically takes 5–20 products.
 */
export function solveBradleyTerrySparse(
  cells: PairCells,
  counts: CellCounts,
  layout: BradleyTerryLayout,
  parameters: Float64Array,
  options: SparseNewtonOptions = {},
): SparseNewtonResult {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200;
  const maxInner = options.maxConjugateGradientIterations ?? 1000;
  const size = parameters.length;
  let curvature = createCellCurvature(cells, layout);
  let trialCurvature = createCellCurvature(cells, layout);
  for (let i = 0; i < layout.itemCount; i++) if (layout.active[i] !== 1) parameters[i] = 0;
  let gradient = new Float64Array(size);
  let trialGradient = new Float64Array(size);
  const step = new Float64Array(size);
  const trial = new Float64Array(size);
  const inverseDiagonal = new Float64Array(size);
  let objective = evaluateWithCurvature({ cells, counts, layout, parameters, gradient, curvature });
  trialCurvature.penalty = curvature.penalty;
  let previousLargest = Number.POSITIVE_INFINITY;
  let innerTotal = 0;
  const multiply = (vector: Float64Array, out: Float64Array) =>
    multiplyInformation({ cells, layout, curvature, vector, out });
  const result = (iterations: number, converged: boolean): SparseNewtonResult => ({
    logLikelihood: objective + (curvature.penalty / 2) * sumOfActive(layout, parameters) ** 2,
    iterations,
    converged,
    conjugateGradientIterations: innerTotal,
    curvature,
  });
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    for (let p = 0; p < size; p++) {
      const diagonal = curvature.diagonal[p]!;
      // A free parameter whose information vanished (separated data drifting to infinity) is regularised slightly.
      inverseDiagonal[p] = curvature.free[p] === 1 ? 1 / Math.max(diagonal, 1e-9) : 0;
    }
    const solved = solveConjugateGradient({
      multiply,
      inverseDiagonal,
      rightHandSide: gradient,
      solution: step,
      relativeTolerance: Math.max(1e-14, Math.min(0.1, previousLargest)),
      maxIterations: maxInner,
    });
    innerTotal += solved.iterations;
    let largest = 0;
    for (let p = 0; p < size; p++) largest = Math.max(largest, Math.abs(step[p]!));
    if (!Number.isFinite(largest)) return result(iteration, false);
    let stepScale = 1;
    let accepted = false;
    for (let halving = 0; halving < 40; halving++) {
      for (let p = 0; p < size; p++) trial[p] = parameters[p]! + stepScale * step[p]!;
      const trialObjective = evaluateWithCurvature({
        cells,
        counts,
        layout,
        parameters: trial,
        gradient: trialGradient,
        curvature: trialCurvature,
      });
      if (trialObjective >= objective - 1e-12 * Math.abs(objective)) {
        parameters.set(trial);
        objective = trialObjective;
        [gradient, trialGradient] = [trialGradient, gradient];
        [curvature, trialCurvature] = [trialCurvature, curvature];
        accepted = true;
        break;
      }
      stepScale /= 2;
    }
    if (largest * stepScale < tolerance || !accepted) {
      return result(iteration, accepted || largest < tolerance * 1e3);
    }
    previousLargest = largest * stepScale;
  }
  return result(maxIterations, false);
}

function sumOfActive(layout: BradleyTerryLayout, parameters: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < layout.itemCount; i++) if (layout.active[i] === 1) sum += parameters[i]!;
  return sum;
}
