import { bootstrapCells } from "./bootstrap-cells.js";
import {
  DESIGN_EFFECT_ROUNDS,
  describeClustering,
  describeClusters,
  meanIntervalWidth,
} from "./bradley-terry-intervals.js";
import { type CellClusters, type ClusteringSummary, type ClusterOption, clusterRows } from "./cluster-comparisons.js";
import { aggregateCovariateCells, type CovariateCells } from "./covariate-cells.js";
import {
  type CovariateBradleyTerryFit,
  type CovariateBradleyTerryOptions,
  fitCovariateBradleyTerry,
} from "./fit-covariate-bradley-terry.js";
import { normaliseStyleDifferences, type SideFeatures, type StyleDesign } from "./normalise-style-differences.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { quantileSorted } from "./percentile.js";
import {
  dataWarnings,
  type MethodResult,
  type MethodSettings,
  rankShiftAgainst,
  tieParameterOf,
  waldResult,
  Z95,
} from "./rate-methods.js";
import type { EstimateWithInterval, StyleControlSummary } from "./rating-report.js";
import { RatingsError } from "./ratings-error.js";

/** Style control: the two sides' raw features per row and the ridge penalty on their coefficients. */
export interface StyleControl {
  readonly features: SideFeatures;
  /** L2 penalty on the style coefficients (ridge/2 · Σγ²); default 0. */
  readonly ridge?: number;
}

/** Settings of {@link rateCovariateBradleyTerry}. */
export interface CovariateMethodSettings extends MethodSettings {
  readonly ties: "half" | "rao-kupper";
  readonly orderEffect: boolean;
  readonly prior: number;
  readonly control?: StyleControl | undefined;
  /** What the bootstrap resamples ({@link ClusterOption}); default "auto". */
  readonly cluster?: ClusterOption;
}

/**
 * Bradley–Terry with style covariates and/or Rao–Kupper ties ({@link fitCovariateBradleyTerry}), with 95%
 * percentile intervals over bootstrap rounds of the cells (refits warm-started at the full-data estimate) or Wald
 * intervals from the Fisher information without bootstrap (`rounds` 0; not cluster-robust).
 *
 * The bootstrap resamples clusters whole as `settings.cluster` says ({@link clusterRows}; default "auto": whole
 * matches when some match holds more than one judgment), as plain Bradley–Terry does. With clusters, the design
 * effect is the ratio of mean rating-interval widths against a naive bootstrap (comparisons one by one) of
 * min(rounds, {@link DESIGN_EFFECT_ROUNDS}) rounds with the same seed. With style control the report also
 * carries the coefficients with intervals (from the same rounds) and, per item, the rating and rank of the same
 * model without covariates and the rank shift.
 */
export function rateCovariateBradleyTerry(outcomes: PairwiseOutcomes, settings: CovariateMethodSettings): MethodResult {
  const prepared = prepareCovariateFit(outcomes, settings);
  if (settings.rounds === 0) return waldCovariateResult(prepared);
  return bootstrapCovariateResult(prepared, settings);
}

/** The full-data fit with everything both interval methods need. */
interface PreparedCovariateFit {
  readonly design: StyleDesign | undefined;
  readonly cells: CovariateCells;
  readonly clusters: CellClusters | null;
  readonly clustering: ClusteringSummary;
  readonly fitOptions: CovariateBradleyTerryOptions & { readonly ridge: number };
  readonly fit: CovariateBradleyTerryFit;
  readonly parameters: Record<string, unknown>;
  readonly uncontrolled: CovariateBradleyTerryFit | undefined;
  readonly warnings: ReturnType<typeof dataWarnings>;
}

function prepareCovariateFit(outcomes: PairwiseOutcomes, settings: CovariateMethodSettings): PreparedCovariateFit {
  const control = settings.control;
  const design = control === undefined ? undefined : normaliseStyleDifferences(outcomes, control.features);
  const cluster = settings.rounds === 0 ? "none" : (settings.cluster ?? "auto");
  const { cells, clusters, clustering } = clusterRows(outcomes, cluster, (rowCells) =>
    aggregateCovariateCells(outcomes, {
      keepOrder: settings.orderEffect,
      rowCells,
      ...(design === undefined ? {} : { covariates: design.covariates, covariateNames: design.names }),
    }),
  );
  const fitOptions = {
    ties: settings.ties,
    orderEffect: settings.orderEffect,
    prior: settings.prior,
    ridge: control?.ridge ?? 0,
    scale: settings.scale,
    ...(settings.anchor === undefined ? {} : { anchor: settings.anchor }),
  };
  const fit = fitCovariateBradleyTerry(cells, fitOptions);
  const parameters = {
    ties: settings.ties,
    orderEffect: settings.orderEffect,
    prior: settings.prior,
    scale: settings.scale,
    ...(settings.anchor === undefined ? {} : { anchor: settings.anchor }),
    ...(control === undefined ? {} : { controlRidge: fitOptions.ridge }),
    solver: "Fisher scoring (dense Cholesky) on aggregated cells, tolerance 1e-10 (log scale)",
  };
  const uncontrolled = design === undefined ? undefined : fitUncontrolled(outcomes, settings);
  const warnings = dataWarnings(
    outcomes,
    fit.finiteMle ? undefined : "some items never lost or never won (no finite maximum likelihood); add --prior 0.01",
  );
  return { design, cells, clusters, clustering, fitOptions, fit, parameters, uncontrolled, warnings };
}

