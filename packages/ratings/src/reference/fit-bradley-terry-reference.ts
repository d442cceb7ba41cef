import { ARENA_ELO_SCALE, type EloScale, eloPointsPerLogUnit } from "../elo-scale.js";
import { solveLinearSystem } from "../solve-linear-system.js";

/**
 * Comparisons aggregated per cell, the reference path's input: cell c compares items `first[c]` and
 * `second[c]`, with `firstWins[c]`, `secondWins[c]` and `ties[c]` outcomes ({@link PairCells} satisfies it).
 */
export interface ReferenceCells {
  readonly itemIds: readonly string[];
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly firstWins: Float64Array;
  readonly secondWins: Float64Array;
  readonly ties: Float64Array;
}

/** Options of {@link fitBradleyTerryReference}. */
export interface ReferenceFitOptions {
  /** L2 penalty λ on the log-strengths (a N(0, 1/λ) prior); default 0 (plain maximum likelihood). */
  readonly prior?: number;
  /** Stop when the largest Newton step is below this (natural-log scale); default 1e-12. */
  readonly tolerance?: number;
  readonly scale?: EloScale;
}

/** Log-strengths (Σθ = 0 over rated items) and Elo ratings (mean = scale.initial); NaN for unrated items. */
export interface ReferenceFit {
  readonly logStrengths: Float64Array;
  readonly ratings: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Bradley–Terry by Newton–Raphson, written to be read rather than to be fast: the definition the fast solvers
 * (`fitBradleyTerry`, the bootstrap engine) are tested against, with half ties and no order effect.
 *
 * Model (Bradley and Terry 1952): item i beats item j with probability σ(θ_i − θ_j), σ(x) = 1 / (1 + e^−x). A tie
 * counts as half a win for each side (Chatbot Arena's convention), so cell c, with m_c comparisons of which the
 * first item won w_c = firstWins + ties / 2, contributes to the log-likelihood
 *   ℓ(θ) = Σ_c [ w_c · log σ(d_c) + (m_c − w_c) · log σ(−d_c) ] − (λ/2) · Σ_i θ_i²,   d_c = θ_first − θ_second.
 * Its gradient adds the residual r_c = w_c − m_c · σ(d_c) to the first item and subtracts it from the second
 * (minus λθ_i); the information adds m_c · σ(d_c) · σ(−d_c) to both diagonal entries and subtracts it from the
 * two off-diagonal ones (plus λ on the diagonal). Newton's step solves information · Δ = gradient (Agresti,
 * Categorical Data Analysis, 3rd ed., 2013, §11.6; Hunter 2004, Ann. Statist. 32(1), for when a maximum exists).
 * Without a prior the ratings are identified only up to a shift, so the first rated item stays at 0; at the end
 * the strengths are centred (Σθ = 0) and put on the Elo scale: rating = initial + points · θ / ln(base).
 *
 * Example: one cell with 3 wins of A over B and 1 of B gives θ_A − θ_B = ln 3, ratings 1000 ± 95.4.
 */
export function fitBradleyTerryReference(
  cells: ReferenceCells,
  options: ReferenceFitOptions = {},
  start?: Float64Array,
): ReferenceFit {
  const n = cells.itemIds.length;
  const prior = options.prior ?? 0;
  const rated = new Uint8Array(n);
  cells.first.forEach((item, c) => {
    if (totalOf(cells, c) > 0) rated[item] = rated[cells.second[c]!] = 1;
  });
  const free = [...rated.keys()].filter((i) => rated[i] === 1);
  if (prior === 0) free.shift(); // the first rated item is the reference, fixed at 0
  const theta = new Float64Array(n);
  if (start !== undefined) theta.set(start);
  let iterations = 0;
  let converged = false;
  while (!converged && iterations < 100) {
    const gradient = new Float64Array(n);
    const information = new Float64Array(n * n);
    for (let c = 0; c < cells.first.length; c++) {
      const i = cells.first[c]!;
      const j = cells.second[c]!;
      const m = totalOf(cells, c);
      const p = 1 / (1 + Math.exp(theta[j]! - theta[i]!));
      const residual = cells.firstWins[c]! + cells.ties[c]! / 2 - m * p;
      gradient[i] = gradient[i]! + residual;
      gradient[j] = gradient[j]! - residual;
      const weight = m * p * (1 - p);
      information[i * n + i] = information[i * n + i]! + weight;
      information[j * n + j] = information[j * n + j]! + weight;
      information[i * n + j] = information[i * n + j]! - weight;
      information[j * n + i] = information[j * n + i]! - weight;
    }
    // Newton's step on the free items only: Δ = information⁻¹ · gradient.
    const k = free.length;
    const reduced = new Float64Array(k * k);
    const rightHandSide = new Float64Array(k);
    free.forEach((i, a) => {
      rightHandSide[a] = gradient[i]! - prior * theta[i]!;
      free.forEach((j, b) => {
        reduced[a * k + b] = information[i * n + j]! + (a === b ? prior : 0);
      });
    });
    const step = solveLinearSystem(reduced, k, rightHandSide, 1);
    if (step === null) break;
    free.forEach((i, a) => {
      theta[i] = theta[i]! + step[a]!;
    });
    iterations++;
    converged = step.every((value) => Math.abs(value) < (options.tolerance ?? 1e-12));
  }
  return { ...centre(theta, rated, options.scale ?? ARENA_ELO_SCALE), iterations, converged };
}

function totalOf(cells: ReferenceCells, c: number): number {
  return cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
}

/** Σθ = 0 over rated items, then the Elo scale; NaN for items without comparisons. */
function centre(theta: Float64Array, rated: Uint8Array, scale: EloScale) {
  let mean = 0;
  rated.forEach((flag, i) => {
    if (flag === 1) mean += theta[i]!;
  });
  mean /= Math.max(
    1,
    rated.reduce((sum, flag) => sum + flag, 0),
  );
  const logStrengths = theta.map((value, i) => (rated[i] === 1 ? value - mean : Number.NaN));
  const ratings = logStrengths.map((value) => scale.initial + eloPointsPerLogUnit(scale) * value);
  return { logStrengths, ratings };
}
