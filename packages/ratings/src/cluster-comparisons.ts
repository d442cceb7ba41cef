import { aggregatePairCells, isPairCells, type PairCells, softPreferenceOf } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { RatingsError } from "./ratings-error.js";

/**
 * How comparisons are grouped for resampling and for cluster-robust standard errors:
 * - "match": comparisons sharing a match code (both presentation orders, several judges, repetitions of one
 *   match) form one cluster; a comparison without a match code is its own cluster;
 * - "pair": comparisons of the same unordered pair of items form one cluster;
 * - "none": every comparison is its own cluster (the naive bootstrap);
 * - "auto": "match" when some match holds more than one valid comparison, else "none".
 */
export type ClusterOption = "auto" | "match" | "pair" | "none";

/** The clustering actually used: "comparison" means no clustering (each comparison alone). */
export type Clustering = "match" | "pair" | "comparison";

/**
 * Comparisons grouped into clusters, each stored as its sparse contribution to the (cell, outcome) counts:
 * cluster g adds `weight[e]` comparisons to category `category[e]` = 3·cell + outcome (0 first wins, 1 second
 * wins, 2 tie) for e in [start[g], start[g + 1]). Resampling G clusters with replacement and summing their
 * contributions gives one cluster-bootstrap resample of the cell counts (Cameron, Gelbach & Miller 2008,
 * "Bootstrap-based improvements for inference with clustered errors", REStat 90(3)). Plain typed arrays, so a
 * bootstrap plan holding them can be sent to worker threads.
 */
export interface CellClusters {
  readonly by: Clustering;
  /** Number of clusters G. */
  readonly count: number;
  readonly start: Int32Array;
  readonly category: Int32Array;
  readonly weight: Float64Array;
  /** Valid comparisons in the largest cluster. */
  readonly largest: number;
}

/** Thrown when the requested clustering does not fit the data (e.g. "match" without match codes). */
export class ClusteringError extends RatingsError {
  override readonly name = "ClusteringError";

  constructor(message: string) {
    super("unsuitable-data", message);
  }
}

/**
 * The clustering `option` resolves to on `outcomes` ({@link ClusterOption}). "match" without any match code
 * throws a {@link ClusteringError}. Invalid rows (verdict 3) are not counted.
 */
export function resolveClustering(outcomes: PairwiseOutcomes, option: ClusterOption = "auto"): Clustering {
  if (option === "none") return "comparison";
  if (option === "pair") return "pair";
  const largest = largestMatch(outcomes);
  if (option === "match") {
    if (largest === 0) {
      throw new ClusteringError(
        "clustering by match needs match codes, but no comparison has a matchId; cluster by pair or none instead",
      );
    }
    return "match";
  }
  return largest > 1 ? "match" : "comparison";
}

/** Valid comparisons in the largest match (0 when no row has a match code). */
function largestMatch(outcomes: PairwiseOutcomes): number {
  const match = outcomes.match;
  if (match === undefined) return 0;
  const counts = new Map<number, number>();
  let largest = 0;
  for (let row = 0; row < outcomes.size; row++) {
    const code = match[row]!;
    if (code < 0 || outcomes.verdict[row]! > 2) continue;
    const count = (counts.get(code) ?? 0) + 1;
    counts.set(code, count);
    if (count > largest) largest = count;
  }
  return largest;
}

/**
 * Groups the rows of `outcomes` into clusters by `by` and stores each cluster's contribution to the counts of
 * `cells` (which must carry `rowCell`: aggregate with `rowCells: true`). Clusters are numbered in order of
 * first appearance; invalid rows (verdict 3, rowCell −1) belong to none.
 */
