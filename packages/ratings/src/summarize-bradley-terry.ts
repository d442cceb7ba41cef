import { centreSparseStrengths, parameterVariance } from "./approximate-standard-errors.js";
import { type BradleyTerryLayout, evaluateBradleyTerry } from "./bradley-terry-likelihood.js";
import type { SparseNewtonResult } from "./bradley-terry-sparse-newton.js";
import { type CentredStrengths, centreStrengths } from "./centre-strengths.js";
import { choleskyInPlace, choleskyInverse } from "./cholesky.js";
import { ARENA_ELO_SCALE, eloPointsPerLogUnit } from "./elo-scale.js";
import type { BradleyTerryFit, BradleyTerryOptions } from "./fit-bradley-terry.js";
import { describeMleProblem } from "./has-finite-mle.js";
import type { PairCells } from "./pair-cells.js";

interface SolverOutcome {
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** A dense fit's summary: exact standard errors from the inverse of the n×n Fisher information. */
export function summarizeDenseFit(
  cells: PairCells,
  layout: BradleyTerryLayout,
  parameters: Float64Array,
  solved: SolverOutcome,
  options: BradleyTerryOptions,
): BradleyTerryFit {
  const { itemCount, freeCount, freeIndex } = layout;
  const information = new Float64Array(freeCount * freeCount);
  evaluateBradleyTerry(cells, cells, layout, parameters, new Float64Array(freeCount), information);
  const invertible = choleskyInPlace(information, freeCount);
  const covariance = invertible
    ? choleskyInverse(information, freeCount)
    : new Float64Array(freeCount * freeCount).fill(Number.NaN);
  const centred = centreStrengths({
    strengths: parameters.subarray(0, itemCount),
    rated: layout.active,
    covariance,
    freeIndex,
    freeCount,
    itemIds: cells.itemIds,
    anchor: options.anchor,
    scale: options.scale ?? ARENA_ELO_SCALE,
  });
  const varianceOf = (index: number) => {
    const free = freeIndex[index]!;
    return covariance[free * freeCount + free]!;
  };
  return assembleFit({ cells, layout, parameters, solved, options, centred, varianceOf, solver: "dense" });
}

/** A sparse fit's summary: approximate item standard errors, exact ones for δ and ln ν (one CG solve each). */
export function summarizeSparseFit(
  cells: PairCells,
  layout: BradleyTerryLayout,
  parameters: Float64Array,
  solved: SparseNewtonResult,
  options: BradleyTerryOptions,
): BradleyTerryFit {
  const { curvature } = solved;
  const centred = centreSparseStrengths({
    cells,
    layout,
    curvature,
    strengths: parameters.subarray(0, layout.itemCount),
    anchor: options.anchor,
    scale: options.scale ?? ARENA_ELO_SCALE,
  });
  const varianceOf = (index: number) => parameterVariance({ cells, layout, curvature, index });
  return assembleFit({ cells, layout, parameters, solved, options, centred, varianceOf, solver: "sparse" });
}

function assembleFit(input: {
  cells: PairCells;
  layout: BradleyTerryLayout;
  parameters: Float64Array;
  solved: SolverOutcome;
  options: BradleyTerryOptions;
  centred: CentredStrengths;
  varianceOf: (parameterIndex: number) => number;
  solver: "dense" | "sparse";
}): BradleyTerryFit {
  const { cells, layout, parameters, solved, options, centred, varianceOf, solver } = input;
  const pointsPerUnit = eloPointsPerLogUnit(options.scale ?? ARENA_ELO_SCALE);
  let comparisons = 0;
  for (let c = 0; c < cells.size; c++) comparisons += cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
  const { deviance, cellsWithData } = computeDeviance(cells, layout, parameters);
  const mleProblem = layout.prior > 0 ? null : describeMleProblem(cells);
  const finiteMle = mleProblem === null;
  const fit: BradleyTerryFit = {
    itemIds: cells.itemIds,
    ...centred,
    rated: layout.active,
    logLikelihood: solved.logLikelihood,
    deviance,
    degreesOfFreedom: cellsWithData * (layout.ties === "davidson" ? 2 : 1) - layout.freeCount,
    iterations: solved.iterations,
    converged: solved.converged && finiteMle,
    finiteMle,
    comparisons,
    parameters,
    solver,
    standardErrorMethod: solver === "dense" ? "fisher" : "approximate",
    ...(mleProblem === null ? {} : { mleProblem }),
  };
  const withOrder =
    layout.orderIndex < 0
      ? fit
      : {
          ...fit,
          orderEffect: {
            value: parameters[layout.orderIndex]!,
            standardError: Math.sqrt(varianceOf(layout.orderIndex)),
            elo: parameters[layout.orderIndex]! * pointsPerUnit,
          },
        };
  if (layout.tieIndex < 0) return withOrder;
  return {
    ...withOrder,
    tieParameter: {
      value: Math.exp(parameters[layout.tieIndex]!),
      logStandardError: Math.sqrt(varianceOf(layout.tieIndex)),
    },
  };
}

/**
 * Deviance = 2 Σ_cells Σ_outcomes n_o ln(n_o / (m·P_o)) against the saturated model; for half ties the cell is
 * a binomial with w_f = wins + ties/2 successes out of m (as a glm on cbind(w_f, w_s) would report).
 */
function computeDeviance(
  cells: PairCells,
  layout: BradleyTerryLayout,
  parameters: Float64Array,
): { deviance: number; cellsWithData: number } {
  let saturated = 0;
  let cellsWithData = 0;
  for (let c = 0; c < cells.size; c++) {
    const wf = cells.firstWins[c]!;
    const ws = cells.secondWins[c]!;
    const t = cells.ties[c]!;
    const m = wf + ws + t;
    if (m === 0) continue;
    cellsWithData++;
    const counts = layout.ties === "davidson" ? [wf, ws, t] : [wf + t / 2, ws + t / 2];
    for (const n of counts) if (n > 0) saturated += n * Math.log(n / m);
  }
  const fitted = evaluateBradleyTerry(cells, cells, { ...layout, prior: 0 }, parameters, null, null);
  return { deviance: 2 * (saturated - fitted), cellsWithData };
}
