import {
  aggregatePairCells,
  type BradleyTerryFit,
  type CellClusters,
  type ClusteringSummary,
  type ClusterOption,
  clusterCells,
  DEFAULT_PRIOR,
  fitBradleyTerry,
  hasFiniteMle,
  type PairCells,
  type PairwiseOutcomes,
  rankByConfidenceInterval,
  rankByScore,
  resolveClustering,
  type SubsetRefitter,
  sandwichBradleyTerry,
  startBootstrapBradleyTerry,
} from "@judgelab/ratings";
import type { Leaderboard, LeaderboardRow } from "../metrics-document.js";
import { unavailable } from "../section.js";

/** L2 prior used when the plain MLE does not exist (an item never lost or never won): ratings' DEFAULT_PRIOR. */
export const FALLBACK_PRIOR = DEFAULT_PRIOR;
/**
 * L2 prior of bootstrap refits: a resample in which some item never loses has no finite MLE and makes the
 * Newton solver run to its iteration limit; this prior (negligible next to the likelihood of any real data
 * set) keeps every round finite and fast.
 */
export const BOOTSTRAP_PRIOR = 1e-3;
const Z95 = 1.959963984540054;

/**
 * Why a leaderboard used its L2 prior, in words for the metrics document: none (the MLE exists), the default
 * {@link FALLBACK_PRIOR} (the MLE does not exist), or the bootstrap's {@link BOOTSTRAP_PRIOR}.
 */
export function explainPrior(prior: number): string {
  if (prior === 0) return "no prior: the maximum-likelihood estimate exists";
  if (prior === FALLBACK_PRIOR)
    return `L2 prior ${prior} (the documented default, DEFAULT_PRIOR of @judgelab/ratings: the maximum-likelihood estimate does not exist because an item never lost or never won, or items never met)`;
  if (prior === BOOTSTRAP_PRIOR)
    return `L2 prior ${prior} (a negligible regularizer so that bootstrap resamples in which an item never loses stay finite; the MLE of the full data exists)`;
  return `L2 prior ${prior}`;
}

/** A leaderboard fit: ratings with 95% intervals and rank intervals, indexed by item code (NaN = unrated). */
export interface LeaderboardFit {
  readonly itemIds: readonly string[];
  /** `bootstrap` (percentile intervals over resampled comparisons) or `wald` (rating ± 1.96·SE). */
  readonly method: "bootstrap" | "wald";
  readonly rounds: number;
  readonly prior: number;
  /** The Bradley–Terry solver used (`@judgelab/ratings` picks sparse above 500 rated items). */
  readonly solver: "dense" | "sparse";
  /**
   * Wald boards: "fisher" (exact), "approximate" (sparse solver) or "sandwich" (cluster-robust over matches or
   * pairs, when comparisons share them: see `clustering`).
   */
  readonly standardErrorMethod: "fisher" | "approximate" | "sandwich";
  readonly estimate: Float64Array;
  /** The solver's parameter vector of the point fit (a warm start for fits of subsets, see {@link fitRatings}). */
  readonly parameters: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Standard deviation of the bootstrap ratings (bootstrap) or the standard error (wald). */
  readonly standardDeviation: Float64Array;
  readonly rank: Float64Array;
  readonly rankLower: Float64Array;
  readonly rankUpper: Float64Array;
  /** Decided or tied comparisons per item code. */
  readonly played: Float64Array;
  /** Bootstrap boards: every round's ratings, rounds × items row-major (NaN where unrated in that resample). */
  readonly samples?: Float64Array;
  /** Bootstrap boards: what the rounds resampled. */
  readonly clustering?: ClusteringSummary;
}

/**
 * A Wald board: Bradley–Terry on the Elo scale with `@judgelab/ratings` (Newton MLE, half-win ties; an L2 prior
 * of {@link FALLBACK_PRIOR} when the MLE is not finite), intervals rating ± 1.96·SE from the Fisher information
 * (approximate above 500 rated items, where `@judgelab/ratings` uses its sparse solver), best rank = Arena's
 * 1 + #{b : lower_b > upper_a}, worst rank = 1 + #{b ≠ a : upper_b > lower_a}. Cheap; used for per-judge boards.
 * The pooled board with bootstrap intervals is {@link startBootstrapLeaderboard}.
 */
