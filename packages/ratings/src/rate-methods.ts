import { type AggregatedComparisons, isAggregatedComparisons } from "./aggregated-comparisons.js";
import type { BradleyTerryBootstrap } from "./bootstrap-bradley-terry.js";
import { bootstrapCells } from "./bootstrap-cells.js";
import { bootstrapRows } from "./bootstrap-rows.js";
import { bradleyTerryIntervals, describeClusters } from "./bradley-terry-intervals.js";
import { type ClusterOption, clusterInput } from "./cluster-comparisons.js";
import { computeElo } from "./compute-elo.js";
import { DEFAULT_PRIOR } from "./default-prior.js";
import type { EloScale, RatingAnchor } from "./elo-scale.js";
import { type BradleyTerryFit, fitBradleyTerry } from "./fit-bradley-terry.js";
import { fitJudgeAwareBradleyTerry } from "./fit-judge-aware-bradley-terry.js";
import { countComparisonGroups, describeMleProblem } from "./has-finite-mle.js";
import { aggregatePairCells, isPairCells, type PairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { quantileSorted } from "./percentile.js";
import { rankByScore } from "./rank-items.js";
import type { EstimateWithInterval, RatedItem, RatingReport } from "./rating-report.js";
import { RatingsError } from "./ratings-error.js";
import type { BootstrapSummary } from "./summarize-bootstrap.js";

/** What one method contributes to a {@link RatingReport}. */
export interface MethodResult {
  readonly rating: Float64Array;
  readonly lower: Float64Array | null;
  readonly upper: Float64Array | null;
  readonly standardError?: Float64Array;
  readonly bootstrap?: BootstrapSummary;
  readonly parameters: Record<string, unknown>;
  readonly itemFields?: (code: number) => Partial<RatedItem>;
  readonly reportFields?: Partial<
    Pick<
      RatingReport,
      | "orderEffect"
      | "tieParameter"
      | "judges"
      | "converged"
      | "nonConvergedRounds"
      | "warnings"
      | "intervalMethod"
      | "clustering"
      | "control"
      | "baselines"
      | "prior"
    >
  >;
  readonly intervals: string;
}

/** Settings shared by the method runners. */
export interface MethodSettings {
  readonly rounds: number;
  readonly seed: number;
  readonly anchor?: RatingAnchor | undefined;
  readonly scale: EloScale;
}

/** Φ⁻¹(0.975): the multiplier of 95% Wald intervals. */
export const Z95 = 1.959963984540054;

/** A result with 95% Wald intervals rating ± 1.96·SE. */
export function waldResult(
  rating: Float64Array,
  standardError: Float64Array,
  rest: Omit<MethodResult, "rating" | "lower" | "upper" | "standardError">,
): MethodResult {
  return {
    rating,
    lower: rating.map((value, i) => value - Z95 * standardError[i]!),
    upper: rating.map((value, i) => value + Z95 * standardError[i]!),
    standardError,
    ...rest,
  };
}

/**
 * The fit's own problem ({@link BradleyTerryFit.mleProblem}) or, when a prior made the fit finite, a note that
 * disconnected groups of items are tied together only by the prior.
 */
export function dataWarnings(
  outcomes: PairwiseOutcomes | PairCells,
  mleProblem: string | undefined,
): { warnings?: string[] } {
  if (mleProblem !== undefined) return { warnings: [mleProblem] };
  const groups = countComparisonGroups(isPairCells(outcomes) ? outcomes : aggregatePairCells(outcomes));
  if (groups <= 1) return {};
  return {
    warnings: [
      `the comparisons form ${groups} groups of items never compared with each other; only the prior links them, so the offset between groups is arbitrary`,
    ],
  };
}

/**
 * The prior of a Bradley–Terry fit: the caller's, else none when the MLE exists, else {@link DEFAULT_PRIOR}
 * with the reason ({@link describeMleProblem}; it depends on who beat whom only, so positional cells do too).
 */
function choosePrior(
  outcomes: PairwiseOutcomes | PairCells,
  given: number | undefined,
): NonNullable<RatingReport["prior"]> {
  if (given !== undefined) return { value: given, source: "given" };
  const problem = describeMleProblem(isPairCells(outcomes) ? outcomes : aggregatePairCells(outcomes));
  return problem === null ? { value: 0, source: "none" } : { value: DEFAULT_PRIOR, source: "default", reason: problem };
}

/**
 * Bradley–Terry (half or Davidson ties, optional order effect), bootstrap over cells or Wald intervals. Without a
 * given prior the plain MLE is fitted when it exists, else the {@link DEFAULT_PRIOR} (reported in `prior`).
 * Aggregated input ({@link AggregatedComparisons}) gives the same result as the rows it came from.
 */
export function rateBradleyTerry(
  input: PairwiseOutcomes | AggregatedComparisons,
  settings: MethodSettings & {
    ties: "half" | "davidson";
    orderEffect: boolean;
    prior: number | undefined;
    intervals: "bootstrap" | "sandwich";
    cluster: ClusterOption;
  },
): MethodResult {
  const outcomes = isAggregatedComparisons(input) ? input.cells : input;
  const prior = choosePrior(outcomes, settings.prior);
  const fitOptions = {
    ties: settings.ties,
    orderEffect: settings.orderEffect,
    prior: prior.value,
    scale: settings.scale,
    ...(settings.anchor === undefined ? {} : { anchor: settings.anchor }),
  };
  if (settings.rounds === 0) {
    const fit = fitBradleyTerry(outcomes, fitOptions);
    return waldResult(fit.ratings, fit.standardErrors, {
      parameters: { ...fitOptions, solver: describeSolver(fit) },
      reportFields: {
        intervalMethod: "wald",
        converged: fit.converged,
        prior,
        ...dataWarnings(outcomes, fit.mleProblem),
        ...extraParameters(fit, null),
      },
      intervals:
        fit.standardErrorMethod === "fisher"
          ? "95% Wald intervals from the Fisher information (no bootstrap); no rank intervals"
          : "95% Wald intervals from approximate standard errors (sparse solver: second-order approximation of the inverse Fisher information's diagonal, see the ratings README; prefer --bootstrap); no rank intervals",
    });
  }
  const result = bradleyTerryIntervals(input, {
    ...fitOptions,
    method: settings.intervals,
    cluster: settings.cluster,
    rounds: settings.rounds,
    seed: settings.seed,
  });
  const fit = result.fit;
  return {
    rating: fit.ratings,
    lower: result.summary.lower,
    upper: result.summary.upper,
    standardError: result.standardErrors ?? fit.standardErrors,
    bootstrap: result.summary,
    parameters: { ...fitOptions, solver: describeSolver(fit) },
    reportFields: {
      intervalMethod: settings.intervals,
      clustering: result.clustering,
      converged: fit.converged,
      prior,
      ...(result.nonConvergedRounds === undefined ? {} : { nonConvergedRounds: result.nonConvergedRounds }),
      ...dataWarnings(outcomes, fit.mleProblem),
      ...extraParameters(fit, result),
    },
    intervals: result.description,
  };
}

/** The solver as written into the report's parameters. */
function describeSolver(fit: BradleyTerryFit): string {
  return fit.solver === "dense"
    ? "Newton–Raphson (dense Cholesky) on aggregated cells, tolerance 1e-10 (log scale)"
    : "truncated Newton with Jacobi-preconditioned conjugate gradients (sparse) on aggregated cells, tolerance 1e-10 (log scale)";
}

/**
 * The order effect δ and Davidson's ν of a fit, with bootstrap percentile intervals when `bootstrap` is given,
 * else Wald intervals (ν: on the log scale, then exponentiated).
 */
function extraParameters(
  fit: BradleyTerryFit,
  bootstrap: Pick<BradleyTerryBootstrap, "orderEffectInterval" | "tieParameterInterval"> | null,
): Pick<RatingReport, "orderEffect" | "tieParameter"> {
  const order = fit.orderEffect;
  const orderInterval =
    bootstrap === null && order !== undefined
      ? { lower: order.value - Z95 * order.standardError, upper: order.value + Z95 * order.standardError }
      : bootstrap?.orderEffectInterval;
  return {
    ...(order === undefined
      ? {}
      : {
          orderEffect: {
            value: order.value,
            standardError: order.standardError,
            ciLower: orderInterval?.lower ?? null,
            ciUpper: orderInterval?.upper ?? null,
            elo: order.elo,
          },
        }),
    ...(fit.tieParameter === undefined
      ? {}
      : { tieParameter: tieParameterOf(fit.tieParameter, bootstrap?.tieParameterInterval ?? null) }),
  };
}

/** A tie parameter (ν or κ) with its interval: the bootstrap's, else Wald on the log scale. */
export function tieParameterOf(
  tie: { value: number; logStandardError: number },
  interval: { lower: number; upper: number } | null,
) {
  return {
    value: tie.value,
    // Delta method: SE(ν) ≈ ν · SE(ln ν).
    standardError: tie.value * tie.logStandardError,
    ciLower: interval?.lower ?? Math.exp(Math.log(tie.value) - Z95 * tie.logStandardError),
    ciUpper: interval?.upper ?? Math.exp(Math.log(tie.value) + Z95 * tie.logStandardError),
  };
}

/**
 * Judge-aware Bradley–Terry: bootstrap over judge-split cells or Wald intervals. With `orderEffects` each judge
 * also gets a position effect δ_k (ratings corrected for judge bias: scale γ_k and position δ_k); the items then
 * carry the rating and rank of plain pooled Bradley–Terry and the rank shift.
 */
export function rateJudgeAware(
  outcomes: PairwiseOutcomes,
  settings: MethodSettings & { prior: number; cluster: ClusterOption; orderEffects?: boolean },
): MethodResult {
  const orderEffects = settings.orderEffects === true;
  const fitOptions = {
    scale: settings.scale,
    prior: settings.prior,
    ...(settings.anchor === undefined ? {} : { anchor: settings.anchor }),
    ...(orderEffects ? { orderEffects } : {}),
  };
  const { cells, clusters, clustering } = clusterInput(outcomes, {
    cluster: settings.cluster,
    byJudge: true,
    orderEffect: orderEffects,
  });
  const fit = fitJudgeAwareBradleyTerry(cells, fitOptions);
  if (!fit.identified) throw judgeAwareNotIdentified(orderEffects, settings.prior);
  let round = 0;
  const judgeCount = fit.judgeIds.length;
  const orderSamples = new Float64Array(orderEffects ? settings.rounds * judgeCount : 0);
  const bootstrap =
    settings.rounds === 0
      ? undefined
      : bootstrapCells(cells, {
          rounds: settings.rounds,
          seed: settings.seed,
          estimate: fit.ratings,
          rate: (resampled) => {
            const refit = fitJudgeAwareBradleyTerry(resampled, fitOptions);
            if (refit.orderEffects !== undefined) orderSamples.set(refit.orderEffects, judgeCount * round);
            round++;
            return refit.ratings;
          },
          ...(clusters === null ? {} : { clusters }),
        });
  const positionEffect = (k: number): EstimateWithInterval => {
    const value = fit.orderEffects?.[k] as number;
    const standardError = fit.orderEffectStandardErrors?.[k] as number;
    if (bootstrap === undefined)
      return { value, standardError, ciLower: value - Z95 * standardError, ciUpper: value + Z95 * standardError };
    const column = Float64Array.from({ length: settings.rounds }, (_, r) => orderSamples[r * judgeCount + k]!)
      .filter((sample) => Number.isFinite(sample))
      .sort();
    return { value, standardError, ciLower: quantileSorted(column, 0.025), ciUpper: quantileSorted(column, 0.975) };
  };
  const judges = fit.judgeIds
    .map((id, k) => ({
      id,
      discrimination: fit.discrimination[k]!,
      standardError: fit.discriminationStandardErrors[k]!,
      ...(orderEffects && !Number.isNaN(fit.orderEffects?.[k] as number) ? { positionEffect: positionEffect(k) } : {}),
    }))
    .filter((judge) => !Number.isNaN(judge.discrimination));
  const parameters = {
    model: orderEffects
      ? "judge-aware Bradley–Terry with a position effect per judge: logit P(first wins | judge k) = γ_k(θ_first − θ_second) + δ_k; Σθ = 0, mean γ = 1, ties half"
      : "judge-aware Bradley–Terry (arXiv 2601.21817), Σθ = 0, mean γ = 1, ties half",
    ...fitOptions,
  };
  const warnings = dataWarnings(outcomes, undefined).warnings ?? [];
  if (!fit.converged) {
    warnings.push(
      `the judge-aware fit did not converge: some judge's verdicts are (almost) perfectly explained by the item order${orderEffects ? " and its position" : ""}, so its discrimination runs off to infinity${settings.prior > 0 ? "" : "; try --prior 0.01"} or leave that judge out`,
    );
  }
  const reportFields = { judges, converged: fit.converged, ...(warnings.length === 0 ? {} : { warnings }) };
  const itemFields = orderEffects ? rankShiftAgainst(fit.ratings, plainFit(outcomes, settings)) : undefined;
  if (bootstrap === undefined) {
    return waldResult(fit.ratings, fit.standardErrors, {
      parameters,
      reportFields,
      ...(itemFields === undefined ? {} : { itemFields }),
      intervals: "95% Wald intervals (constrained Fisher information); no rank intervals",
    });
  }
  return {
    rating: fit.ratings,
    lower: bootstrap.lower,
    upper: bootstrap.upper,
    standardError: fit.standardErrors,
    bootstrap,
    parameters,
    reportFields: {
      ...reportFields,
      intervalMethod: "bootstrap",
      clustering: { ...clustering, designEffect: null },
    },
    ...(itemFields === undefined ? {} : { itemFields }),
    intervals: `95% percentile intervals over ${settings.rounds} bootstrap rounds resampling ${describeClusters(clustering)} (multinomial counts over the judge-split cells)`,
  };
}

/** Plain pooled Bradley–Terry (half ties, no order effect) with the same prior, scale and anchor. */
function plainFit(outcomes: PairwiseOutcomes, settings: MethodSettings & { prior: number }): Float64Array {
  return fitBradleyTerry(outcomes, {
    prior: settings.prior,
    scale: settings.scale,
    ...(settings.anchor === undefined ? {} : { anchor: settings.anchor }),
  }).ratings;
}

/**
 * Per item: the rating and rank of a reference fit without the controls (style covariates or judge-bias terms)
 * and the rank shift, reference rank − this rank (> 0: the item moves up once the controls are in).
 */
export function rankShiftAgainst(
  ratings: Float64Array,
  reference: Float64Array,
): (code: number) => Pick<RatedItem, "uncontrolledRating" | "uncontrolledRank" | "rankShift"> {
  const rank = rankByScore(ratings);
  const referenceRank = rankByScore(reference);
  const finite = (value: number | undefined): number | null =>
    value === undefined || Number.isNaN(value) ? null : value;
  return (code) => {
    const before = finite(referenceRank[code]);
    const after = finite(rank[code]);
    return {
      uncontrolledRating: finite(reference[code]),
      uncontrolledRank: before,
      rankShift: before === null || after === null ? null : before - after,
    };
  };
}

/** Online Elo; with bootstrap, Arena's median over resamples in random order. */
export function rateElo(outcomes: PairwiseOutcomes, settings: MethodSettings & { k: number }): MethodResult {
  const anchor = settings.anchor;
  const anchorCode = anchor === undefined ? -1 : outcomes.itemIds.indexOf(anchor.item);
  if (anchor !== undefined && anchorCode < 0)
    throw new RatingsError("unknown-anchor", `anchor item "${anchor.item}" is not among the items`);
  const shift = (ratings: Float64Array): Float64Array => {
    if (anchor === undefined) return ratings;
    const offset = anchor.value - ratings[anchorCode]!;
    return ratings.map((value) => value + offset);
  };
  const parameters = { k: settings.k, scale: settings.scale, ...(anchor === undefined ? {} : { anchor }) };
  if (settings.rounds === 0) {
    return {
      rating: shift(computeElo(outcomes, { k: settings.k, scale: settings.scale })),
      lower: null,
      upper: null,
      parameters,
      intervals: "none: one pass in chronological order (use --bootstrap for intervals)",
    };
  }
  const bootstrap = bootstrapRows(outcomes, {
    rounds: settings.rounds,
    seed: settings.seed,
    estimate: "median",
    rate: (sample) =>
      shift(computeElo(sample, { k: settings.k, scale: settings.scale, order: identityOrder(sample.size) })),
  });
  return {
    rating: bootstrap.estimate,
    lower: bootstrap.lower,
    upper: bootstrap.upper,
    bootstrap,
    parameters: { ...parameters, estimate: "median over bootstrap rounds (Chatbot Arena)" },
    intervals: `95% percentile intervals over ${settings.rounds} row-bootstrap rounds (rows resampled with replacement, replayed in drawn order)`,
  };
}

/** 0, 1, …, size − 1. */
export function identityOrder(size: number): Int32Array {
  const order = new Int32Array(size);
  for (let k = 0; k < size; k++) order[k] = k;
  return order;
}

/** Why the judge-aware model cannot be fitted on these data, and what to try instead. */
function judgeAwareNotIdentified(orderEffects: boolean, prior: number): RatingsError {
  return new RatingsError(
    "unsuitable-data",
    "the judge-aware model is not identified on these data: a judge's comparisons do not overlap enough with other judges' " +
      "to separate its discrimination from the strengths of the items it rated (each judge must also rate items that other judges rate), " +
      "or the items fall into groups never compared with each other, or some items never lost or never won" +
      `${orderEffects ? ", or a judge saw every pair in one presentation order only (its position effect cannot be told from the strengths)" : ""}` +
      `${prior > 0 ? "" : " (try a prior, e.g. --prior 0.01)"}; otherwise use plain bt or rate each judge separately`,
  );
}
