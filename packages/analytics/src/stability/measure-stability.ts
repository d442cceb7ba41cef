import type { ComparisonTable } from "@judgelab/datasets";
import {
  type ClusterOption,
  chronologicalOrder,
  createRandomSource,
  hasFiniteMle,
  type PairwiseOutcomes,
  type SubsetRefitter,
} from "@judgelab/ratings";
import type { ConvergencePoint, LeaderboardCorrelation, Section, StabilitySection } from "../metrics-document.js";
import { unavailable } from "../section.js";
import { proportion, statistic } from "../stats/proportion.js";
import {
  describeLeaderboard,
  explainPrior,
  FALLBACK_PRIOR,
  fitRatings,
  fitWaldLeaderboard,
  type LeaderboardFit,
  startBootstrapLeaderboard,
} from "./fit-leaderboard.js";
import { measureGraphDegree } from "./graph-degree.js";
import {
  compactPairCells,
  countPairCells,
  indexPairCells,
  type PairCellIndex,
  subsetPairCells,
} from "./pair-cell-index.js";
import { correlateRatings, leaderboardCorrelation } from "./rank-agreement.js";
import { selectOutcomes } from "./select-outcomes.js";

/**
 * Limits of the stability section. Bradley–Terry fits switch to the sparse solver above 500 rated items (time
 * and memory grow with the cells), so the item limit only bounds the bootstrap's rounds × items sample matrix
 * (1000 rounds × 20,000 items = 160 MB, twice over with the ranks).
 */
export const STABILITY_LIMITS = { maxItems: 20000, minOpponentsPerItem: 2, splitHalfRounds: 6, convergencePoints: 12 };

/** Options of {@link startStability}. */
export interface StabilityOptions {
  readonly table: ComparisonTable;
  /** Judges whose verdicts are labels (gold), left out of leaderboards. */
  readonly exclude: ReadonlySet<number>;
  readonly rounds: number;
  readonly seed: number;
  readonly maxLeaderboardItems: number;
  /** What the pooled board's bootstrap resamples; default "auto". */
  readonly cluster?: ClusterOption;
}

/** What later sections reuse: the pooled fit (ratings by item code) and the section. */
export interface StabilityResult {
  readonly section: Omit<StabilitySection, "transitivity">;
  readonly pooled: LeaderboardFit;
}

/** Stability under way ({@link startStability}): the pooled point fit now, the section on `finish`. */
export interface PendingStability {
  /** Pooled ratings (Elo scale) and solver parameters of the point fit. */
  readonly estimate: Float64Array;
  readonly parameters: Float64Array;
  /** Waits for the pooled bootstrap and assembles the section. */
  finish(): StabilityResult;
}

/**
 * Leaderboards per judge and pooled (BT on the Elo scale with bootstrap CIs), their rank correlations,
 * leave-one-judge-out, split-half, separability with confidence and convergence. Returns an
 * {@link Unavailable} reason when the data cannot support a leaderboard (more items than
 * {@link STABILITY_LIMITS}, or items meet fewer than two distinct opponents on average, e.g. isolated answer
 * pairs).
 *
 * In two steps: fits the pooled board, starts its bootstrap on worker threads, computes everything that needs
 * only point fits (per-judge boards, leave-one-judge-out, split-half, convergence), and returns; the caller may
 * compute other sections on this thread while the workers run, then call `finish`.
 */