export function clusterCells(outcomes: PairwiseOutcomes, cells: PairCells, by: Clustering): CellClusters {
  const rowCell = cells.rowCell;
  if (rowCell === undefined || rowCell.length !== outcomes.size) {
    throw new RangeError("clusterCells: cells must be aggregated from these outcomes with rowCells: true");
  }
  const clusterOfRow = new Int32Array(outcomes.size).fill(-1);
  const itemCount = outcomes.itemIds.length;
  const lookup = createKeyLookup(outcomes, by, itemCount);
  let count = 0;
  for (let row = 0; row < outcomes.size; row++) {
    if (rowCell[row]! < 0) continue;
    const key = clusterKey(outcomes, by, row, itemCount);
    if (key < 0) {
      clusterOfRow[row] = count++;
      continue;
    }
    let cluster = lookup.get(key);
    if (cluster < 0) {
      cluster = count++;
      lookup.set(key, cluster);
    }
    clusterOfRow[row] = cluster;
  }
  // Counting sort of the rows by cluster, then one pass per cluster merging rows of the same category.
  const rowStart = new Int32Array(count + 1);
  for (let row = 0; row < outcomes.size; row++) {
    const cluster = clusterOfRow[row]!;
    if (cluster >= 0) rowStart[cluster + 1] = rowStart[cluster + 1]! + 1;
  }
  let largest = 0;
  for (let g = 0; g < count; g++) {
    largest = Math.max(largest, rowStart[g + 1]!);
    rowStart[g + 1] = rowStart[g + 1]! + rowStart[g]!;
  }
  const sortedRows = new Int32Array(rowStart[count]!);
  const fill = rowStart.slice(0, count);
  for (let row = 0; row < outcomes.size; row++) {
    const cluster = clusterOfRow[row]!;
    if (cluster < 0) continue;
    sortedRows[fill[cluster]!] = row;
    fill[cluster] = fill[cluster]! + 1;
  }
  const start = new Int32Array(count + 1);
  const category: number[] = [];
  const weight: number[] = [];
  const entryOf = new Int32Array(3 * cells.size).fill(-1);
  for (let g = 0; g < count; g++) {
    start[g] = category.length;
    for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
      const row = sortedRows[k]!;
      const cell = rowCell[row]!;
      const verdict = outcomes.verdict[row]!;
      const swapped = cells.first[cell]! !== outcomes.first[row]!;
      const soft = softPreferenceOf(outcomes, row);
      const add = (outcome: number, amount: number) => {
        const target = 3 * cell + outcome;
        const entry = entryOf[target]!;
        if (entry >= start[g]!) {
          weight[entry] = weight[entry]! + amount;
        } else {
          entryOf[target] = category.length;
          category.push(target);
          weight.push(amount);
        }
      };
      if (soft !== undefined) {
        // The same fractional outcomes as aggregatePairCells gives the row.
        const forSecond = swapped ? 1 - soft : soft;
        if (forSecond < 1) add(0, 1 - forSecond);
        if (forSecond > 0) add(1, forSecond);
      } else add(verdict < 2 && swapped ? 1 - verdict : verdict, 1);
    }
  }
  start[count] = category.length;
  return {
    by,
    count,
    start,
    category: Int32Array.from(category),
    weight: Float64Array.from(weight),
    largest,
  };
}

/** The cluster key of a row (a match code, or an unordered pair's code), or −1 when the row is a cluster alone. */
function clusterKey(outcomes: PairwiseOutcomes, by: Clustering, row: number, itemCount: number): number {
  if (by === "comparison") return -1;
  if (by === "match") return outcomes.match?.[row] ?? -1;
  const a = outcomes.first[row]!;
  const b = outcomes.second[row]!;
  return Math.min(a, b) * itemCount + Math.max(a, b);
}

/** Largest dense key table (entries) before falling back to a Map. */
const DENSE_KEYS = 1 << 24;

/** Key → cluster (−1 = not seen): a dense table when the keys are small integers, else a Map. */
function createKeyLookup(
  outcomes: PairwiseOutcomes,
  by: Clustering,
  itemCount: number,
): { get(key: number): number; set(key: number, cluster: number): void } {
  let largest = -1;
  if (by === "match" && outcomes.match !== undefined) {
    for (let row = 0; row < outcomes.size; row++) largest = Math.max(largest, outcomes.match[row]!);
  } else if (by === "pair") {
    largest = itemCount * itemCount - 1;
  }
  if (largest < DENSE_KEYS) {
    const table = new Int32Array(largest + 1).fill(-1);
    return { get: (key) => table[key]!, set: (key, cluster) => void (table[key] = cluster) };
  }
  const map = new Map<number, number>();
  return { get: (key) => map.get(key) ?? -1, set: (key, cluster) => void map.set(key, cluster) };
}

