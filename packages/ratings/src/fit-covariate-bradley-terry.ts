import { sigmoid, softplus } from "./bradley-terry-likelihood.js";
import { centreStrengths } from "./centre-strengths.js";
import { choleskyInPlace, choleskyInverse, choleskySolveInPlace } from "./cholesky.js";
import type { CovariateCells } from "./covariate-cells.js";
import { ARENA_ELO_SCALE, type EloScale, eloPointsPerLogUnit, type RatingAnchor } from "./elo-scale.js";
import { MAX_DENSE_ITEMS, NON_FINITE_MLE_MAX_ITERATIONS } from "./fit-bradley-terry.js";
import { hasFiniteMle } from "./has-finite-mle.js";
import { RatingsError } from "./ratings-error.js";
import { scanCellActivity } from "./scan-cell-activity.js";

/** Options of {@link fitCovariateBradleyTerry}. */
export interface CovariateBradleyTerryOptions {
  /** "half" (a tie is half a win each way, default) or "rao-kupper" (Rao & Kupper 1967 threshold κ = e^τ). */
  readonly ties?: "half" | "rao-kupper";
  /** Order effect δ for cells with a known presentation order. */
  readonly orderEffect?: boolean;
  /** L2 penalty on the log-strengths θ (prior/2 · Σθ²), as in fitBradleyTerry; default 0. */
  readonly prior?: number;
  /** Ridge penalty on the covariate coefficients (ridge/2 · Σγ²); default 0. */
  readonly ridge?: number;
  readonly anchor?: RatingAnchor;
  readonly scale?: EloScale;
  /** Stop when the largest Newton step is below this (natural-log scale); default 1e-10. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Warm start (the `parameters` of an earlier fit of the same cells, e.g. for bootstrap refits). */
  readonly start?: Float64Array;
}

/** A covariate coefficient (log-odds per unit of the covariate) with its Fisher standard error. */
export interface CovariateCoefficient {
  readonly name: string;
  readonly value: number;
  readonly standardError: number;
}

/** A fitted Bradley–Terry model with covariates. Item arrays by item code (NaN for items without data). */
export interface CovariateBradleyTerryFit {
  readonly itemIds: readonly string[];
  readonly ratings: Float64Array;
  readonly logStrengths: Float64Array;
  readonly standardErrors: Float64Array;
  readonly logStrengthStandardErrors: Float64Array;
  readonly rated: Uint8Array;
  readonly coefficients: readonly CovariateCoefficient[];
  /** δ on the log-odds scale with its Elo equivalent. */
  readonly orderEffect?: { readonly value: number; readonly standardError: number; readonly elo: number };
  /** Rao–Kupper κ = e^τ ≥ 1 (P(first wins) = π_f/(π_f + κπ_s)) and the standard error of τ = ln κ. */
  readonly tieParameter?: { readonly value: number; readonly logStandardError: number };
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly finiteMle: boolean;
  readonly comparisons: number;
  /** Free parameter vector (warm start for refits of the same cells). */
  readonly parameters: Float64Array;
}

/**
 * Bradley–Terry with contest covariates (BradleyTerry2's "contest-specific" predictors; Chatbot Arena's style
 * control, Li, Angelopoulos & Chiang 2024) and optionally Rao–Kupper ties:
 *
 *   η_c = θ_first − θ_second + δ·[order known] + Σ_k γ_k x_ck
 *   half ties:   P(first wins) = σ(η_c), a tie counts half a win each way;
 *   Rao–Kupper (1967): P(first wins) = σ(η_c − τ), P(second wins) = σ(−η_c − τ), P(tie) = the rest,
 *                i.e. π_f/(π_f + κπ_s) with κ = e^τ > 1, P(tie) = (κ² − 1)π_fπ_s/((π_f + κπ_s)(κπ_f + π_s)).
 *
 * Maximises ℓ − prior/2·Σθ² − ridge/2·Σγ² by Fisher scoring (Newton on the expected information, which equals
 * the observed one for the logit with half ties) on the aggregated cells with step halving, from θ = γ = δ = 0
 * and τ₀ = ln((1 + t)/(1 − t)) (t the tie share), stopping when the largest step is below `tolerance`.
 * Rao–Kupper's expected information per cell of m comparisons with outcome probabilities p_k(η, τ) is
 * m Σ_k ∇p_k ∇p_kᵀ / p_k (Agresti 2013, §7.1). Without a prior one rated item is the reference (θ = 0), then
 * ratings are centred (or anchored) and their covariance propagated as in fitBradleyTerry ({@link centreStrengths}).
 * Dense solver only (up to {@link MAX_DENSE_ITEMS} items). Throws a {@link RatingsError} naming the covariate when a
 * covariate cannot be told apart from the item strengths (see {@link findAliasedCovariate}).
 */