export function startStability(options: StabilityOptions): PendingStability | { available: false; reason: string } {
  const { table, exclude, rounds, seed, maxLeaderboardItems } = options;
  const pooledOutcomes = selectOutcomes(table, (row) => !exclude.has(table.judge[row]!) && table.verdict[row]! < 3);
  const graph = measureGraphDegree(pooledOutcomes);
  if (graph.items < 3) return unavailable("fewer than three rated items");
  // A baseline design (every model against one reference, a star) meets < 2 opponents on average but repeats
  // each pairing often: rated when items average ≥ 2 × minOpponentsPerItem comparisons in a group of ≥ 3.
  const repeatedStar = graph.largestGroup >= 3 && graph.comparisonsPerItem >= 2 * STABILITY_LIMITS.minOpponentsPerItem;
  if (graph.meanDegree < STABILITY_LIMITS.minOpponentsPerItem && !repeatedStar) {
    return unavailable(
      `items meet ${graph.meanDegree.toFixed(2)} distinct opponents on average (< ${STABILITY_LIMITS.minOpponentsPerItem}) in ${graph.comparisonsPerItem.toFixed(1)} comparisons each: no leaderboard`,
    );
  }
  if (graph.items > STABILITY_LIMITS.maxItems) {
    return unavailable(`${graph.items} rated items exceed the stability limit of ${STABILITY_LIMITS.maxItems}`);
  }
  // One aggregation of the pooled rows; every later fit takes its cells from this index and starts the sparse
  // solver at the pooled parameters (same maxima, fewer Newton steps).
  const cellIndex = indexPairCells(pooledOutcomes);
  const pending = startBootstrapLeaderboard(pooledOutcomes, {
    rounds,
    seed,
    cells: cellIndex.cells,
    rowCell: cellIndex.rowCell,
    ...(options.cluster === undefined ? {} : { cluster: options.cluster }),
  });
  const pooledRatings = pending.estimate;
  const start = pending.parameters;
  const subsets: SubsetFits = { index: cellIndex, start, refitter: pending.createSubsetRefitter() };
  const pooledJudge = pooledOutcomes.judge!;
  const judges: { code: number; outcomes: PairwiseOutcomes }[] = [];
  table.judgeIds.forEach((_, code) => {
    if (exclude.has(code)) return;
    const outcomes = selectOutcomes(table, (row) => table.judge[row] === code && table.verdict[row]! < 3);
    if (outcomes.size > 0) judges.push({ code, outcomes });
  });
  const perJudgeFits = judges.map(({ code, outcomes }) => ({
    judge: table.judgeIds[code]!,
    outcomes,
    fitted: fitWaldLeaderboard(outcomes, {
      cells: subsetPairCells(cellIndex, (row) => pooledJudge[row] === code),
      start,
      ...(options.cluster === undefined ? {} : { cluster: options.cluster }),
    }),
  }));
  const correlations: LeaderboardCorrelation[] = [];
  for (const { judge, fitted } of perJudgeFits) {
    correlations.push(leaderboardCorrelation({ a: "pooled", b: judge }, pooledRatings, fitted.estimate));
  }
  for (let a = 0; a < perJudgeFits.length; a++) {
    for (let b = a + 1; b < perJudgeFits.length; b++) {
      const x = perJudgeFits[a]!;
      const y = perJudgeFits[b]!;
      correlations.push(leaderboardCorrelation({ a: x.judge, b: y.judge }, x.fitted.estimate, y.fitted.estimate));
    }
  }
  const leaveOneJudgeOut: Section<{ rows: LeaderboardCorrelation[] }> =
    perJudgeFits.length < 2
      ? unavailable("needs at least two judges")
      : {
          available: true,
          rows: perJudgeFits.map(({ judge }, index) => {
            const code = judges[index]!.code;
            return leaderboardCorrelation(
              { a: "pooled", b: `without ${judge}` },
              pooledRatings,
              fitSubset(subsets, (row) => pooledJudge[row] !== code),
            );
          }),
        };
  const splitHalf = measureSplitHalf(subsets, seed);
  const convergence = measureConvergence(pooledOutcomes, subsets, pooledRatings);
  return {
    estimate: pooledRatings,
    parameters: start,
    finish: () => {
      const pooled = pending.finish();
      return {
        pooled,
        section: {
          method: `bradley-terry (Newton MLE on the Elo scale, half-win ties, ${explainPrior(pooled.prior)}; ${pooled.solver} solver)`,
          pooled: describeLeaderboard(pooled, pooledOutcomes.size, maxLeaderboardItems),
          perJudge: perJudgeFits.map(({ judge, outcomes, fitted }) => ({
            judge,
            leaderboard: describeLeaderboard(fitted, outcomes.size, maxLeaderboardItems),
          })),
          correlations,
          leaveOneJudgeOut,
          splitHalf,
          separability: measureSeparability(pooled),
          convergence,
        },
      };
    },
  };
}

/**
 * Share of rated item pairs whose 95% bootstrap intervals do not overlap (Arena-Hard "separability"). A pair
 * is separated when one item's lower bound exceeds the other's upper bound (at most one direction can hold),
 * so the count is Σ_i #{j : upper_j < lower_i}, by binary search over the sorted upper bounds: O(n log n).
 */
export function measureSeparability(pooled: LeaderboardFit) {
  const { lower, upper } = pooled;
  const lowers: number[] = [];
  const uppers: number[] = [];
  for (let item = 0; item < lower.length; item++) {
    if (!(Number.isFinite(lower[item]!) && Number.isFinite(upper[item]!))) continue;
    lowers.push(lower[item]!);
    uppers.push(upper[item]!);
  }
  const sortedUppers = Float64Array.from(uppers).sort();
  let separated = 0;
  for (const bound of lowers) separated += countBelow(sortedUppers, bound);
  const count = lowers.length;
  return proportion(separated, (count * (count - 1)) / 2);
}