/** The clustering a bootstrap or sandwich used: what was resampled, how many clusters, the largest one. */
export interface ClusteringSummary {
  readonly by: Clustering;
  /** Clusters (comparisons when `by` is "comparison"). */
  readonly clusters: number;
  /** Comparisons in the largest cluster. */
  readonly largest: number;
}

/**
 * The cells of a bootstrap's input and, when it resamples clusters, the clusters ({@link resolveClustering}):
 * rows are aggregated here (keeping the order when the order effect is fitted); aggregated cells bring their
 * clusters in `options.clusters` or are resampled comparison by comparison.
 */
export function clusterInput(
  input: PairwiseOutcomes | PairCells,
  options: {
    readonly cluster?: ClusterOption;
    readonly clusters?: CellClusters;
    readonly orderEffect?: boolean;
    readonly byJudge?: boolean;
  },
): { cells: PairCells; clusters: CellClusters | null; clustering: ClusteringSummary } {
  const keepOrder = options.orderEffect ?? false;
  const byJudge = options.byJudge ?? false;
  if (isPairCells(input) || options.clusters !== undefined) {
    const cells = isPairCells(input) ? input : aggregatePairCells(input, { keepOrder, byJudge });
    const clusters = options.clusters ?? null;
    if (clusters === null && (options.cluster === "match" || options.cluster === "pair")) {
      throw new ClusteringError(
        `clustering by ${options.cluster} needs the comparisons, not aggregated cells: pass rows or precomputed clusters`,
      );
    }
    return { cells, clusters, clustering: summarizeClusters(cells, clusters) };
  }
  return clusterRows(input, options.cluster ?? "auto", (rowCells) =>
    aggregatePairCells(input, { keepOrder, byJudge, rowCells }),
  );
}

/**
 * Aggregates the rows of `outcomes` with `aggregate` and, when `cluster` resolves to matches or pairs
 * ({@link resolveClustering}), groups them into clusters ({@link clusterCells}). `aggregate(true)` must return
 * cells carrying `rowCell` (e.g. {@link aggregatePairCells} or `aggregateCovariateCells` with `rowCells: true`),
 * `aggregate(false)` the same cells without it. The returned cells never carry `rowCell`.
 */
export function clusterRows<Cells extends PairCells>(
  outcomes: PairwiseOutcomes,
  cluster: ClusterOption,
  aggregate: (rowCells: boolean) => Cells,
): { cells: Cells; clusters: CellClusters | null; clustering: ClusteringSummary } {
  const by = resolveClustering(outcomes, cluster);
  // Fractional outcomes are resampled row by row (singleton clusters), never as counts drawn per outcome.
  if (by === "comparison" && outcomes.softOutcomes !== true) {
    const cells = aggregate(false);
    return { cells, clusters: null, clustering: summarizeClusters(cells, null) };
  }
  const aggregated = aggregate(true);
  const clusters = clusterCells(outcomes, aggregated, by);
  // The row → cell map is not needed by the rounds (and would be copied to every worker thread).
  const { rowCell: _rowCell, ...cells } = aggregated;
  return { cells: cells as Cells, clusters, clustering: summarizeClusters(cells, clusters) };
}

function summarizeClusters(cells: PairCells, clusters: CellClusters | null): ClusteringSummary {
  if (clusters !== null) return { by: clusters.by, clusters: clusters.count, largest: clusters.largest };
  let comparisons = 0;
  for (let c = 0; c < cells.size; c++) {
    comparisons += cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
  }
  return { by: "comparison", clusters: comparisons, largest: comparisons > 0 ? 1 : 0 };
}