export function fitCovariateBradleyTerry(
  cells: CovariateCells,
  options: CovariateBradleyTerryOptions = {},
): CovariateBradleyTerryFit {
  const layout = createLayout(cells, options);
  // A prior or ridge would hide an aliased covariate behind a finite but arbitrary split: check first (not on
  // warm-started refits of resampled cells, whose design was checked with the full data).
  if (layout.covariateCount > 0 && options.start === undefined && findAliasedCovariate(cells) !== null)
    throwAliasedCovariate(cells);
  const { freeCount } = layout;
  const parameters = new Float64Array(freeCount);
  if (options.start?.length === freeCount) parameters.set(options.start);
  else if (layout.tieFree >= 0) parameters[layout.tieFree] = initialThreshold(cells);
  const finiteMle = layout.prior > 0 || hasFiniteMle(cells);
  const maxIterations = options.maxIterations ?? (finiteMle ? 200 : NON_FINITE_MLE_MAX_ITERATIONS);
  const tolerance = options.tolerance ?? 1e-10;
  const gradient = new Float64Array(freeCount);
  const information = new Float64Array(freeCount * freeCount);
  const trial = new Float64Array(freeCount);
  let logLikelihood = evaluate(cells, layout, parameters, gradient, information);
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    const step = Float64Array.from(gradient);
    const factor = Float64Array.from(information);
    if (!choleskyInPlace(factor, freeCount)) {
      if (iterations === 0) throwAliasedCovariate(cells);
      break;
    }
    choleskySolveInPlace(factor, freeCount, step);
    let stepScale = 1;
    let accepted = false;
    for (let halving = 0; halving < 50; halving++) {
      for (let p = 0; p < freeCount; p++) trial[p] = parameters[p]! + stepScale * step[p]!;
      const value = evaluate(cells, layout, trial, null, null);
      if (value >= logLikelihood - 1e-12 * Math.abs(logLikelihood)) {
        accepted = true;
        break;
      }
      stepScale /= 2;
    }
    let largest = 0;
    for (let p = 0; p < freeCount; p++) largest = Math.max(largest, Math.abs(stepScale * step[p]!));
    if (!accepted) {
      converged = largest < tolerance * 1e3;
      break;
    }
    parameters.set(trial);
    logLikelihood = evaluate(cells, layout, parameters, gradient, information);
    converged = largest < tolerance;
  }
  return summarize(cells, layout, parameters, information, {
    logLikelihood,
    iterations,
    converged: converged && finiteMle,
    finiteMle,
    options,
  });
}

/** Where each parameter lives in the free vector. */
interface CovariateLayout {
  readonly itemCount: number;
  /** Item code → free index (−1: reference item or unrated). */
  readonly itemFree: Int32Array;
  readonly rated: Uint8Array;
  readonly orderFree: number;
  /** Free index of γ_0 (the covariates are consecutive), −1 without covariates. */
  readonly covariateFree: number;
  readonly covariateCount: number;
  readonly tieFree: number;
  readonly freeCount: number;
  readonly prior: number;
  readonly ridge: number;
  readonly rao: boolean;
}

