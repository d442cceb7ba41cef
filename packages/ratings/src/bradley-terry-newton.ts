import { type BradleyTerryLayout, type CellCounts, evaluateBradleyTerry } from "./bradley-terry-likelihood.js";
import { choleskyInPlace, choleskySolveInPlace } from "./cholesky.js";
import type { PairCells } from "./pair-cells.js";

/** Result of a Newton solve: the parameters are updated in place. */
export interface NewtonResult {
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Cholesky factor of the Fisher information at the last full-Newton step (free × free, row-major). */
  readonly factor: Float64Array | null;
}

/** Tolerances of the Newton solver. */
export interface NewtonOptions {
  /** Stop when the largest parameter change (natural-log scale) is below this. Default 1e-10. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /**
   * A Cholesky factor of the information to reuse instead of recomputing it at every step (the chord or
   * simplified Newton method). Bootstrap refits start from the full-data estimate, where the information barely
   * changes, so each step costs one pass over the cells plus two triangular solves and the iteration contracts
   * linearly at a rate of about the relative change in information. Falls back to full Newton if it stalls.
   */
  readonly frozenFactor?: Float64Array | null;
}

/**
 * Maximises the (penalised) log-likelihood by Newton–Raphson (Fisher scoring; the observed and expected
 * information coincide for these models) with step halving, starting from `parameters` (warm start).
 */
export function solveBradleyTerry(
  cells: PairCells,
  counts: CellCounts,
  layout: BradleyTerryLayout,
  parameters: Float64Array,
  options: NewtonOptions = {},
): NewtonResult {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200;
  const freeCount = layout.freeCount;
  const gradient = new Float64Array(freeCount);
  const trial = new Float64Array(parameters.length);
  let information: Float64Array | null = null;
  let factor: Float64Array | null = options.frozenFactor ?? null;
  let chord = factor !== null;
  let logLikelihood = Number.NaN;
  let chordSteps = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (chord) {
      logLikelihood = evaluateBradleyTerry(cells, counts, layout, parameters, gradient, null);
    } else {
      information ??= new Float64Array(freeCount * freeCount);
      logLikelihood = evaluateBradleyTerry(cells, counts, layout, parameters, gradient, information);
      if (!choleskyInPlace(information, freeCount)) {
        // Information singular in some direction (e.g. separated data drifting to infinity): regularise slightly.
        logLikelihood = evaluateBradleyTerry(cells, counts, layout, parameters, gradient, information);
        for (let i = 0; i < freeCount; i++) information[i * freeCount + i] = information[i * freeCount + i]! + 1e-9;
        if (!choleskyInPlace(information, freeCount))
          return { logLikelihood, iterations: iteration, converged: false, factor: null };
      }
      factor = information;
      information = null;
    }
    const step = gradient;
    choleskySolveInPlace(factor as Float64Array, freeCount, step);
    let largest = 0;
    for (let i = 0; i < freeCount; i++) largest = Math.max(largest, Math.abs(step[i]!));
    let stepScale = 1;
    let accepted = false;
    for (let halving = 0; halving < 40; halving++) {
      applyStep(layout, parameters, step, stepScale, trial);
      const trialLogLikelihood = evaluateBradleyTerry(cells, counts, layout, trial, null, null);
      if (trialLogLikelihood >= logLikelihood - 1e-12 * Math.abs(logLikelihood)) {
        parameters.set(trial);
        logLikelihood = trialLogLikelihood;
        accepted = true;
        break;
      }
      stepScale /= 2;
    }
    if (!accepted && chord) {
      chord = false;
      factor = null;
      continue;
    }
    if (largest * stepScale < tolerance || !accepted) {
      return { logLikelihood, iterations: iteration, converged: accepted || largest < tolerance * 1e3, factor };
    }
    if (chord && ++chordSteps > 30) {
      chord = false;
      factor = null;
    }
  }
  return { logLikelihood, iterations: maxIterations, converged: false, factor };
}

function applyStep(
  layout: BradleyTerryLayout,
  parameters: Float64Array,
  step: Float64Array,
  stepScale: number,
  out: Float64Array,
): void {
  for (let p = 0; p < parameters.length; p++) {
    const free = layout.freeIndex[p]!;
    out[p] = free < 0 ? parameters[p]! : parameters[p]! + stepScale * step[free]!;
  }
}

/** Cholesky factor of the Fisher information at `parameters` (free × free), or null if not positive definite. */
export function factorInformation(
  cells: PairCells,
  counts: CellCounts,
  layout: BradleyTerryLayout,
  parameters: Float64Array,
): Float64Array | null {
  const information = new Float64Array(layout.freeCount * layout.freeCount);
  evaluateBradleyTerry(cells, counts, layout, parameters, new Float64Array(layout.freeCount), information);
  return choleskyInPlace(information, layout.freeCount) ? information : null;
}
