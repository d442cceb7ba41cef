import {
  type BradleyTerryLayout,
  CELL_INFO_D_TIE,
  CELL_INFO_DD,
  CELL_INFO_TIE_TIE,
  CELL_SCORE_D,
  CELL_SCORE_TIE,
  type CellCounts,
  evaluateCell,
} from "./bradley-terry-likelihood.js";
import type { PairCells } from "./pair-cells.js";

/**
 * The Fisher information of a Bradley–Terry fit kept per cell instead of as an n×n matrix. With the cell's
 * predictor d = θ_f − θ_s + δ·[positional] and x_c its gradient (+1 at f, −1 at s, +1 at δ), the information is
 *   I = Σ_c a_c x_c x_cᵀ (+ for Davidson: b_c (x_c e_λᵀ + e_λ x_cᵀ) + t_c e_λ e_λᵀ) + prior·I_θ + κ·1_θ1_θᵀ,
 * where a_c = scale²·I_dd, b_c = scale·I_dλ, t_c = I_λλ (scale ½ for Davidson, 1 for half ties), and the last
 * term is the sum penalty κ/2·(Σθ)² that fixes the location without pinning a reference item (the likelihood is
 * invariant to a common shift of θ, and with a prior the optimum has Σθ = 0 anyway, so the penalty moves no
 * optimum; κ = mean diagonal / active items makes the constant direction as stiff as a typical item).
 * A product I·v costs one pass over the cells ({@link multiplyInformation}).
 */
export interface CellCurvature {
  readonly a: Float64Array;
  readonly b: Float64Array | null;
  readonly t: Float64Array | null;
  /** Diagonal of I over all parameters (the Jacobi preconditioner), penalty included. */
  readonly diagonal: Float64Array;
  /** 1 for free parameters (items with comparisons, δ, ln ν). */
  readonly free: Uint8Array;
  /** κ of the sum penalty. */
  penalty: number;
}

/** Allocates per-cell curvature arrays for `cells` under `layout`. */
export function createCellCurvature(cells: PairCells, layout: BradleyTerryLayout): CellCurvature {
  const davidson = layout.ties === "davidson";
  const parameterCount = layout.itemCount + (layout.orderIndex >= 0 ? 1 : 0) + (layout.tieIndex >= 0 ? 1 : 0);
  const free = new Uint8Array(parameterCount);
  free.set(layout.active);
  if (layout.orderIndex >= 0) free[layout.orderIndex] = 1;
  if (layout.tieIndex >= 0) free[layout.tieIndex] = 1;
  return {
    a: new Float64Array(cells.size),
    b: davidson ? new Float64Array(cells.size) : null,
    t: davidson ? new Float64Array(cells.size) : null,
    diagonal: new Float64Array(parameterCount),
    free,
    penalty: 0,
  };
}

/**
 * Penalised log-likelihood ℓ(θ, δ, λ) − prior/2·Σθ² − κ/2·(Σθ)² at `parameters`; fills the gradient over all
 * parameters (0 at fixed ones) and, when `curvature` is given, its per-cell terms, diagonal and κ.
 */
export function evaluateWithCurvature(options: {
  cells: PairCells;
  counts: CellCounts;
  layout: BradleyTerryLayout;
  parameters: Float64Array;
  gradient: Float64Array;
  curvature: CellCurvature;
}): number {
  const { cells, counts, layout, parameters, gradient, curvature } = options;
  const { orderIndex, tieIndex } = layout;
  const davidson = layout.ties === "davidson";
  const scale = davidson ? 0.5 : 1;
  const delta = orderIndex >= 0 ? parameters[orderIndex]! : 0;
  const logNu = tieIndex >= 0 ? parameters[tieIndex]! : 0;
  const { a, b, t, diagonal } = curvature;
  const terms = new Float64Array(5);
  const { first, second, positional } = cells;
  const { firstWins, secondWins, ties } = counts;
  gradient.fill(0);
  diagonal.fill(0);
  let logLikelihood = 0;
  let orderScore = 0;
  let orderDiagonal = 0;
  let tieScore = 0;
  let tieDiagonal = 0;
  for (let c = 0; c < cells.size; c++) {
    const winsFirst = firstWins[c]!;
    const winsSecond = secondWins[c]!;
    const tieCount = ties[c]!;
    if (winsFirst + winsSecond + tieCount === 0) {
      a[c] = 0;
      if (b !== null && t !== null) {
        b[c] = 0;
        t[c] = 0;
      }
      continue;
    }
    const f = first[c]!;
    const s = second[c]!;
    const isPositional = orderIndex >= 0 && positional[c] === 1;
    const d = parameters[f]! - parameters[s]! + (isPositional ? delta : 0);
    let score: number;
    let weight: number;
    if (!davidson) {
      // Half ties inline (the hot loop): one exp and one log1p per cell.
      const total = winsFirst + winsSecond + tieCount;
      const weightFirst = winsFirst + tieCount / 2;
      const e = Math.exp(-Math.abs(d));
      const p = d >= 0 ? 1 / (1 + e) : e / (1 + e);
      const softplusD = Math.max(d, 0) + Math.log1p(e);
      logLikelihood -= weightFirst * (softplusD - d) + (total - weightFirst) * softplusD;
      score = weightFirst - total * p;
      weight = total * p * (1 - p);
    } else {
      logLikelihood += evaluateCell({ d, winsFirst, winsSecond, tieCount, davidson, logNu }, terms);
      score = scale * terms[CELL_SCORE_D]!;
      weight = scale * scale * terms[CELL_INFO_DD]!;
    }
    a[c] = weight;
    gradient[f] = gradient[f]! + score;
    gradient[s] = gradient[s]! - score;
    diagonal[f] = diagonal[f]! + weight;
    diagonal[s] = diagonal[s]! + weight;
    if (isPositional) {
      orderScore += score;
      orderDiagonal += weight;
    }
    if (b !== null && t !== null) {
      b[c] = scale * terms[CELL_INFO_D_TIE]!;
      t[c] = terms[CELL_INFO_TIE_TIE]!;
      tieScore += terms[CELL_SCORE_TIE]!;
      tieDiagonal += terms[CELL_INFO_TIE_TIE]!;
    }
  }
  if (orderIndex >= 0) {
    gradient[orderIndex] = orderScore;
    diagonal[orderIndex] = orderDiagonal;
  }
  if (tieIndex >= 0) {
    gradient[tieIndex] = tieScore;
    diagonal[tieIndex] = tieDiagonal;
  }
  return addItemPenalties(logLikelihood, { layout, parameters, gradient, curvature });
}

