import { sigmoid, softplus } from "./bradley-terry-likelihood.js";
import { ARENA_ELO_SCALE, type EloScale, eloPointsPerLogUnit, type RatingAnchor } from "./elo-scale.js";
import { fitBradleyTerry, MAX_DENSE_ITEMS } from "./fit-bradley-terry.js";
import { aggregatePairCells, isPairCells, type PairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { RatingsError } from "./ratings-error.js";
import { solveLinearSystem } from "./solve-linear-system.js";

/** Options of {@link fitJudgeAwareBradleyTerry}. */
export interface JudgeAwareBradleyTerryOptions {
  /** L2 penalty on the item strengths (prior/2 · Σθ²), as in {@link fitBradleyTerry}; default 0. */
  readonly prior?: number;
  readonly anchor?: RatingAnchor;
  readonly scale?: EloScale;
  /**
   * Give each judge a position effect δ_k (its own home advantage) for comparisons with a known presentation
   * order: P(first ≻ second | k) = σ(γ_k(θ_first − θ_second) + δ_k). Needs cells aggregated with keepOrder.
   */
  readonly orderEffects?: boolean;
  /** Stop when the largest parameter change is below this; default 1e-10. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

/** Item strengths and per-judge discriminations. Item arrays by item code, judge arrays by judge code. */
export interface JudgeAwareBradleyTerryFit {
  readonly itemIds: readonly string[];
  readonly judgeIds: readonly string[];
  /** Elo-scale ratings for a judge of average discrimination (γ = 1). */
  readonly ratings: Float64Array;
  readonly logStrengths: Float64Array;
  readonly standardErrors: Float64Array;
  readonly logStrengthStandardErrors: Float64Array;
  /** γ_k; mean over judges with data is 1. > 1: sharper than average, ≈ 0: random, < 0: prefers worse items. */
  readonly discrimination: Float64Array;
  readonly discriminationStandardErrors: Float64Array;
  /** With `orderEffects`: δ_k on the log-odds scale (> 0 favours the first position), NaN without ordered data. */
  readonly orderEffects?: Float64Array;
  readonly orderEffectStandardErrors?: Float64Array;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /**
   * False when the information matrix is singular: some judge's comparisons do not overlap enough with other
   * judges' to tell its discrimination from the strengths of the items it rated (e.g. a judge that only saw
   * one model against a baseline), or the items fall into groups never compared with each other, or some
   * items never lost or never won (a prior helps with the last two). Ratings and discriminations are then NaN.
   */
  readonly identified: boolean;
  readonly comparisons: number;
}

/**
 * Judge-aware Bradley–Terry (Xu, Tan, Wu & Zhou 2026, arXiv 2601.21817):
 *   P(i ≻ j | judge k) = σ(γ_k (θ_i − θ_j)),
 * identified by Σθ = 0 (over rated items) and mean γ = 1 (over judges with data). Ties count half a win each way.
 * With `orderEffects`, each judge also has a position effect (scale and position bias per judge):
 *   P(first ≻ second | judge k) = σ(γ_k (θ_first − θ_second) + δ_k)   for comparisons with a known order,
 * δ_k unconstrained (BradleyTerry2's `at.home` term per judge; with one judge γ = 1 and the model is BTm's
 * ~ team + at.home). Ratings are then corrected for each judge's position and scale bias.
 * Solver: Fisher scoring on all of (θ, γ) with the two linear constraints enforced through the bordered (KKT)
 * system [[I, G], [Gᵀ, 0]], step halving, started from the pooled Bradley–Terry fit and γ = 1; stops when the
 * largest change is below `tolerance`. Covariance: the top-left block of the inverse bordered information
 * matrix (the constrained inverse Fisher information).
 */
export function fitJudgeAwareBradleyTerry(
  input: PairwiseOutcomes | PairCells,
  options: JudgeAwareBradleyTerryOptions = {},
): JudgeAwareBradleyTerryFit {
  const orderEffects = options.orderEffects === true;
  const cells = isPairCells(input) ? input : aggregatePairCells(input, { byJudge: true, keepOrder: orderEffects });
  if (cells.judgeIds.length === 0 || cells.judge.some((code) => code < 0)) {
    throw new RatingsError(
      "unsuitable-data",
      "fitJudgeAwareBradleyTerry: every comparison needs a judge (aggregate with byJudge; a match scored from several judges has none)",
    );
  }
  const itemCount = cells.itemIds.length;
  const judgeCount = cells.judgeIds.length;
  const pooled = fitBradleyTerry(cells, { prior: Math.max(options.prior ?? 0, 1e-8) });
  const layout = layoutParameters(cells, pooled.rated, orderEffects);
  const { itemIndex, judgeIndex, parameterCount } = layout;
  const parameters = new Float64Array(parameterCount);
  for (let i = 0; i < itemCount; i++) if (itemIndex[i]! >= 0) parameters[itemIndex[i]!] = pooled.logStrengths[i]!;
  for (let k = 0; k < judgeCount; k++) if (judgeIndex[k]! >= 0) parameters[judgeIndex[k]!] = 1;

  const model = { cells, ...layout, prior: options.prior ?? 0 };
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 500;
  const gradient = new Float64Array(parameterCount);
  const information = new Float64Array(parameterCount * parameterCount);
  const trial = new Float64Array(parameterCount);
  let logLikelihood = evaluateJudgeAware(model, parameters, gradient, information);
  let converged = false;
  let identified = true;
  let iterations = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    const step = solveBordered(model, information, gradient, 1);
    if (step === null) {
      identified = false;
      break;
    }
    let stepScale = 1;
    let accepted = false;
    for (let halving = 0; halving < 40; halving++) {
      for (let p = 0; p < parameterCount; p++) trial[p] = parameters[p]! + stepScale * step[p]!;
      const trialLogLikelihood = evaluateJudgeAware(model, trial, null, null);
      if (trialLogLikelihood >= logLikelihood - 1e-12 * Math.abs(logLikelihood)) {
        accepted = true;
        break;
      }
      stepScale /= 2;
    }
    let largest = 0;
    for (let p = 0; p < parameterCount; p++) largest = Math.max(largest, Math.abs(stepScale * step[p]!));
    if (!accepted) {
      converged = largest < tolerance * 1e3;
      break;
    }
    parameters.set(trial);
    logLikelihood = evaluateJudgeAware(model, parameters, gradient, information);
    converged = largest < tolerance;
  }
  const covariance = identified ? solveBordered(model, information, null, parameterCount) : null;
  if (covariance === null) {
    identified = false;
    parameters.fill(Number.NaN);
  }
  return summarize(
    model,
    parameters,
    covariance,
    { logLikelihood, iterations, converged: converged && identified, identified },
    options,
  );
}

interface JudgeAwareModel {
  readonly cells: PairCells;
  readonly itemIndex: Int32Array;
  readonly judgeIndex: Int32Array;
  /** Judge code → index of its δ_k, −1 without an order effect. */
  readonly orderIndex: Int32Array;
  readonly parameterCount: number;
  readonly ratedItems: number;
  readonly activeJudges: number;
  readonly prior: number;
}

/**
 * Log-likelihood, score and expected information. With d = γ_k(θ_i − θ_j) [+ δ_k on ordered cells],
 * r = w_f − m·σ(d) and q = m·σ(d)(1 − σ(d)): ∂d/∂θ_i = γ_k, ∂d/∂θ_j = −γ_k, ∂d/∂γ_k = θ_i − θ_j, ∂d/∂δ_k = 1;
 * score = r·∂d, information = q·∂d∂dᵀ.
 */
function evaluateJudgeAware(
  model: JudgeAwareModel,
  parameters: Float64Array,
  gradient: Float64Array | null,
  information: Float64Array | null,
): number {
  const { cells, itemIndex, judgeIndex, orderIndex, parameterCount } = model;
  gradient?.fill(0);
  information?.fill(0);
  let logLikelihood = 0;
  const index = [0, 0, 0, 0];
  const derivative = [0, 0, 0, 1];
  for (let c = 0; c < cells.size; c++) {
    const ties = cells.ties[c]!;
    const weightFirst = cells.firstWins[c]! + ties / 2;
    const weightSecond = cells.secondWins[c]! + ties / 2;
    const total = weightFirst + weightSecond;
    if (total === 0) continue;
    const pi = itemIndex[cells.first[c]!]!;
    const pj = itemIndex[cells.second[c]!]!;
    const pk = judgeIndex[cells.judge[c]!]!;
    const difference = parameters[pi]! - parameters[pj]!;
    const gamma = parameters[pk]!;
    const po = cells.positional[c] === 1 ? orderIndex[cells.judge[c]!]! : -1;
    const d = gamma * difference + (po >= 0 ? parameters[po]! : 0);
    logLikelihood -= weightFirst * softplus(-d) + weightSecond * softplus(d);
    if (gradient === null || information === null) continue;
    const p = sigmoid(d);
    const residual = weightFirst - total * p;
    const curvature = total * p * (1 - p);
    index[0] = pi;
    index[1] = pj;
    index[2] = pk;
    index[3] = po;
    derivative[0] = gamma;
    derivative[1] = -gamma;
    derivative[2] = difference;
    const terms = po >= 0 ? 4 : 3;
    for (let u = 0; u < terms; u++) {
      const iu = index[u]!;
      gradient[iu] = gradient[iu]! + residual * derivative[u]!;
      for (let v = 0; v < terms; v++) {
        const at = iu * parameterCount + index[v]!;
        information[at] = information[at]! + curvature * derivative[u]! * derivative[v]!;
      }
    }
  }
  if (model.prior > 0) {
    for (let p = 0; p < model.ratedItems; p++) {
      const theta = parameters[p]!;
      logLikelihood -= (model.prior / 2) * theta * theta;
      if (gradient === null || information === null) continue;
      gradient[p] = gradient[p]! - model.prior * theta;
      information[p * parameterCount + p] = information[p * parameterCount + p]! + model.prior;
    }
  }
  return logLikelihood;
}

/**
 * Solves the bordered system [[I, G], [Gᵀ, 0]]·[x; λ] = [b; 0] with G = the indicator columns of the θ block
 * and of the γ block (so Σ Δθ = 0 and Σ Δγ = 0; the δ_k are free). With `gradient` it returns the Newton step; without, it
 * returns the top-left P×P block of the inverse (the constrained covariance).
 */
function solveBordered(
  model: JudgeAwareModel,
  information: Float64Array,
  gradient: Float64Array | null,
  columns: number,
): Float64Array | null {
  const size = model.parameterCount + 2;
  const bordered = new Float64Array(size * size);
  for (let i = 0; i < model.parameterCount; i++) {
    for (let j = 0; j < model.parameterCount; j++) bordered[i * size + j] = information[i * model.parameterCount + j]!;
    if (i >= model.ratedItems + model.activeJudges) continue; // δ_k: unconstrained
    const block = i < model.ratedItems ? 0 : 1;
    bordered[i * size + model.parameterCount + block] = 1;
    bordered[(model.parameterCount + block) * size + i] = 1;
  }
  const rightHandSides = new Float64Array(size * columns);
  if (gradient !== null) rightHandSides.set(gradient);
  else for (let i = 0; i < model.parameterCount; i++) rightHandSides[i * columns + i] = 1;
  const solution = solveLinearSystem(bordered, size, rightHandSides, columns);
  if (solution === null) return null;
  if (gradient !== null) return solution.subarray(0, model.parameterCount);
  const covariance = new Float64Array(model.parameterCount * model.parameterCount);
  for (let i = 0; i < model.parameterCount; i++) {
    for (let j = 0; j < model.parameterCount; j++)
      covariance[i * model.parameterCount + j] = solution[i * columns + j]!;
  }
  return covariance;
}

function summarize(
  model: JudgeAwareModel,
  parameters: Float64Array,
  covariance: Float64Array | null,
  solved: { logLikelihood: number; iterations: number; converged: boolean; identified: boolean },
  options: JudgeAwareBradleyTerryOptions,
): JudgeAwareBradleyTerryFit {
  const { cells, itemIndex, judgeIndex, parameterCount } = model;
  const itemCount = cells.itemIds.length;
  const scale = options.scale ?? ARENA_ELO_SCALE;
  const pointsPerUnit = eloPointsPerLogUnit(scale);
  const variance = (p: number, q: number): number =>
    covariance === null ? Number.NaN : covariance[p * parameterCount + q]!;
  let anchorIndex = -1;
  if (options.anchor !== undefined) {
    const code = cells.itemIds.indexOf(options.anchor.item);
    anchorIndex = code < 0 ? -1 : itemIndex[code]!;
    if (anchorIndex < 0)
      throw new RatingsError("unknown-anchor", `anchor item "${options.anchor.item}" is not a rated item`);
  }
  const offset = anchorIndex < 0 ? 0 : parameters[anchorIndex]!;
  const base = options.anchor?.value ?? scale.initial;
  const logStrengths = new Float64Array(itemCount).fill(Number.NaN);
  const logStrengthStandardErrors = new Float64Array(itemCount).fill(Number.NaN);
  for (let i = 0; i < itemCount; i++) {
    const p = itemIndex[i]!;
    if (p < 0) continue;
    logStrengths[i] = parameters[p]! - offset;
    const value =
      anchorIndex < 0
        ? variance(p, p)
        : variance(p, p) - 2 * variance(p, anchorIndex) + variance(anchorIndex, anchorIndex);
    logStrengthStandardErrors[i] = Math.sqrt(Math.max(0, value));
  }
  const discrimination = new Float64Array(cells.judgeIds.length).fill(Number.NaN);
  const discriminationStandardErrors = new Float64Array(cells.judgeIds.length).fill(Number.NaN);
  for (let k = 0; k < cells.judgeIds.length; k++) {
    const p = judgeIndex[k]!;
    if (p < 0) continue;
    discrimination[k] = parameters[p]!;
    discriminationStandardErrors[k] = Math.sqrt(Math.max(0, variance(p, p)));
  }
  let comparisons = 0;
  for (let c = 0; c < cells.size; c++) comparisons += cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
  let orderFields = {};
  if (options.orderEffects === true) {
    const orderEffects = new Float64Array(cells.judgeIds.length).fill(Number.NaN);
    const orderEffectStandardErrors = new Float64Array(cells.judgeIds.length).fill(Number.NaN);
    for (let k = 0; k < cells.judgeIds.length; k++) {
      const p = model.orderIndex[k]!;
      if (p < 0) continue;
      orderEffects[k] = parameters[p]!;
      orderEffectStandardErrors[k] = Math.sqrt(Math.max(0, variance(p, p)));
    }
    orderFields = { orderEffects, orderEffectStandardErrors };
  }
  return {
    itemIds: cells.itemIds,
    judgeIds: cells.judgeIds,
    ratings: logStrengths.map((value) => base + pointsPerUnit * value),
    logStrengths,
    standardErrors: logStrengthStandardErrors.map((value) => pointsPerUnit * value),
    logStrengthStandardErrors,
    discrimination,
    discriminationStandardErrors,
    ...orderFields,
    ...solved,
    comparisons,
  };
}

/**
 * Where each parameter sits in the parameter vector: rated items first (−1 for unrated), then one discrimination
 * per judge with data, then (with `orderEffects`) one position effect per judge with ordered comparisons.
 */
function layoutParameters(
  cells: PairCells,
  rated: ArrayLike<number>,
  orderEffects: boolean,
): Omit<JudgeAwareModel, "cells" | "prior"> {
  const itemCount = cells.itemIds.length;
  const judgeCount = cells.judgeIds.length;
  const itemIndex = new Int32Array(itemCount).fill(-1);
  const judgeIndex = new Int32Array(judgeCount).fill(-1);
  let parameterCount = 0;
  for (let i = 0; i < itemCount; i++) if (rated[i] === 1) itemIndex[i] = parameterCount++;
  const ratedItems = parameterCount;
  if (ratedItems > MAX_DENSE_ITEMS) {
    // The bordered Fisher system is dense (items + judges)²; the sparse solver covers plain Bradley–Terry only.
    throw new RatingsError(
      "unsuitable-data",
      `fitJudgeAwareBradleyTerry: ${ratedItems} rated items exceed the dense solver's limit of ${MAX_DENSE_ITEMS}; ` +
        "use plain Bradley–Terry (sparse solver) or rate each judge separately",
    );
  }
  const judgeHasData = new Uint8Array(judgeCount);
  for (let c = 0; c < cells.size; c++) judgeHasData[cells.judge[c]!] = 1;
  for (let k = 0; k < judgeCount; k++) if (judgeHasData[k] === 1) judgeIndex[k] = parameterCount++;
  const activeJudges = parameterCount - ratedItems;
  const orderIndex = new Int32Array(judgeCount).fill(-1);
  if (orderEffects) {
    const positional = new Uint8Array(judgeCount);
    for (let c = 0; c < cells.size; c++) if (cells.positional[c] === 1) positional[cells.judge[c]!] = 1;
    if (!positional.includes(1)) {
      throw new RangeError(
        "fitJudgeAwareBradleyTerry: orderEffects needs comparisons with a known presentation order (aggregate with keepOrder)",
      );
    }
    for (let k = 0; k < judgeCount; k++) if (positional[k] === 1) orderIndex[k] = parameterCount++;
  }
  return { itemIndex, judgeIndex, orderIndex, parameterCount, ratedItems, activeJudges };
}
