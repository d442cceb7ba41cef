import { writeRoundRatings } from "./bootstrap-rounds.js";
import { evaluateBradleyTerry } from "./bradley-terry-likelihood.js";
import { centreStrengths } from "./centre-strengths.js";
import { choleskyInPlace, choleskyInverse } from "./cholesky.js";
import { type CellClusters, type ClusteringSummary, type ClusterOption, clusterInput } from "./cluster-comparisons.js";
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
import { createRandomSource } from "./random-source.js";
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
  const information = new Float64Array(size * size);
  evaluateBradleyTerry(cells, cells, layout, fit.parameters, new Float64Array(size), information);
  if (!choleskyInPlace(information, size)) {
    throw new RangeError("sandwich intervals: the Fisher information is singular (an item never won or never lost?)");
  }
  const bread = choleskyInverse(information, size);
  const residuals = categoryScores(cells, layout, fit.parameters);
  const comparisons = countComparisons(cells);
  const clustered = sandwichCovariance(bread, size, clusterMeat(cells, layout, residuals, clusters), {
    clusters: clustering.clusters,
    comparisons,
  });
  const naive = sandwichCovariance(bread, size, clusterMeat(cells, layout, residuals, null), {
    clusters: comparisons,
    comparisons,
  });
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
  const samples = drawRatings({
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
  const lower = fit.ratings.map((value, i) => value - z * (standardErrors[i] as number));
  const upper = fit.ratings.map((value, i) => value + z * (standardErrors[i] as number));
  const orderFree = layout.orderIndex >= 0 ? (layout.freeIndex[layout.orderIndex] as number) : -1;
  const order =
    orderFree >= 0 && fit.orderEffect !== undefined
      ? (() => {
          const se = Math.sqrt(clustered[orderFree * size + orderFree] as number);
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

type Layout = ReturnType<typeof createBradleyTerryLayout>;

/** Residual y − p of each (cell, outcome) category at θ̂ (3c + o; o = first wins, second wins, tie). */
function categoryScores(cells: PairCells, layout: Layout, parameters: Float64Array): Float64Array {
  const delta = layout.orderIndex >= 0 ? (parameters[layout.orderIndex] as number) : 0;
  const residuals = new Float64Array(3 * cells.size);
  for (let c = 0; c < cells.size; c++) {
    const positional = layout.orderIndex >= 0 && cells.positional[c] === 1;
    const d =
      (parameters[cells.first[c] as number] as number) -
      (parameters[cells.second[c] as number] as number) +
      (positional ? delta : 0);
    const p = 1 / (1 + Math.exp(-d));
    residuals[3 * c] = 1 - p;
    residuals[3 * c + 1] = -p;
    residuals[3 * c + 2] = 0.5 - p;
  }
  return residuals;
}

/**
 * The meat Σ_g U_g U_gᵀ over the free parameters; without clusters every comparison is its own cluster, so the
 * meat is Σ_categories count·r²·x xᵀ.
 */
function clusterMeat(
  cells: PairCells,
  layout: Layout,
  residuals: Float64Array,
  clusters: CellClusters | null,
): Float64Array {
  const size = layout.freeCount;
  const meat = new Float64Array(size * size);
  const score = new Float64Array(size);
  const touched: number[] = [];
  const isTouched = new Uint8Array(size);
  const orderFree = layout.orderIndex >= 0 ? (layout.freeIndex[layout.orderIndex] as number) : -1;
  const add = (category: number, weight: number): void => {
    const c = Math.floor(category / 3);
    const value = weight * (residuals[category] as number);
    const f = layout.freeIndex[cells.first[c] as number] as number;
    const s = layout.freeIndex[cells.second[c] as number] as number;
    const o = orderFree >= 0 && cells.positional[c] === 1 ? orderFree : -1;
    for (const [index, sign] of [
      [f, 1],
      [s, -1],
      [o, 1],
    ] as const) {
      if (index < 0) continue;
      if (isTouched[index] === 0) {
        isTouched[index] = 1;
        touched.push(index);
      }
      score[index] = (score[index] as number) + sign * value;
    }
  };
  const flush = (): void => {
    for (const i of touched) {
      for (const j of touched)
        meat[i * size + j] = (meat[i * size + j] as number) + (score[i] as number) * (score[j] as number);
    }
    for (const i of touched) {
      score[i] = 0;
      isTouched[i] = 0;
    }
    touched.length = 0;
  };
  if (clusters === null) {
    const counts = [cells.firstWins, cells.secondWins, cells.ties];
    for (let c = 0; c < cells.size; c++) {
      for (let o = 0; o < 3; o++) {
        const count = (counts[o] as Float64Array)[c] as number;
        if (count === 0) continue;
        // count comparisons, each its own cluster: count · (r x)(r x)ᵀ.
        add(3 * c + o, 1);
        for (const i of touched) score[i] = (score[i] as number) * Math.sqrt(count);
        flush();
      }
    }
    return meat;
  }
  for (let g = 0; g < clusters.count; g++) {
    for (let e = clusters.start[g] as number; e < (clusters.start[g + 1] as number); e++) {
      add(clusters.category[e] as number, clusters.weight[e] as number);
    }
    flush();
  }
  return meat;
}

/** c · B⁻¹ M B⁻¹ with the CR1 factor c = G/(G − 1) · (N − 1)/(N − K). */
function sandwichCovariance(
  bread: Float64Array,
  size: number,
  meat: Float64Array,
  counts: { clusters: number; comparisons: number },
): Float64Array {
  const { clusters, comparisons } = counts;
  const factor =
    clusters > 1 && comparisons > size
      ? (clusters / (clusters - 1)) * ((comparisons - 1) / (comparisons - size))
      : Number.NaN;
  const half = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const value = bread[i * size + k] as number;
      if (value === 0) continue;
      for (let j = 0; j < size; j++)
        half[i * size + j] = (half[i * size + j] as number) + value * (meat[k * size + j] as number);
    }
  }
  const covariance = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const value = half[i * size + k] as number;
      if (value === 0) continue;
      for (let j = 0; j < size; j++) {
        covariance[i * size + j] = (covariance[i * size + j] as number) + value * (bread[k * size + j] as number);
      }
    }
  }
  for (let k = 0; k < covariance.length; k++) covariance[k] = (covariance[k] as number) * factor;
  return covariance;
}