function createLayout(cells: CovariateCells, options: CovariateBradleyTerryOptions): CovariateLayout {
  const prior = options.prior ?? 0;
  const ridge = options.ridge ?? 0;
  if (!(prior >= 0)) throw new RatingsError("invalid-option", `prior must be ≥ 0, got ${prior}`);
  if (!(ridge >= 0)) throw new RatingsError("invalid-option", `the ridge penalty must be ≥ 0, got ${ridge}`);
  const itemCount = cells.itemIds.length;
  const { active: rated, positional, ties: tieCount } = scanCellActivity(cells);
  const rao = options.ties === "rao-kupper";
  if (options.orderEffect && positional === 0) {
    throw new RatingsError(
      "unsuitable-data",
      "the order effect needs comparisons with a known presentation order (keepOrder)",
    );
  }
  if (rao && tieCount === 0) {
    throw new RatingsError("unsuitable-data", 'Rao–Kupper ties need at least one tie (κ would be 1); use ties "half"');
  }
  const itemFree = new Int32Array(itemCount).fill(-1);
  let freeCount = 0;
  let ratedCount = 0;
  let reference = prior > 0;
  for (let i = 0; i < itemCount; i++) {
    if (rated[i] === 0) continue;
    ratedCount++;
    if (!reference) {
      reference = true;
      continue;
    }
    itemFree[i] = freeCount++;
  }
  if (ratedCount > MAX_DENSE_ITEMS) {
    throw new RatingsError(
      "unsuitable-data",
      `${ratedCount} rated items exceed the dense solver's limit of ${MAX_DENSE_ITEMS} for Bradley–Terry with covariates or Rao–Kupper ties`,
    );
  }
  const orderFree = options.orderEffect ? freeCount++ : -1;
  const covariateCount = cells.covariateNames.length;
  const covariateFree = covariateCount > 0 ? freeCount : -1;
  freeCount += covariateCount;
  const tieFree = rao ? freeCount++ : -1;
  return {
    itemCount,
    itemFree,
    rated,
    orderFree,
    covariateFree,
    covariateCount,
    tieFree,
    freeCount,
    prior,
    ridge,
    rao,
  };
}

/** τ₀ with P(tie) = t at η = 0: 1 − 2σ(−τ) = t. */
function initialThreshold(cells: CovariateCells): number {
  let ties = 0;
  let total = 0;
  for (let c = 0; c < cells.size; c++) {
    ties += cells.ties[c]!;
    total += cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
  }
  const share = Math.min(0.9, Math.max(1e-3, ties / Math.max(1, total)));
  return Math.log((1 + share) / (1 - share));
}

/**
 * Penalised log-likelihood; with `gradient` and `information`, also the score and the expected information
 * over the free parameters. Each cell's linear predictor η has the sparse gradient g (±1 on the two items,
 * [order known] on δ, x_c on γ); the score is s_η·g (+ s_τ on τ) and the information I_ηη·ggᵀ + I_ητ(g e_τᵀ + e_τ gᵀ)
 * + I_ττ e_τ e_τᵀ, with (half ties, w = wins + ties/2, m = w_f + w_s) s_η = w_f − m·σ(η), I_ηη = m·σ(η)(1 − σ(η)).
 */