export function fitWaldLeaderboard(
  outcomes: PairwiseOutcomes,
  options: {
    /** The pair cells of `outcomes` when already aggregated (e.g. {@link subsetPairCells}). */
    cells?: PairCells;
    /** Warm start for the sparse solver (another fit's `parameters`): same maximum, fewer Newton steps. */
    start?: Float64Array;
    /** Clusters of the robust standard errors ("auto": matches holding several judgments, else none). */
    cluster?: ClusterOption;
  } = {},
): LeaderboardFit {
  const cluster = options.cluster ?? "auto";
  return fitWaldLeaderboardFromCells({
    cells: options.cells ?? aggregatePairCells(outcomes),
    played: countPlayed(outcomes),
    ...(options.start === undefined ? {} : { start: options.start }),
    robust: (fit, prior) => robustStandardErrors(outcomes, fit, prior, cluster),
  });
}

/**
 * {@link fitWaldLeaderboard} from aggregated input: the cells, the comparisons per item, and the cluster-robust
 * standard errors when the comparisons are clustered (`robust` returns undefined when they are not).
 */
export function fitWaldLeaderboardFromCells(input: {
  cells: PairCells;
  played: Float64Array;
  start?: Float64Array;
  robust: (
    fit: BradleyTerryFit,
    prior: number,
  ) => { standardErrors: Float64Array; clustering: ClusteringSummary } | undefined;
}): LeaderboardFit {
  const { cells, played } = input;
  const start = input.start === undefined ? {} : { start: input.start };
  const plain = fitPlainIfFinite(cells, input.start);
  const prior = plain !== undefined ? 0 : FALLBACK_PRIOR;
  const fit = plain ?? fitBradleyTerry(cells, { prior, ...start });
  const robust = input.robust(fit, prior);
  const errors = robust?.standardErrors ?? fit.standardErrors;
  const count = cells.itemIds.length;
  const lower = new Float64Array(count);
  const upper = new Float64Array(count);
  for (let item = 0; item < count; item++) {
    lower[item] = fit.ratings[item]! - Z95 * errors[item]!;
    upper[item] = fit.ratings[item]! + Z95 * errors[item]!;
  }
  // Worst rank = 1 + #{b ≠ a : upper_b > lower_a}, by binary search over the sorted upper bounds.
  const uppers = upper.filter((value) => Number.isFinite(value)).sort();
  const rankUpper = new Float64Array(count).fill(Number.NaN);
  for (let a = 0; a < count; a++) {
    if (!Number.isFinite(lower[a]!)) continue;
    const above = uppers.length - countAtMost(uppers, lower[a]!);
    rankUpper[a] = 1 + above - (upper[a]! > lower[a]! ? 1 : 0);
  }
  return {
    itemIds: cells.itemIds,
    method: "wald",
    rounds: 0,
    prior,
    solver: fit.solver,
    standardErrorMethod: robust === undefined ? fit.standardErrorMethod : "sandwich",
    estimate: fit.ratings,
    parameters: fit.parameters,
    lower,
    upper,
    standardDeviation: errors,
    ...(robust === undefined ? {} : { clustering: robust.clustering }),
    rank: rankByScore(fit.ratings),
    rankLower: rankByConfidenceInterval({ lower, upper }),
    rankUpper,
    played,
  };
}

/** A pooled bootstrap board under way: the point fit now, the intervals on `finish`. */
export interface PendingLeaderboard {
  /** Full-data ratings (Elo scale) and the solver's parameters: available before the bootstrap finishes. */
  readonly estimate: Float64Array;
  readonly parameters: Float64Array;
  /**
   * Point refits of row subsets of the board's cells from its fit (chord Newton reusing the bootstrap's frozen
   * information: `@judgelab/ratings`' createSubsetRefitter); null beyond its item limit.
   */
  createSubsetRefitter(): SubsetRefitter | null;
  finish(): LeaderboardFit;
}

/**
 * The bootstrap board: Bradley–Terry on the Elo scale (an L2 prior of {@link BOOTSTRAP_PRIOR}, or
 * {@link FALLBACK_PRIOR} when the MLE is not finite) with percentile intervals and rank intervals from `rounds`
 * resamples (multinomial counts over cells). Fits and starts the bootstrap's worker threads, so that the caller
 * can compute other things meanwhile; `finish` joins in and returns the board.
 */