/** `rounds` 0: Wald intervals from the Fisher information. */
function waldCovariateResult(prepared: PreparedCovariateFit): MethodResult {
  const { design, fitOptions, fit, parameters, uncontrolled, warnings } = prepared;
  const wald = (value: number, standardError: number): EstimateWithInterval => ({
    value,
    standardError,
    ciLower: value - Z95 * standardError,
    ciUpper: value + Z95 * standardError,
  });
  return waldResult(fit.ratings, fit.standardErrors, {
    parameters,
    ...(uncontrolled === undefined ? {} : { itemFields: rankShiftAgainst(fit.ratings, uncontrolled.ratings) }),
    reportFields: {
      intervalMethod: "wald",
      converged: fit.converged,
      ...warnings,
      ...(fit.orderEffect === undefined
        ? {}
        : {
            orderEffect: { ...wald(fit.orderEffect.value, fit.orderEffect.standardError), elo: fit.orderEffect.elo },
          }),
      ...(fit.tieParameter === undefined ? {} : { tieParameter: tieParameterOf(fit.tieParameter, null) }),
      ...(design === undefined
        ? {}
        : {
            control: controlSummary(
              design,
              fitOptions.ridge,
              (k) => wald(fit.coefficients[k]!.value, fit.coefficients[k]!.standardError),
              "95% Wald intervals from the Fisher information (not cluster-robust)",
            ),
          }),
    },
    intervals:
      "95% Wald intervals from the Fisher information (no bootstrap; comparisons treated as independent, not cluster-robust); no rank intervals",
  });
}

/** The bootstrap rounds: ratings per round, the extra parameters per round (row-major), the design effect. */
interface CovariateBootstrap {
  readonly bootstrap: ReturnType<typeof bootstrapCells>;
  readonly extras: Float64Array;
  readonly extraCount: number;
  readonly nonConvergedRounds: number;
  readonly designEffect: number | null;
  readonly naiveRounds: number;
}

function runCovariateBootstrap(prepared: PreparedCovariateFit, settings: CovariateMethodSettings): CovariateBootstrap {
  const { cells, clusters, fitOptions, fit } = prepared;
  const extraCount =
    fit.coefficients.length + (fit.orderEffect === undefined ? 0 : 1) + (fit.tieParameter === undefined ? 0 : 1);
  const extras = new Float64Array(settings.rounds * extraCount);
  let round = 0;
  let nonConvergedRounds = 0;
  const unrated = new Float64Array(fit.ratings.length).fill(Number.NaN);
  // A resample can fall apart into groups of items never compared with each other (likely when few clusters,
  // e.g. --cluster pair): its information matrix is singular. Such a round rates nothing (NaN, left out of the
  // percentiles) and counts as not converged, as plain Bradley–Terry counts rounds without a finite MLE.
  const refit = (resampled: CovariateCells): CovariateBradleyTerryFit | null => {
    try {
      return fitCovariateBradleyTerry(resampled, { ...fitOptions, start: fit.parameters, tolerance: 1e-7 });
    } catch (error) {
      if (error instanceof RatingsError && error.code === "unsuitable-data") return null;
      throw error;
    }
  };
  const bootstrap = bootstrapCells(cells, {
    rounds: settings.rounds,
    seed: settings.seed,
    estimate: fit.ratings,
    rate: (resampled) => {
      const next = refit(resampled as CovariateCells);
      const row = extras.subarray(round * extraCount, ++round * extraCount);
      if (next === null || !next.converged) nonConvergedRounds++;
      if (next === null) {
        row.fill(Number.NaN);
        return unrated;
      }
      let k = 0;
      for (const coefficient of next.coefficients) row[k++] = coefficient.value;
      if (next.orderEffect !== undefined) row[k++] = next.orderEffect.value;
      if (next.tieParameter !== undefined) row[k++] = next.tieParameter.value;
      return next.ratings;
    },
    ...(clusters === null ? {} : { clusters }),
  });
  const naiveRounds = Math.min(settings.rounds, DESIGN_EFFECT_ROUNDS);
  let designEffect: number | null = null;
  if (clusters !== null) {
    const naive = bootstrapCells(cells, {
      rounds: naiveRounds,
      seed: settings.seed,
      estimate: fit.ratings,
      rate: (resampled) => refit(resampled as CovariateCells)?.ratings ?? unrated,
    });
    designEffect = meanIntervalWidth(bootstrap) / meanIntervalWidth(naive);
  }
  return { bootstrap, extras, extraCount, nonConvergedRounds, designEffect, naiveRounds };
}