/**
 * `draws` rating vectors from N(θ̂, V) (rounds × items, row-major): θ = θ̂ + L·z with V = L·Lᵀ (a tiny ridge is
 * added when V is singular, e.g. fewer clusters than parameters) and z standard normal, normalised as the fit.
 */
function drawRatings(options: {
  covariance: Float64Array;
  size: number;
  parameters: Float64Array;
  freeIndex: Int32Array;
  active: Uint8Array;
  anchorCode: number;
  base: number;
  pointsPerUnit: number;
  draws: number;
  seed: number;
}): Float64Array {
  const { covariance, size, parameters, freeIndex, active, draws } = options;
  const itemCount = active.length;
  const factor = factorWithRidge(covariance, size);
  const random = createRandomSource(options.seed);
  const slotParameter = new Int32Array(size);
  for (let p = 0; p < freeIndex.length; p++)
    if ((freeIndex[p] as number) >= 0) slotParameter[freeIndex[p] as number] = p;
  const normal = new Float64Array(size);
  const drawn = new Float64Array(parameters.length);
  const samples = new Float64Array(draws * itemCount);
  for (let r = 0; r < draws; r++) {
    for (let k = 0; k < size; k++) normal[k] = normalQuantile(random.next() * (1 - 2 ** -53) + 2 ** -54);
    drawn.set(parameters);
    for (let i = 0; i < size; i++) {
      let sum = 0;
      for (let k = 0; k <= i; k++) sum += (factor[i * size + k] as number) * (normal[k] as number);
      const p = slotParameter[i] as number;
      drawn[p] = (drawn[p] as number) + sum;
    }
    writeRoundRatings({
      parameters: drawn,
      active,
      anchorCode: options.anchorCode,
      base: options.base,
      pointsPerUnit: options.pointsPerUnit,
      out: samples.subarray(r * itemCount, (r + 1) * itemCount),
    });
  }
  return samples;
}

/** Cholesky factor of a covariance, adding a ridge of 1e-12·(mean diagonal), ×10 each try, if it is singular. */
function factorWithRidge(covariance: Float64Array, size: number): Float64Array {
  let trace = 0;
  for (let i = 0; i < size; i++) trace += covariance[i * size + i] as number;
  let ridge = 0;
  for (let attempt = 0; attempt < 12; attempt++) {
    const factor = covariance.slice();
    for (let i = 0; i < size; i++) factor[i * size + i] = (factor[i * size + i] as number) + ridge;
    if (choleskyInPlace(factor, size)) {
      for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) factor[i * size + j] = 0;
      return factor;
    }
    ridge = ridge === 0 ? (1e-12 * trace) / Math.max(1, size) : ridge * 10;
  }
  throw new RangeError("sandwich intervals: the robust covariance is not positive semi-definite");
}

function countComparisons(cells: PairCells): number {
  let total = 0;
  for (let c = 0; c < cells.size; c++) {
    total += (cells.firstWins[c] as number) + (cells.secondWins[c] as number) + (cells.ties[c] as number);
  }
  return total;
}
