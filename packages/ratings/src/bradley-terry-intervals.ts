import { type AggregatedComparisons, isAggregatedComparisons } from "./aggregated-comparisons.js";
import { bootstrapBradleyTerry } from "./bootstrap-bradley-terry.js";
import { type ClusteringSummary, type ClusterOption, clusterInput } from "./cluster-comparisons.js";
import type { BradleyTerryFit, BradleyTerryOptions } from "./fit-bradley-terry.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import type { ClusteringReport } from "./rating-report.js";
import { sandwichBradleyTerry } from "./sandwich-bradley-terry.js";
import type { BootstrapSummary } from "./summarize-bootstrap.js";

/** Rounds of the naive bootstrap that measures a clustered bootstrap's design effect (at most the main rounds). */
export const DESIGN_EFFECT_ROUNDS = 200;

/** Intervals of a Bradley–Terry fit by the clustered bootstrap or the sandwich, with their clustering. */
export interface BradleyTerryIntervals {
  readonly fit: BradleyTerryFit;
  readonly summary: BootstrapSummary;
  readonly clustering: ClusteringReport;
  /** Sandwich: the cluster-robust standard errors (Elo points); the bootstrap reports the fit's own. */
  readonly standardErrors?: Float64Array;
  readonly nonConvergedRounds?: number;
  readonly orderEffectInterval?: { readonly lower: number; readonly upper: number };
  readonly tieParameterInterval?: { readonly lower: number; readonly upper: number };
  /** How the intervals were computed, in words (for the report's `intervals`). */
  readonly description: string;
}

/**
 * 95% intervals of the Bradley–Terry ratings and rank intervals, by `method`:
 * - "bootstrap": percentile intervals over `rounds` rounds resampling the clusters whole
 *   ({@link bootstrapBradleyTerry}); with clusters, the design effect is the ratio of mean interval widths
 *   against a naive bootstrap (comparisons resampled one by one) of min(rounds, {@link DESIGN_EFFECT_ROUNDS})
 *   rounds with the same seed;
 * - "sandwich": cluster-robust Wald intervals ({@link sandwichBradleyTerry}), ranks from `rounds` normal
 *   draws; the design effect is the ratio of mean widths against the sandwich with every comparison its own
 *   cluster (HC1).
 * The design effect is null when nothing is clustered (every cluster is one comparison). Aggregated input
 * brings its own cells and clusters (`cluster` is then ignored).
 */
export function bradleyTerryIntervals(
  outcomes: PairwiseOutcomes | AggregatedComparisons,
  options: BradleyTerryOptions & {
    method: "bootstrap" | "sandwich";
    cluster: ClusterOption;
    rounds: number;
    seed: number;
  },
): BradleyTerryIntervals {
  const { method, cluster, rounds, seed, ...fitOptions } = options;
  const { cells, clusters, clustering } = isAggregatedComparisons(outcomes)
    ? clusterInput(outcomes.cells, outcomes.clusters === null ? {} : { clusters: outcomes.clusters })
    : clusterInput(outcomes, {
        cluster,
        ...(fitOptions.orderEffect === undefined ? {} : { orderEffect: fitOptions.orderEffect }),
      });
  if (method === "sandwich") {
    const result = sandwichBradleyTerry(cells, {
      ...fitOptions,
      ...(clusters === null ? {} : { clusters }),
      draws: rounds,
      seed,
    });
    const naiveWidth = meanWidthOf(result.naiveStandardErrors);
    return {
      fit: result.fit,
      summary: result,
      standardErrors: result.standardErrors,
      clustering: describeClustering(
        clustering,
        clusters === null ? null : meanWidthOf(result.standardErrors) / naiveWidth,
        "sandwich standard errors, clustered vs every comparison alone (HC1)",
      ),
      ...(result.orderEffectInterval === undefined ? {} : { orderEffectInterval: result.orderEffectInterval }),
      description: `95% Wald intervals from the cluster-robust sandwich covariance (CR1) over ${describeClusters(clustering)}; rank intervals from ${rounds} draws from the asymptotic normal`,
    };
  }
  const result = bootstrapBradleyTerry(cells, {
    ...fitOptions,
    rounds,
    seed,
    ...(clusters === null ? {} : { clusters }),
  });
  let designEffect: number | null = null;
  const naiveRounds = Math.min(rounds, DESIGN_EFFECT_ROUNDS);
  if (clusters !== null) {
    const naive = bootstrapBradleyTerry(cells, { ...fitOptions, rounds: naiveRounds, seed, fit: result.fit });
    designEffect = meanIntervalWidth(result) / meanIntervalWidth(naive);
  }
  return {
    fit: result.fit,
    summary: result,
    clustering: describeClustering(
      clustering,
      designEffect,
      `bootstrap interval widths, clustered vs a naive bootstrap of ${naiveRounds} rounds`,
    ),
    nonConvergedRounds: result.nonConvergedRounds,
    ...(result.orderEffectInterval === undefined ? {} : { orderEffectInterval: result.orderEffectInterval }),
    ...(result.tieParameterInterval === undefined ? {} : { tieParameterInterval: result.tieParameterInterval }),
    description: `95% percentile intervals over ${rounds} bootstrap rounds resampling ${describeClusters(clustering)} (multinomial counts over the aggregated cells); rank intervals from the bootstrap ranks`,
  };
}

/** "the 120 matches whole" / "the 720 comparisons one by one" / "the 15 item pairs whole". */
export function describeClusters(clustering: ClusteringSummary): string {
  switch (clustering.by) {
    case "match":
      return `the ${clustering.clusters} matches whole (up to ${clustering.largest} judgments each)`;
    case "pair":
      return `the ${clustering.clusters} item pairs whole (up to ${clustering.largest} comparisons each)`;
    case "comparison":
      return `the ${clustering.clusters} comparisons one by one`;
  }
}

/**
 * The report's {@link ClusteringReport}: the clustering with its design effect `effect` (null or non-finite: not
 * measured), and how the effect was measured.
 */
export function describeClustering(
  clustering: ClusteringSummary,
  effect: number | null,
  measuredBy: string,
): ClusteringReport {
  const designEffect = effect !== null && Number.isFinite(effect) ? effect : null;
  return {
    by: clustering.by,
    clusters: clustering.clusters,
    largest: clustering.largest,
    designEffect,
    ...(designEffect === null ? {} : { designEffectMeasuredBy: measuredBy }),
  };
}

/** Mean width of finite intervals (NaN when none is finite). */
export function meanIntervalWidth(summary: { lower: Float64Array; upper: Float64Array }): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < summary.lower.length; i++) {
    const width = summary.upper[i]! - summary.lower[i]!;
    if (!Number.isFinite(width)) continue;
    sum += width;
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

function meanWidthOf(standardErrors: Float64Array): number {
  return meanIntervalWidth({ lower: standardErrors.map((value) => -value), upper: standardErrors });
}
