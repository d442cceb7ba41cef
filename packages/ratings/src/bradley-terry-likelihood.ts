import type { PairCells } from "./pair-cells.js";

/**
 * Parameter layout of a Bradley–Terry fit. The parameter vector holds the natural-log strengths θ of all items
 * (indices 0..n−1), then the order effect δ (if any), then the Davidson tie parameter λ = ln ν (if any).
 * `freeIndex[p]` is the position of parameter p among the free parameters (−1 when p is fixed: the reference
 * item without a prior, or an item without comparisons).
 */
export interface BradleyTerryLayout {
  readonly itemCount: number;
  readonly orderIndex: number;
  readonly tieIndex: number;
  readonly ties: "half" | "davidson";
  /** L2 penalty (prior precision) on θ: the objective adds −prior/2 · Σ θ_i². */
  readonly prior: number;
  readonly active: Uint8Array;
  readonly freeIndex: Int32Array;
  readonly freeCount: number;
}

/** Outcome counts per cell (the cells' own counts, or bootstrap counts over the same cells). */
export interface CellCounts {
  readonly firstWins: Float64Array;
  readonly secondWins: Float64Array;
  readonly ties: Float64Array;
}

/**
 * Penalised log-likelihood of the cells at `parameters`; fills the gradient and the Fisher information
 * (negative Hessian, which equals the observed information for these exponential-family models) over the
 * free parameters when they are given.
 *
 * Half ties (Arena): d = θ_first − θ_second + δ·positional, p = σ(d), a tie counts half a win each way:
 *   ℓ = Σ w_f ln p + w_s ln(1 − p),  w_f = wins_first + ties/2, w_s = wins_second + ties/2.
 * Davidson (1970): with a = d/2 and ν = e^λ, P(first) = e^a/D, P(second) = e^−a/D, P(tie) = ν/D,
 *   D = e^a + e^−a + ν  (equivalently π_f / (π_f + π_s + ν√(π_f π_s))).
 */
export function evaluateBradleyTerry(
  cells: PairCells,
  counts: CellCounts,
  layout: BradleyTerryLayout,
  parameters: Float64Array,
  gradient: Float64Array | null,
  information: Float64Array | null,
): number {
  const { freeIndex, freeCount, orderIndex, tieIndex } = layout;
  if (gradient !== null) gradient.fill(0);
  if (information !== null) information.fill(0);
  const delta = orderIndex >= 0 ? parameters[orderIndex]! : 0;
  const orderFree = orderIndex >= 0 ? freeIndex[orderIndex]! : -1;
  const davidson = layout.ties === "davidson";
  const logNu = tieIndex >= 0 ? parameters[tieIndex]! : 0;
  const tieFree = tieIndex >= 0 ? freeIndex[tieIndex]! : -1;
  const indices = [-1, -1, -1];
  const signs = [1, -1, 1];
  const terms = new Float64Array(5);
  let logLikelihood = 0;
  for (let c = 0; c < cells.size; c++) {
    const f = cells.first[c]!;
    const s = cells.second[c]!;
    const positional = cells.positional[c] === 1 && orderIndex >= 0;
    const winsFirst = counts.firstWins[c]!;
    const winsSecond = counts.secondWins[c]!;
    const tieCount = counts.ties[c]!;
    const total = winsFirst + winsSecond + tieCount;
    if (total === 0) continue;
    const d = parameters[f]! - parameters[s]! + (positional ? delta : 0);
    logLikelihood += evaluateCell({ d, winsFirst, winsSecond, tieCount, davidson, logNu }, terms);
    const scoreD = terms[CELL_SCORE_D]!;
    const infoDD = terms[CELL_INFO_DD]!;
    const scoreTie = terms[CELL_SCORE_TIE]!;
    const infoDTie = terms[CELL_INFO_D_TIE]!;
    const infoTieTie = terms[CELL_INFO_TIE_TIE]!;
    const scale = davidson ? 0.5 : 1;
    if (gradient === null) continue;
    indices[0] = freeIndex[f]!;
    indices[1] = freeIndex[s]!;
    indices[2] = positional ? orderFree : -1;
    for (let u = 0; u < 3; u++) {
      const iu = indices[u]!;
      if (iu < 0) continue;
      const xu = signs[u]! * scale;
      gradient[iu] = gradient[iu]! + xu * scoreD;
      if (information === null) continue;
      for (let v = 0; v < 3; v++) {
        const iv = indices[v]!;
        if (iv < 0) continue;
        const k = iu * freeCount + iv;
        information[k] = information[k]! + xu * signs[v]! * scale * infoDD;
      }
      if (tieFree >= 0) {
        const k1 = iu * freeCount + tieFree;
        const k2 = tieFree * freeCount + iu;
        information[k1] = information[k1]! + xu * infoDTie;
        information[k2] = information[k2]! + xu * infoDTie;
      }
    }
    if (tieFree >= 0) {
      gradient[tieFree] = gradient[tieFree]! + scoreTie;
      if (information !== null) {
        const k = tieFree * freeCount + tieFree;
        information[k] = information[k]! + infoTieTie;
      }
    }
  }
  if (layout.prior > 0) {
    for (let i = 0; i < layout.itemCount; i++) {
      const theta = parameters[i]!;
      logLikelihood -= (layout.prior / 2) * theta * theta;
      const fi = freeIndex[i]!;
      if (fi < 0) continue;
      if (gradient !== null) gradient[fi] = gradient[fi]! - layout.prior * theta;
      if (information !== null) information[fi * freeCount + fi] = information[fi * freeCount + fi]! + layout.prior;
    }
  }
  return logLikelihood;
}