function evaluate(
  cells: CovariateCells,
  layout: CovariateLayout,
  parameters: Float64Array,
  gradient: Float64Array | null,
  information: Float64Array | null,
): number {
  const { itemFree, orderFree, covariateFree, covariateCount, tieFree, freeCount } = layout;
  gradient?.fill(0);
  information?.fill(0);
  const indices = new Int32Array(3 + covariateCount);
  const weights = new Float64Array(3 + covariateCount);
  const tau = tieFree >= 0 ? parameters[tieFree]! : 0;
  const delta = orderFree >= 0 ? parameters[orderFree]! : 0;
  let logLikelihood = 0;
  for (let c = 0; c < cells.size; c++) {
    const firstWins = cells.firstWins[c]!;
    const secondWins = cells.secondWins[c]!;
    const ties = cells.ties[c]!;
    const total = firstWins + secondWins + ties;
    if (total === 0) continue;
    const pf = itemFree[cells.first[c]!]!;
    const ps = itemFree[cells.second[c]!]!;
    let eta = (pf >= 0 ? parameters[pf]! : 0) - (ps >= 0 ? parameters[ps]! : 0);
    const positional = cells.positional[c]!;
    if (orderFree >= 0) eta += delta * positional;
    for (let k = 0; k < covariateCount; k++)
      eta += parameters[covariateFree + k]! * cells.covariates[c * covariateCount + k]!;
    let scoreEta: number;
    let infoEtaEta: number;
    let scoreTau = 0;
    let infoEtaTau = 0;
    let infoTauTau = 0;
    if (!layout.rao) {
      const wf = firstWins + ties / 2;
      const ws = secondWins + ties / 2;
      logLikelihood -= wf * softplus(-eta) + ws * softplus(eta);
      const p = sigmoid(eta);
      scoreEta = wf - total * p;
      infoEtaEta = total * p * (1 - p);
    } else {
      const p1 = sigmoid(eta - tau);
      const p2 = sigmoid(-eta - tau);
      const p0 = sigmoid(tau - eta) - p2;
      if (!(p0 > 0)) return Number.NEGATIVE_INFINITY;
      logLikelihood -= firstWins * softplus(tau - eta) + secondWins * softplus(eta + tau);
      if (ties > 0) logLikelihood += ties * Math.log(p0);
      const a1 = p1 * (1 - p1);
      const a2 = p2 * (1 - p2);
      scoreEta = firstWins * (1 - p1) - secondWins * (1 - p2) + (ties * (a2 - a1)) / p0;
      scoreTau = -firstWins * (1 - p1) - secondWins * (1 - p2) + (ties * (a1 + a2)) / p0;
      infoEtaEta = total * ((a1 * a1) / p1 + (a2 * a2) / p2 + ((a2 - a1) * (a2 - a1)) / p0);
      infoEtaTau = total * (-(a1 * a1) / p1 + (a2 * a2) / p2 + ((a2 - a1) * (a1 + a2)) / p0);
      infoTauTau = total * ((a1 * a1) / p1 + (a2 * a2) / p2 + ((a1 + a2) * (a1 + a2)) / p0);
    }
    if (gradient === null || information === null) continue;
    let n = 0;
    if (pf >= 0) {
      indices[n] = pf;
      weights[n++] = 1;
    }
    if (ps >= 0) {
      indices[n] = ps;
      weights[n++] = -1;
    }
    if (orderFree >= 0 && positional !== 0) {
      indices[n] = orderFree;
      weights[n++] = positional;
    }
    for (let k = 0; k < covariateCount; k++) {
      indices[n] = covariateFree + k;
      weights[n++] = cells.covariates[c * covariateCount + k]!;
    }
    for (let u = 0; u < n; u++) {
      const iu = indices[u]!;
      const wu = weights[u]!;
      gradient[iu] = gradient[iu]! + scoreEta * wu;
      const row = iu * freeCount;
      for (let v = 0; v < n; v++) {
        const at = row + indices[v]!;
        information[at] = information[at]! + infoEtaEta * wu * weights[v]!;
      }
      if (tieFree >= 0) {
        information[row + tieFree] = information[row + tieFree]! + infoEtaTau * wu;
        information[tieFree * freeCount + iu] = information[tieFree * freeCount + iu]! + infoEtaTau * wu;
      }
    }
    if (tieFree >= 0) {
      gradient[tieFree] = gradient[tieFree]! + scoreTau;
      information[tieFree * freeCount + tieFree] = information[tieFree * freeCount + tieFree]! + infoTauTau;
    }
  }
  addPenalties(layout, parameters, gradient, information);
  return logLikelihood - penaltyOf(layout, parameters);
}

/** prior/2·Σθ² + ridge/2·Σγ². */
function penaltyOf(layout: CovariateLayout, parameters: Float64Array): number {
  let sum = 0;
  if (layout.prior > 0) {
    for (let i = 0; i < layout.itemCount; i++) {
      const p = layout.itemFree[i]!;
      if (p >= 0) sum += (layout.prior / 2) * parameters[p]! ** 2;
    }
  }
  for (let k = 0; k < layout.covariateCount; k++)
    sum += (layout.ridge / 2) * parameters[layout.covariateFree + k]! ** 2;
  return sum;
}