/** `rounds` > 0: percentile intervals over the bootstrap rounds. */
function bootstrapCovariateResult(prepared: PreparedCovariateFit, settings: CovariateMethodSettings): MethodResult {
  const { design, clustering, fitOptions, fit, parameters, uncontrolled, warnings } = prepared;
  const { bootstrap, extras, extraCount, nonConvergedRounds, designEffect, naiveRounds } = runCovariateBootstrap(
    prepared,
    settings,
  );
  const resampling = `${settings.rounds} bootstrap rounds resampling ${describeClusters(clustering)}`;
  const interval = (column: number): { lower: number; upper: number } => {
    const values = new Float64Array(settings.rounds);
    for (let r = 0; r < settings.rounds; r++) values[r] = extras[r * extraCount + column]!;
    const sorted = values.filter((value) => Number.isFinite(value)).sort();
    return { lower: quantileSorted(sorted, 0.025), upper: quantileSorted(sorted, 0.975) };
  };
  const percentile = (column: number, value: number, standardError: number): EstimateWithInterval => {
    const { lower, upper } = interval(column);
    return { value, standardError, ciLower: lower, ciUpper: upper };
  };
  const orderColumn = fit.coefficients.length;
  const tieColumn = orderColumn + (fit.orderEffect === undefined ? 0 : 1);
  return {
    rating: fit.ratings,
    lower: bootstrap.lower,
    upper: bootstrap.upper,
    standardError: fit.standardErrors,
    bootstrap,
    parameters,
    ...(uncontrolled === undefined ? {} : { itemFields: rankShiftAgainst(fit.ratings, uncontrolled.ratings) }),
    reportFields: {
      intervalMethod: "bootstrap",
      clustering: describeClustering(
        clustering,
        designEffect,
        `bootstrap interval widths, clustered vs a naive bootstrap of ${naiveRounds} rounds`,
      ),
      converged: fit.converged,
      nonConvergedRounds,
      ...warnings,
      ...(fit.orderEffect === undefined
        ? {}
        : {
            orderEffect: {
              ...percentile(orderColumn, fit.orderEffect.value, fit.orderEffect.standardError),
              elo: fit.orderEffect.elo,
            },
          }),
      ...(fit.tieParameter === undefined
        ? {}
        : { tieParameter: tieParameterOf(fit.tieParameter, interval(tieColumn)) }),
      ...(design === undefined
        ? {}
        : {
            control: controlSummary(
              design,
              fitOptions.ridge,
              (k) => percentile(k, fit.coefficients[k]!.value, fit.coefficients[k]!.standardError),
              `95% percentile intervals over ${resampling}`,
            ),
          }),
    },
    intervals: `95% percentile intervals over ${resampling} (multinomial counts over the aggregated covariate cells); rank intervals from the bootstrap ranks`,
  };
}

/** The same model without covariates (for the rank shifts). */
function fitUncontrolled(outcomes: PairwiseOutcomes, settings: CovariateMethodSettings): CovariateBradleyTerryFit {
  return fitCovariateBradleyTerry(aggregateCovariateCells(outcomes, { keepOrder: settings.orderEffect }), {
    ties: settings.ties,
    orderEffect: settings.orderEffect,
    prior: settings.prior,
    scale: settings.scale,
    ...(settings.anchor === undefined ? {} : { anchor: settings.anchor }),
  });
}

function controlSummary(
  design: StyleDesign,
  ridge: number,
  estimate: (k: number) => EstimateWithInterval,
  intervals: string,
): StyleControlSummary {
  return {
    covariates: design.names.map((name, k) => ({
      name,
      kind: design.kinds[k] as "ratio" | "difference",
      scale: design.scales[k]!,
      ...estimate(k),
    })),
    ridge,
    model:
      "logit P(first wins) = θ_first − θ_second + Σ γ_k z_k; z_k = (a − b)/(a + b + 1) for counts or a − b for fields, divided by its root mean square over the comparisons (Chatbot Arena style control); γ_k in log-odds per unit of z_k",
    intervals,
  };
}
