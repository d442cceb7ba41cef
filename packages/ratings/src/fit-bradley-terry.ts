import type { BradleyTerryLayout, CellCounts } from "./bradley-terry-likelihood.js";
import { solveBradleyTerry } from "./bradley-terry-newton.js";
import { solveBradleyTerrySparse } from "./bradley-terry-sparse-newton.js";
import type { EloScale, RatingAnchor } from "./elo-scale.js";
import { hasFiniteMle } from "./has-finite-mle.js";
import { aggregatePairCells, isPairCells, type PairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { RatingsError } from "./ratings-error.js";
import { scanCellActivity } from "./scan-cell-activity.js";
import { summarizeDenseFit, summarizeSparseFit } from "./summarize-bradley-terry.js";

/** Options of {@link fitBradleyTerry}. */
export interface BradleyTerryOptions {
  /** "half" (Arena: a tie is half a win each way, default) or "davidson" (Davidson 1970 tie parameter ν). */
  readonly ties?: "half" | "davidson";
  /**
   * L2 penalty on the log-strengths (a N(0, 1/prior) prior): keeps ratings finite for undefeated or winless
   * items and disconnected comparison graphs. Default 0 (plain maximum likelihood).
   */
  readonly prior?: number;
  /** Add the order effect δ: logit P(first wins) = θ_first − θ_second + δ (BradleyTerry2's home advantage). */
  readonly orderEffect?: boolean;
  /** Pin one item's rating (e.g. `{ item: "baseline", value: 1000 }`); default: mean rating = scale.initial. */
  readonly anchor?: RatingAnchor;
  readonly scale?: EloScale;
  /** Newton stopping rule: largest parameter change below this (natural-log scale). Default 1e-10. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /**
   * "dense" (Newton with a Cholesky factor of the n×n information: exact standard errors, up to
   * {@link MAX_DENSE_ITEMS} items), "sparse" (truncated Newton with conjugate gradients on the per-cell
   * information: O(cells) memory and time per step, approximate standard errors) or "auto" (default): dense up
   * to {@link SPARSE_SOLVER_THRESHOLD} rated items, sparse above. Both reach the same maximum.
   */
  readonly solver?: "auto" | "dense" | "sparse";
  /**
   * Warm start for the sparse solver: initial parameters laid out like {@link BradleyTerryFit.parameters} (e.g.
   * a fit of a superset of these comparisons). Same maximum and stopping rule, fewer Newton steps. Ignored by the
   * dense solver and when the length does not match.
   */
  readonly start?: Float64Array;
}

/** A fitted Bradley–Terry model. Arrays are indexed by item code; items without comparisons hold NaN. */
export interface BradleyTerryFit {
  readonly itemIds: readonly string[];
  /** Ratings on the Elo scale: scale.initial + points·θ/ln(base), shifted to the anchor. */
  readonly ratings: Float64Array;
  /** Natural-log strengths θ, normalised like `ratings` (anchor item 0, or Σθ = 0 over rated items). */
  readonly logStrengths: Float64Array;
  /**
   * Standard errors of `ratings` (Elo points) from the inverse Fisher information, under the same constraint:
   * exact with the dense solver, a second-order approximation with the sparse one (`standardErrorMethod`).
   */
  readonly standardErrors: Float64Array;
  /** Standard errors of `logStrengths`. */
  readonly logStrengthStandardErrors: Float64Array;
  /** 1 for items with at least one comparison. */
  readonly rated: Uint8Array;
  /** δ on the log-odds scale (> 0: the first position is favoured), with its Elo-scale equivalent. */
  readonly orderEffect?: { readonly value: number; readonly standardError: number; readonly elo: number };
  /** Davidson ν (P(tie) ∝ ν√(π_i π_j)) and the standard error of ln ν. */
  readonly tieParameter?: { readonly value: number; readonly logStandardError: number };
  readonly logLikelihood: number;
  /** Residual deviance against the saturated model over the cells (as BradleyTerry2/glm report it). */
  readonly deviance: number;
  /** Cells with data minus free parameters (the residual degrees of freedom of the binomial GLM). */
  readonly degreesOfFreedom: number;
  readonly iterations: number;
  /** The solver converged and the MLE is finite (false for separated data without a prior). */
  readonly converged: boolean;
  /**
   * False when some group of items never lost (or never won) against the rest, so the MLE lies at infinity
   * ({@link hasFiniteMle}); always true with a prior.
   */
  readonly finiteMle: boolean;
  /** Without a prior and without a finite MLE: why, in words ({@link describeMleProblem}). */
  readonly mleProblem?: string;
  /** Number of comparisons (sum of cell counts). */
  readonly comparisons: number;
  /**
   * Raw parameter vector (θ then δ then ln ν) for warm starts; θ is normalised as the solver left it (dense:
   * reference item 0 without a prior; sparse: Σθ = 0).
   */
  readonly parameters: Float64Array;
  /** Which solver produced the fit (see {@link BradleyTerryOptions.solver}). */
  readonly solver: "dense" | "sparse";
  /** "fisher" (exact inverse information) or "approximate" (sparse solver, {@link centreSparseStrengths}). */
  readonly standardErrorMethod: "fisher" | "approximate";
}

/**
 * Fits the Bradley–Terry model by maximum likelihood on aggregated cells:
 *   P(i beats j) = σ(θ_i − θ_j [+ δ if i was shown first]),
 * ties as half wins (Arena) or with Davidson's ν. Solver: Newton–Raphson / Fisher scoring with step halving
 * from θ = 0, stopping when the largest parameter change is below `tolerance` (1e-10 on the log scale, i.e.
 * about 2e-8 Elo points); identifiability by fixing one reference item (or by the prior when prior > 0), then
 * re-centring. Standard errors: inverse Fisher information (as glm/BradleyTerry2). Above
 * {@link SPARSE_SOLVER_THRESHOLD} rated items (or with `solver: "sparse"`) the same maximum is found by truncated
 * Newton with preconditioned conjugate gradients on the per-cell information ({@link solveBradleyTerrySparse},
 * same tolerance and step halving), with approximate item standard errors ({@link centreSparseStrengths}).
 * Accepts rows (aggregated here; kept in presentation order when `orderEffect` is on) or cells from
 * {@link aggregatePairCells}.
 *
 * If the MLE does not exist (an item never loses or never wins, or the graph of wins is not strongly
 * connected) strengths drift to ±∞ and `converged` is false; use `prior` for such data.
 */
export function fitBradleyTerry(
  input: PairwiseOutcomes | PairCells,
  options: BradleyTerryOptions = {},
): BradleyTerryFit {
  const cells = isPairCells(input) ? input : aggregatePairCells(input, { keepOrder: options.orderEffect ?? false });
  const layout = createBradleyTerryLayout(cells, options);
  const parameters = new Float64Array(
    layout.itemCount + (layout.orderIndex >= 0 ? 1 : 0) + (layout.tieIndex >= 0 ? 1 : 0),
  );
  // Without a finite MLE (separation or a disconnected graph, and no prior) Newton only pushes strengths further
  // towards ±∞: stop after a few steps instead of running to the limit (the fit reports converged: false).
  const maxIterations =
    options.maxIterations ?? (layout.prior === 0 && !hasFiniteMle(cells) ? NON_FINITE_MLE_MAX_ITERATIONS : undefined);
  const tolerances = {
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
    ...(maxIterations === undefined ? {} : { maxIterations }),
  };
  if (chooseSolver(layout, options) === "sparse") {
    if (options.start?.length === parameters.length) parameters.set(options.start);
    const solved = solveBradleyTerrySparse(cells, cells, layout, parameters, tolerances);
    return summarizeSparseFit(cells, layout, parameters, solved, options);
  }
  const solved = solveBradleyTerry(cells, cells, layout, parameters, tolerances);
  return summarizeDenseFit(cells, layout, parameters, solved, options);
}

/** Newton steps taken when the MLE does not exist and no `maxIterations` is given (ratings then drift, see above). */
export const NON_FINITE_MLE_MAX_ITERATIONS = 25;

/** Largest number of rated items for the dense solver (a 4,000² information matrix is 128 MB). */
export const MAX_DENSE_ITEMS = 4000;

/**
 * Above this many rated items `solver: "auto"` uses the sparse solver. Measured on random comparison graphs
 * with ~45 comparisons per item (`pnpm bench ratings-scale`): at 200 items both fits take ~0.1 s; at 500 the
 * dense fit takes 1.3 s against 0.2 s (a Cholesky step grows as items³, a CG product with the cells). Up to here
 * the dense solver keeps exact standard errors and the chord bootstrap that is fastest on dense, heavily
 * repeated cells (the 1,000,000-comparison, 200-item benchmark).
 */
export const SPARSE_SOLVER_THRESHOLD = 500;

/** The solver for this layout and options; throws when "dense" is forced beyond {@link MAX_DENSE_ITEMS}. */
export function chooseSolver(layout: BradleyTerryLayout, options: BradleyTerryOptions): "dense" | "sparse" {
  let ratedCount = 0;
  for (let i = 0; i < layout.itemCount; i++) ratedCount += layout.active[i]!;
  const solver = options.solver ?? "auto";
  if (solver === "sparse") return "sparse";
  if (solver === "auto") return ratedCount > SPARSE_SOLVER_THRESHOLD ? "sparse" : "dense";
  if (ratedCount > MAX_DENSE_ITEMS) {
    throw new RatingsError(
      "unsuitable-data",
      `fitBradleyTerry: ${ratedCount} rated items exceed the dense Newton solver's limit of ${MAX_DENSE_ITEMS} ` +
        '(its information matrix grows as items²); use solver "sparse" or "auto"',
    );
  }
  return "dense";
}

/** Builds the parameter layout: which parameters are free, which item is the reference. */
export function createBradleyTerryLayout(
  cells: PairCells,
  options: BradleyTerryOptions,
  counts: CellCounts = cells,
): BradleyTerryLayout {
  const itemCount = cells.itemIds.length;
  const prior = options.prior ?? 0;
  if (!(prior >= 0)) throw new RatingsError("invalid-option", `fitBradleyTerry: prior must be ≥ 0, got ${prior}`);
  const ties = options.ties ?? "half";
  const { active, positional: positionalCells, ties: tieCount } = scanCellActivity(cells, counts);
  // Checked for the data as given; a bootstrap resample that happens to lose every tie or every positional
  // cell only makes its own round fail to converge.
  if (counts === cells && options.orderEffect && positionalCells === 0) {
    throw new RatingsError(
      "unsuitable-data",
      "fitBradleyTerry: orderEffect needs cells with a known presentation order (aggregate with keepOrder)",
    );
  }
  if (counts === cells && ties === "davidson" && tieCount === 0) {
    throw new RatingsError(
      "unsuitable-data",
      'fitBradleyTerry: Davidson ties need at least one tie (ν would be 0); use ties: "half"',
    );
  }
  let next = itemCount;
  const orderIndex = options.orderEffect ? next++ : -1;
  const tieIndex = ties === "davidson" ? next++ : -1;
  const freeIndex = new Int32Array(next).fill(-1);
  let freeCount = 0;
  let reference = prior > 0 ? -2 : -1;
  for (let i = 0; i < itemCount; i++) {
    if (active[i] === 0) continue;
    if (reference === -1) {
      reference = i;
      continue;
    }
    freeIndex[i] = freeCount++;
  }
  if (orderIndex >= 0) freeIndex[orderIndex] = freeCount++;
  if (tieIndex >= 0) freeIndex[tieIndex] = freeCount++;
  return { itemCount, orderIndex, tieIndex, ties, prior, active, freeIndex, freeCount };
}