/** Adds the gradient and curvature of the prior (on θ) and of the ridge (on γ). */
function addPenalties(
  layout: CovariateLayout,
  parameters: Float64Array,
  gradient: Float64Array | null,
  information: Float64Array | null,
): void {
  if (gradient === null || information === null) return;
  const add = (p: number, precision: number): void => {
    gradient[p] = gradient[p]! - precision * parameters[p]!;
    information[p * layout.freeCount + p] = information[p * layout.freeCount + p]! + precision;
  };
  if (layout.prior > 0) {
    for (let i = 0; i < layout.itemCount; i++) {
      const p = layout.itemFree[i]!;
      if (p >= 0) add(p, layout.prior);
    }
  }
  if (layout.ridge > 0) for (let k = 0; k < layout.covariateCount; k++) add(layout.covariateFree + k, layout.ridge);
}

/**
 * Throws a {@link RatingsError} naming the first covariate that cannot be separated from the item strengths (the
 * information is singular). A covariate is aliased when, over the cells, it equals u_first − u_second for some
 * per-item values u (a constant covariate, or a plain difference of a fixed item attribute: it is absorbed into
 * θ), or when it is such a difference plus a combination of the covariates before it.
 */
function throwAliasedCovariate(cells: CovariateCells): never {
  const aliased = findAliasedCovariate(cells);
  if (aliased !== null) {
    throw new RatingsError(
      "unsuitable-data",
      `the covariate "${aliased.name}" cannot be separated from the ratings: ${aliased.reason}; drop it from --control` +
        " (or, when items are answers, rate their producers with --group so that the covariate varies within each rated unit)",
    );
  }
  throw new RatingsError(
    "unsuitable-data",
    "Bradley–Terry with covariates: the information matrix is singular (items in groups never compared with each other, or separation); try --prior 0.01",
  );
}

/**
 * Finds the first covariate that cannot be separated from the item strengths. Each covariate column x (over
 * cells, weighted by their counts w) is projected on the item-difference columns (e_first − e_second) by weighted
 * least squares: L·u = Σ_c w_c x_c (e_first − e_second) with the weighted graph Laplacian L (plus 1e-9·mean
 * degree on the diagonal for the shift invariance); the residual is r_c = x_c − (u_first − u_second). The
 * residuals are then orthogonalised in order (Gram–Schmidt). A column whose remaining sum of squares is below
 * 1e-10 of its own is aliased: constant, a plain difference of a fixed per-item value (absorbed by θ), or such a
 * difference plus a combination of the covariates before it. Cost: one dense Cholesky of the n×n Laplacian.
 */