/** Number of values in `sorted` (ascending) strictly below `bound`. */
export function countBelow(sorted: Float64Array, bound: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Random halves of the comparisons (rows), mean rank correlation between the two half leaderboards. */
function measureSplitHalf(subsets: SubsetFits, seed: number): StabilitySection["splitHalf"] {
  const random = createRandomSource(seed ^ 0x5a17);
  const rounds = STABILITY_LIMITS.splitHalfRounds;
  let spearmanSum = 0;
  let kendallSum = 0;
  let used = 0;
  let items = 0;
  const size = subsets.index.rowCell.length;
  const half = new Uint8Array(size);
  for (let round = 0; round < rounds; round++) {
    for (let row = 0; row < size; row++) half[row] = random.next() < 0.5 ? 1 : 0;
    const part = (side: number) => fitSubset(subsets, (row) => half[row] === side);
    const result = correlateRatings(part(0), part(1));
    if (!Number.isFinite(result.spearman) || !Number.isFinite(result.kendall)) continue;
    spearmanSum += result.spearman;
    kendallSum += result.kendall;
    items = Math.max(items, result.n);
    used++;
  }
  if (used === 0) return unavailable("no split produced two comparable halves");
  return {
    available: true,
    spearman: statistic(spearmanSum / used, items),
    kendall: statistic(kendallSum / used, items),
    rounds: used,
  };
}

/**
 * Convergence: replay comparisons in time order (row order when some rows have no time), refit at up to 12
 * checkpoints spaced by multiples of 0.5 comparisons per item, and correlate with the full-data ratings.
 */
function measureConvergence(
  outcomes: PairwiseOutcomes,
  subsets: SubsetFits,
  full: Float64Array,
): StabilitySection["convergence"] {
  const order = chronologicalOrder(outcomes);
  let rated = 0;
  for (let item = 0; item < full.length; item++) if (Number.isFinite(full[item]!)) rated++;
  const maxPerItem = (2 * outcomes.size) / rated;
  const steps = Math.floor(maxPerItem / 0.5);
  if (steps < 2) return unavailable("fewer than one comparison per item");
  const stride = Math.max(1, Math.ceil(steps / STABILITY_LIMITS.convergencePoints));
  const points: ConvergencePoint[] = [];
  const position = new Int32Array(outcomes.size);
  order.forEach((row, index) => {
    position[row] = index;
  });
  for (let step = stride; step <= steps; step += stride) {
    const comparisons = Math.min(outcomes.size, Math.round((step * 0.5 * rated) / 2));
    const ratings = fitSubset(subsets, (row) => position[row]! < comparisons);
    const { spearman: rho } = correlateRatings(ratings, full);
    points.push({ comparisons, comparisonsPerItem: step * 0.5, spearman: Number.isFinite(rho) ? rho : null });
  }
  let settled: number | null = null;
  for (let index = points.length - 1; index >= 0; index--) {
    const rho = points[index]!.spearman;
    if (rho === null || rho < 0.95) break;
    settled = points[index]!.comparisonsPerItem;
  }
  return { available: true, points, settledAtComparisonsPerItem: settled };
}

/** What refits of row subsets of the pooled comparisons share. */
interface SubsetFits {
  readonly index: PairCellIndex;
  /** The pooled fit's parameters: every refit starts there. */
  readonly start: Float64Array;
  /** Chord refits from the pooled fit's information (null above its item limit). */
  readonly refitter: SubsetRefitter | null;
}

/**
 * Point ratings of the pooled rows accepted by `keep`, with {@link fitRatings}' prior rule (plain MLE when it
 * is finite, else the fallback prior): by a chord refit from the pooled fit when the subset rates every pooled
 * item, else by a Newton fit of the subset's cells warm-started at the pooled parameters.
 */
function fitSubset(subsets: SubsetFits, keep: (row: number) => boolean): Float64Array {
  const { index, start, refitter } = subsets;
  const counts = countPairCells(index, keep);
  if (refitter !== null) {
    const ratings = refitter.refit(counts, hasFiniteMle(index.cells, counts) ? 0 : FALLBACK_PRIOR);
    if (ratings !== null) return ratings;
  }
  return fitRatings(compactPairCells(index.cells, counts), start);
}