export function startBootstrapLeaderboard(
  outcomes: PairwiseOutcomes,
  options: {
    rounds: number;
    seed: number;
    cells?: PairCells;
    /** The cell of each row of `outcomes` in `cells` (needed to cluster given cells; else re-aggregated). */
    rowCell?: Int32Array;
    start?: Float64Array;
    /** What the rounds resample ("auto": whole matches when some match holds more than one judgment). */
    cluster?: ClusterOption;
  },
): PendingLeaderboard {
  const by = resolveClustering(outcomes, options.cluster ?? "auto");
  const indexed =
    options.cells !== undefined && options.rowCell !== undefined
      ? { ...options.cells, rowCell: options.rowCell }
      : by === "comparison"
        ? (options.cells ?? aggregatePairCells(outcomes))
        : aggregatePairCells(outcomes, { rowCells: true });
  const clusters = by === "comparison" ? undefined : clusterCells(outcomes, indexed, by);
  return startBootstrapLeaderboardFromCells({
    cells: indexed,
    played: countPlayed(outcomes),
    rounds: options.rounds,
    seed: options.seed,
    ...(clusters === undefined ? {} : { clusters }),
    ...(options.start === undefined ? {} : { start: options.start }),
  });
}

/**
 * {@link startBootstrapLeaderboard} from aggregated input: the cells, the comparisons per item and the clusters
 * the rounds resample (none: comparisons one by one).
 */
export function startBootstrapLeaderboardFromCells(input: {
  cells: PairCells;
  played: Float64Array;
  rounds: number;
  seed: number;
  clusters?: CellClusters;
  start?: Float64Array;
}): PendingLeaderboard {
  const { cells, played, clusters } = input;
  const prior = hasFiniteMle(cells) ? 0 : FALLBACK_PRIOR;
  const bootstrapPrior = Math.max(prior, BOOTSTRAP_PRIOR);
  const start = input.start === undefined ? {} : { start: input.start };
  const pending = startBootstrapBradleyTerry(cells, {
    rounds: input.rounds,
    seed: input.seed,
    prior: bootstrapPrior,
    fit: fitBradleyTerry(cells, { prior: bootstrapPrior, ...start }),
    ...(clusters === undefined ? {} : { clusters }),
  });
  return {
    estimate: pending.fit.ratings,
    parameters: pending.fit.parameters,
    createSubsetRefitter: () => pending.createSubsetRefitter(),
    finish: () => {
      const bootstrap = pending.finish();
      return {
        itemIds: cells.itemIds,
        method: "bootstrap",
        rounds: input.rounds,
        prior: bootstrapPrior,
        solver: bootstrap.fit.solver,
        standardErrorMethod: bootstrap.fit.standardErrorMethod,
        estimate: bootstrap.estimate,
        parameters: bootstrap.fit.parameters,
        lower: bootstrap.lower,
        upper: bootstrap.upper,
        standardDeviation: bootstrap.standardDeviation,
        rank: bootstrap.rank,
        rankLower: bootstrap.rankLower,
        rankUpper: bootstrap.rankUpper,
        played,
        samples: bootstrap.samples,
        clustering: bootstrap.clustering,
      };
    },
  };
}

/**
 * Cluster-robust (sandwich) standard errors of a dense fit when comparisons share matches (or pairs, with
 * `cluster` "pair"), so that repeated judgments of one match do not count as independent evidence; undefined
 * when nothing is clustered, the fit is sparse, or the sandwich cannot be computed (then Fisher's are used).
 */
function robustStandardErrors(
  outcomes: PairwiseOutcomes,
  fit: BradleyTerryFit,
  prior: number,
  cluster: ClusterOption,
): { standardErrors: Float64Array; clustering: ClusteringSummary } | undefined {
  if (fit.solver !== "dense") return undefined;
  const by = resolveClustering(outcomes, cluster);
  if (by === "comparison") return undefined;
  const cells = aggregatePairCells(outcomes, { rowCells: true });
  return sandwichStandardErrors({ cells, clusters: clusterCells(outcomes, cells, by) }, fit, prior);
}

/**
 * The cluster-robust standard errors of {@link fitWaldLeaderboard} from aggregated cells and their clusters
 * (null: not clustered, so none); undefined also for a sparse fit or when the sandwich cannot be computed.
 */