export function findAliasedCovariate(cells: CovariateCells): { name: string; reason: string } | null {
  const width = cells.covariateNames.length;
  const itemCount = cells.itemIds.length;
  const weights = new Float64Array(cells.size);
  const laplacian = new Float64Array(itemCount * itemCount);
  for (let c = 0; c < cells.size; c++) {
    const w = cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
    weights[c] = w;
    const f = cells.first[c]!;
    const s = cells.second[c]!;
    laplacian[f * itemCount + f] = laplacian[f * itemCount + f]! + w;
    laplacian[s * itemCount + s] = laplacian[s * itemCount + s]! + w;
    laplacian[f * itemCount + s] = laplacian[f * itemCount + s]! - w;
    laplacian[s * itemCount + f] = laplacian[s * itemCount + f]! - w;
  }
  let degree = 0;
  for (let i = 0; i < itemCount; i++) degree += laplacian[i * itemCount + i]!;
  const jitter = Math.max(1e-300, (1e-9 * degree) / Math.max(1, itemCount));
  for (let i = 0; i < itemCount; i++) {
    const at = i * itemCount + i;
    // Items without comparisons get a unit diagonal (their u is 0).
    laplacian[at] = laplacian[at]! === 0 ? 1 : laplacian[at]! + jitter;
  }
  if (!choleskyInPlace(laplacian, itemCount)) return null;
  const dot = (a: Float64Array, b: Float64Array): number => {
    let sum = 0;
    for (let c = 0; c < cells.size; c++) sum += weights[c]! * a[c]! * b[c]!;
    return sum;
  };
  const basis: Float64Array[] = [];
  for (let k = 0; k < width; k++) {
    const name = cells.covariateNames[k] as string;
    const column = new Float64Array(cells.size);
    const right = new Float64Array(itemCount);
    for (let c = 0; c < cells.size; c++) {
      const x = cells.covariates[c * width + k]!;
      column[c] = x;
      const wx = weights[c]! * x;
      right[cells.first[c]!] = right[cells.first[c]!]! + wx;
      right[cells.second[c]!] = right[cells.second[c]!]! - wx;
    }
    const own = dot(column, column);
    if (own === 0) return { name, reason: "it is zero for every comparison (constant across items)" };
    choleskySolveInPlace(laplacian, itemCount, right);
    for (let c = 0; c < cells.size; c++) column[c] = column[c]! - (right[cells.first[c]!]! - right[cells.second[c]!]!);
    const afterItems = dot(column, column);
    if (afterItems < 1e-10 * own) {
      return {
        name,
        reason:
          "it is a difference of fixed per-item values (it does not vary within any compared pair of items), which the item strengths already absorb",
      };
    }
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        const projection = dot(column, q);
        for (let c = 0; c < cells.size; c++) column[c] = column[c]! - projection * q[c]!;
      }
    }
    const remaining = dot(column, column);
    if (remaining < 1e-10 * own) {
      return { name, reason: "it is a combination of the item strengths and the covariates listed before it" };
    }
    const norm = Math.sqrt(remaining);
    basis.push(column.map((value) => value / norm));
  }
  return null;
}

function summarize(
  cells: CovariateCells,
  layout: CovariateLayout,
  parameters: Float64Array,
  information: Float64Array,
  solved: {
    logLikelihood: number;
    iterations: number;
    converged: boolean;
    finiteMle: boolean;
    options: CovariateBradleyTerryOptions;
  },
): CovariateBradleyTerryFit {
  const { freeCount } = layout;
  const factor = Float64Array.from(information);
  const covariance = choleskyInPlace(factor, freeCount)
    ? choleskyInverse(factor, freeCount)
    : new Float64Array(freeCount * freeCount).fill(Number.NaN);
  const scale = solved.options.scale ?? ARENA_ELO_SCALE;
  const strengths = new Float64Array(layout.itemCount);
  for (let i = 0; i < layout.itemCount; i++) {
    const p = layout.itemFree[i]!;
    strengths[i] = p >= 0 ? parameters[p]! : 0;
  }
  const centred = centreStrengths({
    strengths,
    rated: layout.rated,
    covariance,
    freeIndex: layout.itemFree,
    freeCount,
    itemIds: cells.itemIds,
    anchor: solved.options.anchor,
    scale,
  });
  const standardError = (p: number) => Math.sqrt(Math.max(0, covariance[p * freeCount + p]!));
  const coefficients = cells.covariateNames.map((name, k) => ({
    name,
    value: parameters[layout.covariateFree + k]!,
    standardError: standardError(layout.covariateFree + k),
  }));
  let comparisons = 0;
  for (let c = 0; c < cells.size; c++) comparisons += cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
  return {
    itemIds: cells.itemIds,
    ...centred,
    rated: layout.rated,
    coefficients,
    ...(layout.orderFree < 0
      ? {}
      : {
          orderEffect: {
            value: parameters[layout.orderFree]!,
            standardError: standardError(layout.orderFree),
            elo: eloPointsPerLogUnit(scale) * parameters[layout.orderFree]!,
          },
        }),
    ...(layout.tieFree < 0
      ? {}
      : {
          tieParameter: {
            value: Math.exp(parameters[layout.tieFree]!),
            logStandardError: standardError(layout.tieFree),
          },
        }),
    logLikelihood: solved.logLikelihood,
    iterations: solved.iterations,
    converged: solved.converged,
    finiteMle: solved.finiteMle,
    comparisons,
    parameters,
  };
}