/** Slots of the per-cell terms written by {@link evaluateCell}. */
export const CELL_SCORE_D = 0;
export const CELL_INFO_DD = 1;
export const CELL_SCORE_TIE = 2;
export const CELL_INFO_D_TIE = 3;
export const CELL_INFO_TIE_TIE = 4;

/**
 * One cell's log-likelihood (returned) and its score and information with respect to the cell's linear
 * predictor d (half ties: ∂ℓ/∂d; Davidson: ∂ℓ/∂a with a = d/2, so callers scale by ½) and, for Davidson, ln ν;
 * written to `out` at the CELL_* slots. Formulas as in {@link evaluateBradleyTerry}.
 */
export function evaluateCell(
  cell: {
    d: number;
    winsFirst: number;
    winsSecond: number;
    tieCount: number;
    davidson: boolean;
    logNu: number;
  },
  out: Float64Array,
): number {
  const { d, winsFirst, winsSecond, tieCount, logNu } = cell;
  const total = winsFirst + winsSecond + tieCount;
  if (!cell.davidson) {
    const weightFirst = winsFirst + tieCount / 2;
    const p = sigmoid(d);
    out[CELL_SCORE_D] = weightFirst - total * p;
    out[CELL_INFO_DD] = total * p * (1 - p);
    out[CELL_SCORE_TIE] = 0;
    out[CELL_INFO_D_TIE] = 0;
    out[CELL_INFO_TIE_TIE] = 0;
    return -(weightFirst * softplus(-d) + (winsSecond + tieCount / 2) * softplus(d));
  }
  const a = d / 2;
  const shift = Math.max(a, -a, logNu);
  const ef = Math.exp(a - shift);
  const es = Math.exp(-a - shift);
  const et = Math.exp(logNu - shift);
  const denominator = ef + es + et;
  const pf = ef / denominator;
  const ps = es / denominator;
  const pt = et / denominator;
  const logD = shift + Math.log(denominator);
  out[CELL_SCORE_D] = winsFirst - winsSecond - total * (pf - ps);
  out[CELL_INFO_DD] = total * (pf + ps - (pf - ps) ** 2);
  out[CELL_SCORE_TIE] = tieCount - total * pt;
  out[CELL_INFO_D_TIE] = -total * (pf - ps) * pt;
  out[CELL_INFO_TIE_TIE] = total * pt * (1 - pt);
  return winsFirst * (a - logD) + winsSecond * (-a - logD) + tieCount * (logNu - logD);
}

/** σ(x) = 1/(1 + e^−x), computed without overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = ln(1 + e^x) = −ln σ(−x), computed without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
