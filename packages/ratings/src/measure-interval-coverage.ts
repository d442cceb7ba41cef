import { bootstrapBradleyTerry } from "./bootstrap-bradley-terry.js";
import { clusterInput } from "./cluster-comparisons.js";
import { ARENA_ELO_SCALE, eloPointsPerLogUnit } from "./elo-scale.js";
import { createRandomSource, deriveSeed } from "./random-source.js";
import { rankByScore } from "./rank-items.js";
import { sandwichBradleyTerry } from "./sandwich-bradley-terry.js";
import { type ClusteredDesign, simulateClusteredOutcomes } from "./simulate-clustered-outcomes.js";

/** An interval method checked by {@link measureIntervalCoverage}. */
export type IntervalMethod = "naive bootstrap" | "clustered bootstrap" | "sandwich";

/** Empirical coverage of one interval method over the simulated datasets. */
export interface MethodCoverage {
  readonly method: IntervalMethod;
  /** What the method resampled or clustered over ("comparison" for the naive bootstrap). */
  readonly clustering: string;
  /** Share of (dataset, item) rating intervals that contain the true rating. */
  readonly ratingCoverage: number;
  /** Share of (dataset, item) rank intervals that contain the true rank. */
  readonly rankCoverage: number;
  /** Mean width of the 95% rating intervals (Elo points). */
  readonly meanWidth: number;
  /** Monte Carlo standard error of `ratingCoverage` as if the intervals were independent: √(c(1 − c)/n). */
  readonly standardError: number;
  /**
   * Simulated datasets where the method gave no intervals (e.g. the sandwich on a dataset without a finite
   * MLE: an item that never lost); left out of the coverage.
   */
  readonly failedDatasets: number;
}

/** Result of {@link measureIntervalCoverage}. */
export interface IntervalCoverage {
  readonly datasets: number;
  readonly rounds: number;
  readonly seed: number;
  readonly correlation: number;
  readonly tieRate: number;
  /** True ratings (Elo scale, mean = scale.initial over rated items), by item code; NaN when unrated. */
  readonly truth: Float64Array;
  readonly methods: readonly MethodCoverage[];
}

/**
 * Coverage check at a fixed design: simulates `datasets` datasets with the design's pairs, orders and matches
 * ({@link simulateClusteredOutcomes}: Bradley–Terry with `strengths`, per-match noise of intra-class correlation
 * `correlation`, ties at `tieRate`), rates each with Bradley–Terry (half ties) and each method's 95% intervals,
 * and counts how often the intervals contain the true ratings and the true ranks:
 * - naive bootstrap: every comparison resampled alone (`rounds` rounds);
 * - clustered bootstrap: whole matches resampled ("auto" clustering: comparison-level when every match holds
 *   one comparison), `rounds` rounds;
 * - sandwich: cluster-robust Wald intervals over the same clusters, ranks from 200 normal draws.
 * A well-calibrated method covers about 95%. Dataset d is simulated from its own seeded stream.
 */
export function measureIntervalCoverage(options: {
  design: ClusteredDesign;
  /** Natural-log strengths per item code (the truth). */
  strengths: ArrayLike<number>;
  correlation: number;
  tieRate?: number;
  datasets?: number;
  rounds?: number;
  seed?: number;
  methods?: readonly IntervalMethod[];
}): IntervalCoverage {
  const { design, strengths, correlation } = options;
  const tieRate = options.tieRate ?? 0;
  const datasets = options.datasets ?? 200;
  const rounds = options.rounds ?? 200;
  const seed = options.seed ?? 0;
  const methods = options.methods ?? ["naive bootstrap", "clustered bootstrap", "sandwich"];
  const truth = trueRatings(design, strengths);
  const trueRank = rankByScore(truth);
  const tallies = methods.map(() => ({ covered: 0, rankCovered: 0, width: 0, count: 0, clustering: "", failed: 0 }));
  for (let d = 0; d < datasets; d++) {
    const outcomes = simulateClusteredOutcomes({
      design,
      strengths,
      correlation,
      tieRate,
      random: createRandomSource(deriveSeed(seed, d)),
    });
    methods.forEach((method, m) => {
      const tally = tallies[m] as (typeof tallies)[number];
      let intervals: ReturnType<typeof rateWith>;
      try {
        intervals = rateWith(method, outcomes, rounds, deriveSeed(seed + 1, d));
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        tally.failed++;
        return;
      }
      tally.clustering = intervals.clustering;
      for (let i = 0; i < truth.length; i++) {
        const value = truth[i]!;
        const lower = intervals.lower[i]!;
        const upper = intervals.upper[i]!;
        if (Number.isNaN(value) || Number.isNaN(lower)) continue;
        tally.count++;
        if (lower <= value && value <= upper) tally.covered++;
        const rank = trueRank[i]!;
        if (intervals.rankLower[i]! <= rank && rank <= intervals.rankUpper[i]!) tally.rankCovered++;
        tally.width += upper - lower;
      }
    });
  }
  return {
    datasets,
    rounds,
    seed,
    correlation,
    tieRate,
    truth,
    methods: methods.map((method, m) => {
      const tally = tallies[m] as (typeof tallies)[number];
      const coverage = tally.covered / Math.max(1, tally.count);
      return {
        method,
        clustering: tally.clustering,
        ratingCoverage: coverage,
        rankCoverage: tally.rankCovered / Math.max(1, tally.count),
        meanWidth: tally.width / Math.max(1, tally.count),
        standardError: Math.sqrt((coverage * (1 - coverage)) / Math.max(1, tally.count)),
        failedDatasets: tally.failed,
      };
    }),
  };
}

function rateWith(
  method: IntervalMethod,
  outcomes: ReturnType<typeof simulateClusteredOutcomes>,
  rounds: number,
  seed: number,
): { lower: Float64Array; upper: Float64Array; rankLower: Float64Array; rankUpper: Float64Array; clustering: string } {
  if (method === "sandwich") {
    const result = sandwichBradleyTerry(outcomes, { draws: 200, seed });
    return { ...result, clustering: result.clustering.by };
  }
  const { cells, clusters, clustering } = clusterInput(outcomes, {
    cluster: method === "naive bootstrap" ? "none" : "auto",
  });
  const result = bootstrapBradleyTerry(cells, {
    rounds,
    seed,
    threads: 1,
    ...(clusters === null ? {} : { clusters }),
  });
  return { ...result, clustering: clustering.by };
}

/** Ratings on the Elo scale of the strengths, centred over the items the design compares. */
function trueRatings(design: ClusteredDesign, strengths: ArrayLike<number>): Float64Array {
  const itemCount = design.itemIds.length;
  const rated = new Uint8Array(itemCount);
  for (let row = 0; row < design.first.length; row++) {
    rated[design.first[row]!] = 1;
    rated[design.second[row]!] = 1;
  }
  let mean = 0;
  let count = 0;
  for (let i = 0; i < itemCount; i++) {
    if (rated[i] === 0) continue;
    mean += strengths[i]!;
    count++;
  }
  mean /= Math.max(1, count);
  const pointsPerUnit = eloPointsPerLogUnit(ARENA_ELO_SCALE);
  const truth = new Float64Array(itemCount);
  for (let i = 0; i < itemCount; i++) {
    truth[i] = rated[i] === 1 ? ARENA_ELO_SCALE.initial + pointsPerUnit * (strengths[i]! - mean) : Number.NaN;
  }
  return truth;
}