/**
 * The item terms of {@link evaluateWithCurvature}, after its pass over the cells: subtracts prior/2·Σθ² and
 * κ/2·(Σθ)² (over active items) from `logLikelihood`, and adds their gradient and diagonal. κ is set at the first
 * evaluation of a solve (mean diagonal over the active items², at least 1e-12 / items²).
 */
function addItemPenalties(
  logLikelihood: number,
  options: { layout: BradleyTerryLayout; parameters: Float64Array; gradient: Float64Array; curvature: CellCurvature },
): number {
  const { layout, parameters, gradient, curvature } = options;
  const { itemCount } = layout;
  const { diagonal } = curvature;
  const { active, prior } = layout;
  let sum = 0;
  let activeCount = 0;
  let diagonalSum = 0;
  for (let i = 0; i < itemCount; i++) {
    if (active[i] !== 1) continue;
    const theta = parameters[i]!;
    sum += theta;
    activeCount++;
    diagonalSum += diagonal[i]!;
  }
  // κ is set once per solve (at the first evaluation) so that the objective stays one fixed function.
  if (curvature.penalty === 0)
    curvature.penalty = activeCount > 0 ? Math.max(diagonalSum, 1e-12) / activeCount ** 2 : 0;
  const penalty = curvature.penalty;
  for (let i = 0; i < itemCount; i++) {
    if (active[i] !== 1) continue;
    const theta = parameters[i]!;
    logLikelihood -= (prior / 2) * theta * theta;
    gradient[i] = gradient[i]! - prior * theta - penalty * sum;
    diagonal[i] = diagonal[i]! + prior + penalty;
  }
  return logLikelihood - (penalty / 2) * sum * sum;
}

/** out ← I·v with the per-cell curvature (see {@link CellCurvature}); fixed parameters give 0. */
export function multiplyInformation(options: {
  cells: PairCells;
  layout: BradleyTerryLayout;
  curvature: CellCurvature;
  vector: Float64Array;
  out: Float64Array;
}): void {
  const { cells, layout, curvature, vector, out } = options;
  const { a, b, t, free } = curvature;
  const { first, second, positional } = cells;
  const { orderIndex, tieIndex, itemCount, active, prior } = layout;
  const orderValue = orderIndex >= 0 ? vector[orderIndex]! : 0;
  const tieValue = tieIndex >= 0 ? vector[tieIndex]! : 0;
  out.fill(0);
  let orderOut = 0;
  let tieOut = 0;
  for (let c = 0; c < cells.size; c++) {
    const weight = a[c]!;
    if (weight === 0 && (b === null || b[c] === 0)) continue;
    const f = first[c]!;
    const s = second[c]!;
    const isPositional = orderIndex >= 0 && positional[c] === 1;
    const y = vector[f]! - vector[s]! + (isPositional ? orderValue : 0);
    let value = weight * y;
    if (b !== null && t !== null) {
      const cross = b[c]!;
      value += cross * tieValue;
      tieOut += cross * y + t[c]! * tieValue;
    }
    out[f] = out[f]! + value;
    out[s] = out[s]! - value;
    if (isPositional) orderOut += value;
  }
  if (orderIndex >= 0) out[orderIndex] = orderOut;
  if (tieIndex >= 0) out[tieIndex] = tieOut;
  let sum = 0;
  for (let i = 0; i < itemCount; i++) if (active[i] === 1) sum += vector[i]!;
  const shift = curvature.penalty * sum;
  for (let i = 0; i < itemCount; i++) {
    if (active[i] === 1) out[i] = out[i]! + prior * vector[i]! + shift;
  }
  for (let p = 0; p < out.length; p++) if (free[p] !== 1) out[p] = 0;
}