export function sandwichStandardErrors(
  input: { cells: PairCells; clusters: CellClusters | null },
  fit: BradleyTerryFit,
  prior: number,
): { standardErrors: Float64Array; clustering: ClusteringSummary } | undefined {
  if (fit.solver !== "dense" || input.clusters === null) return undefined;
  try {
    const sandwich = sandwichBradleyTerry(input.cells, { fit, prior, clusters: input.clusters, draws: 1 });
    return { standardErrors: sandwich.standardErrors, clustering: sandwich.clustering };
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Decided or tied comparisons per item code. */
export function countPlayed(outcomes: PairwiseOutcomes): Float64Array {
  const played = new Float64Array(outcomes.itemIds.length);
  for (let row = 0; row < outcomes.size; row++) {
    if (outcomes.verdict[row]! > 2) continue;
    played[outcomes.first[row]!]!++;
    played[outcomes.second[row]!]!++;
  }
  return played;
}

/**
 * The plain MLE fit when it exists and converged, else undefined. Existence is checked on the win graph first
 * (hasFiniteMle): when the MLE is infinite the Newton solve would run to its iteration limit (seconds per fit).
 */
function fitPlainIfFinite(cells: PairCells, start: Float64Array | undefined): BradleyTerryFit | undefined {
  if (!hasFiniteMle(cells)) return undefined;
  const plain = fitBradleyTerry(cells, start === undefined ? {} : { start });
  return plain.finiteMle && plain.converged ? plain : undefined;
}

/**
 * Point ratings only (no intervals), same prior rule as {@link fitWaldLeaderboard}, from rows or pair cells;
 * `start` warm-starts the sparse solver (e.g. at the pooled fit's parameters for a subset of its comparisons).
 */
export function fitRatings(input: PairwiseOutcomes | PairCells, start?: Float64Array): Float64Array {
  const cells = "firstWins" in input ? input : aggregatePairCells(input);
  const fallback = { prior: FALLBACK_PRIOR, ...(start === undefined ? {} : { start }) };
  return (fitPlainIfFinite(cells, start) ?? fitBradleyTerry(cells, fallback)).ratings;
}

/** The document form of a leaderboard: rows sorted by rank, listed only up to `maxItems` rated items. */
export function describeLeaderboard(fitted: LeaderboardFit, comparisons: number, maxItems: number): Leaderboard {
  const rows: LeaderboardRow[] = [];
  let widthSum = 0;
  let widthCount = 0;
  for (let item = 0; item < fitted.itemIds.length; item++) {
    const rating = fitted.estimate[item]!;
    if (!Number.isFinite(rating)) continue;
    const lower = fitted.lower[item]!;
    const upper = fitted.upper[item]!;
    if (Number.isFinite(lower) && Number.isFinite(upper)) {
      widthSum += upper - lower;
      widthCount++;
    }
    rows.push({
      item: fitted.itemIds[item]!,
      rating,
      lower,
      upper,
      rank: fitted.rank[item]!,
      rankLower: fitted.rankLower[item]!,
      rankUpper: fitted.rankUpper[item]!,
      n: fitted.played[item]!,
    });
  }
  rows.sort((a, b) => a.rank - b.rank || a.item.localeCompare(b.item));
  return {
    items: rows.length,
    comparisons,
    intervals:
      fitted.method === "bootstrap"
        ? `bootstrap (${fitted.rounds} rounds${describeResampling(fitted.clustering)})`
        : fitted.standardErrorMethod === "sandwich"
          ? `wald (cluster-robust sandwich standard errors${describeResampling(fitted.clustering).replace(" resampling", " over")})`
          : fitted.standardErrorMethod === "fisher"
            ? "wald (Fisher standard errors)"
            : "wald (approximate Fisher standard errors: sparse solver, second-order approximation)",
    meanCiWidth: widthCount === 0 ? null : widthSum / widthCount,
    ...(fitted.clustering === undefined ? {} : { clustering: fitted.clustering }),
    rows:
      rows.length > maxItems
        ? unavailable(`${rows.length} rated items exceed maxLeaderboardItems (${maxItems}); summary only`)
        : { available: true, rows },
  };
}

/** ", resampling the 120 matches whole" etc. for the leaderboard's `intervals`. */
function describeResampling(clustering: ClusteringSummary | undefined): string {
  if (clustering === undefined) return "";
  if (clustering.by === "comparison") return ` resampling the ${clustering.clusters} comparisons one by one`;
  const what = clustering.by === "match" ? "matches" : "item pairs";
  return ` resampling the ${clustering.clusters} ${what} whole, up to ${clustering.largest} comparisons each`;
}

/** Number of values in `sorted` (ascending) at most `bound`. */
function countAtMost(sorted: Float64Array, bound: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= bound) low = middle + 1;
    else high = middle;
  }
  return low;
}
