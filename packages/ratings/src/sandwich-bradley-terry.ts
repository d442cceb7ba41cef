import { centreStrengths } from "./centre-strengths.js";
import { type CellClusters, type ClusteringSummary, type ClusterOption, clusterInput } from "./cluster-comparisons.js";
import { clusterRobustCovariance } from "./cluster-robust-covariance.js";
import { drawNormalRatings } from "./draw-normal-ratings.js";
import { ARENA_ELO_SCALE, eloPointsPerLogUnit } from "./elo-scale.js";
import {
  type BradleyTerryFit,
  type BradleyTerryOptions,
  createBradleyTerryLayout,
  fitBradleyTerry,
  MAX_DENSE_ITEMS,
} from "./fit-bradley-terry.js";
import { normalQuantile } from "./normal-distribution.js";
import type { PairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { rankByConfidenceInterval } from "./rank-items.js";
import { type BootstrapSummary, summarizeBootstrap } from "./summarize-bootstrap.js";

/** Options of {@link sandwichBradleyTerry}: the fit's options (half ties only) plus clustering and draws. */
export interface SandwichBradleyTerryOptions extends BradleyTerryOptions {
  /** Clusters of the robust covariance ({@link ClusterOption}); default "auto" as in the bootstrap. */
  readonly cluster?: ClusterOption;
  /** Precomputed clusters of aggregated input cells; overrides `cluster`. */
  readonly clusters?: CellClusters;
  /** The full-data fit with these options, when already computed. */
  readonly fit?: BradleyTerryFit;
  /** Draws from the asymptotic normal for the rank intervals; default 1000. */
  readonly draws?: number;
  /** Seed of those draws; default 0. */
  readonly seed?: number;
  /** Interval level; default 0.95. */
  readonly level?: number;
}

/** Cluster-robust (sandwich) intervals of a Bradley–Terry fit; `samples` are the normal draws behind the ranks. */
export interface BradleyTerrySandwich extends BootstrapSummary {
  readonly fit: BradleyTerryFit;
  readonly seed: number;
  readonly clustering: ClusteringSummary;
  /** Cluster-robust standard errors of the ratings (Elo points). */
  readonly standardErrors: Float64Array;
  /** The same sandwich with every comparison its own cluster (HC1): the naive reference for the design effect. */
  readonly naiveStandardErrors: Float64Array;
  /** Cluster-robust covariance of the free parameters (log scale; free × free, row-major) and their indices. */
  readonly covariance: Float64Array;
  readonly freeIndex: Int32Array;
  readonly orderEffectInterval?: { readonly lower: number; readonly upper: number };
  readonly orderEffectStandardError?: number;
}

/**
 * Huber–White cluster-robust ("sandwich") covariance of the Bradley–Terry MLE with half ties:
 *   V = c · I⁻¹ (Σ_g U_g U_gᵀ) I⁻¹,   U_g = Σ_{comparisons k in cluster g} (y_k − p_k) x_k,
 * where x_k = e_first − e_second (+ the order-effect column when fitted) over the free parameters, y_k is 1, 0
 * or ½ (a tie), p_k = σ(xₖᵀθ̂), I is the Fisher information (with the prior's precision when a prior is used),
 * and c = G/(G − 1) · (N − 1)/(N − K) is the CR1 small-sample factor (G clusters, N comparisons, K free
 * parameters; Stata's and statsmodels' default). References: White (1980), Econometrica 48(4); Liang & Zeger
 * (1986), Biometrika 73(1); Cameron & Miller (2015), "A practitioner's guide to cluster-robust inference",
 * J. Human Resources 50(2). Clusters as in the bootstrap ({@link clusterInput}). Each cluster touches only the
 * parameters of its comparisons, so the meat costs O(Σ_g t_g²) for t_g touched parameters.
 *
 * Intervals: rating ± z·SE (Wald) with SE from V mapped to the reported normalisation (mean over rated items,
 * or the anchor). Rank intervals: percentiles of the ranks over `draws` draws θ ~ N(θ̂, V). Dense fits only
 * (up to {@link MAX_DENSE_ITEMS} rated items); Davidson ties are not supported.
 */
export function sandwichBradleyTerry(
  input: PairwiseOutcomes | PairCells,
  options: SandwichBradleyTerryOptions = {},
): BradleyTerrySandwich {
  if (options.ties === "davidson") {
    throw new RangeError('sandwich intervals support half ties only; use ties "half" or bootstrap intervals');
  }
  const { cells, clusters, clustering } = clusterInput(input, options);
  const fit = options.fit ?? fitBradleyTerry(cells, options);
  if (!fit.finiteMle || !fit.converged) {
    throw new RangeError(
      `sandwich intervals need a finite, converged fit: ${fit.mleProblem ?? "the fit did not converge"} (use a prior or bootstrap intervals)`,
    );
  }
  const layout = createBradleyTerryLayout(cells, options);
  const size = layout.freeCount;
  if (size > MAX_DENSE_ITEMS + 1) {
    throw new RangeError(
      `sandwich intervals need the dense information matrix; ${size} free parameters exceed ${MAX_DENSE_ITEMS}: use bootstrap intervals`,
    );
  }
  const { clustered, naive } = clusterRobustCovariance({ cells, layout, parameters: fit.parameters, clusters });
  const scale = options.scale ?? ARENA_ELO_SCALE;
  const pointsPerUnit = eloPointsPerLogUnit(scale);
  const anchorCode = options.anchor === undefined ? -1 : cells.itemIds.indexOf(options.anchor.item);
  // Covariance of the free parameters → standard errors of the reported (centred or anchored) ratings.
  const ratingErrors = (covariance: Float64Array): Float64Array =>
    centreStrengths({
      strengths: fit.parameters.subarray(0, layout.itemCount),
      rated: layout.active,
      covariance,
      freeIndex: layout.freeIndex,
      freeCount: size,
      itemIds: cells.itemIds,
      anchor: options.anchor,
      scale,
    }).standardErrors;
  const standardErrors = ratingErrors(clustered);
  const naiveStandardErrors = ratingErrors(naive);
  const level = options.level ?? 0.95;
  const z = normalQuantile((1 + level) / 2);
  const draws = options.draws ?? 1000;
  const seed = options.seed ?? 0;
  const samples = drawNormalRatings({
    covariance: clustered,
    size,
    parameters: fit.parameters,
    freeIndex: layout.freeIndex,
    active: layout.active,
    anchorCode,
    base: options.anchor?.value ?? scale.initial,
    pointsPerUnit,
    draws,
    seed,
  });
  const summary = summarizeBootstrap({ itemIds: cells.itemIds, estimate: fit.ratings, samples, rounds: draws, level });
  const lower = fit.ratings.map((value, i) => value - z * standardErrors[i]!);
  const upper = fit.ratings.map((value, i) => value + z * standardErrors[i]!);
  const orderFree = layout.orderIndex >= 0 ? layout.freeIndex[layout.orderIndex]! : -1;
  const order =
    orderFree >= 0 && fit.orderEffect !== undefined
      ? (() => {
          const se = Math.sqrt(clustered[orderFree * size + orderFree]!);
          const value = fit.orderEffect.value;
          return {
            orderEffectStandardError: se,
            orderEffectInterval: { lower: value - z * se, upper: value + z * se },
          };
        })()
      : {};
  return {
    ...summary,
    lower,
    upper,
    standardDeviation: standardErrors,
    rankByInterval: rankByConfidenceInterval({ lower, upper }),
    fit,
    seed,
    clustering,
    standardErrors,
    naiveStandardErrors,
    covariance: clustered,
    freeIndex: layout.freeIndex,
    ...order,
  };
}
