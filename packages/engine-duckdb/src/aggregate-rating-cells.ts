import {
  type AggregatedComparisons,
  type CellClusters,
  type Clustering,
  ClusteringError,
  type ClusterOption,
  type PairCells,
} from "@judgelab/ratings";
import type { DuckDbSession } from "./duckdb-session.js";
import { EngineInputError } from "./engine-input-error.js";
import type { ScannedComparisons } from "./scan-comparisons.js";

/** Options of {@link aggregateRatingCells}. */
export interface AggregateRatingCellsOptions {
  /** Keep the presentation order where it is known (the order effect's cells). Default false. */
  readonly keepOrder?: boolean;
  /** What the bootstrap resamples, as `rateItems`' `cluster` ({@link ClusterOption}); default "auto". */
  readonly cluster?: ClusterOption;
  /** Only the comparisons of these judge codes (default: all). */
  readonly judges?: readonly number[];
}

/**
 * The {@link AggregatedComparisons} of the scanned rows (table `coded`), computed in SQL: exactly the cells of
 * `aggregatePairCells` (same cells, counts and first-appearance order; with `keepOrder`, cells with a known
 * order stay positional, the others pooled with first < second) and the clusters of `clusterCells` (numbered by
 * first appearance, entries in first-appearance order), so that `rateItems` gives the report of the in-memory
 * path, bootstrap rounds included. JavaScript receives one row per cell and, when clustering, one per
 * (cluster, cell, outcome); never one per comparison.
 */
export async function aggregateRatingCells(
  session: DuckDbSession,
  scanned: ScannedComparisons,
  options: AggregateRatingCellsOptions = {},
): Promise<AggregatedComparisons & { clustering: Clustering }> {
  const keepOrder = options.keepOrder === true;
  const judges = options.judges === undefined ? "" : ` AND j IN (${[-1, ...options.judges].map(Number).join(", ")})`;
  // The valid rows as cell keys and outcomes; not materialized (one pass of the integer table per use).
  const rows = `SELECT rn, mh, a, b, pos,
       CASE WHEN pos OR a < b THEN a ELSE b END AS ca,
       CASE WHEN pos OR a < b THEN b ELSE a END AS cb,
       CASE WHEN v < 2 AND NOT pos AND a > b THEN 1 - v ELSE v END AS outcome
     FROM (SELECT rn, mh, a, b, v, (${keepOrder} AND known) AS pos FROM coded WHERE v < 3${judges})`;
  await session.run(
    `CREATE OR REPLACE TEMP TABLE cells AS
     SELECT (row_number() OVER (ORDER BY min(rn)) - 1)::INTEGER AS cell, ca, cb, pos,
       count(*) FILTER (WHERE outcome = 0)::DOUBLE AS first_wins,
       count(*) FILTER (WHERE outcome = 1)::DOUBLE AS second_wins,
       count(*) FILTER (WHERE outcome = 2)::DOUBLE AS ties
     FROM (${rows}) GROUP BY ca, cb, pos`,
  );
  const columns = await session.columns(
    "SELECT ca::INTEGER AS ca, cb::INTEGER AS cb, pos::INTEGER AS pos, first_wins, second_wins, ties FROM cells ORDER BY cell",
  );
  const size = columns.ca?.length ?? 0;
  const cells: PairCells = {
    size,
    itemIds: scanned.itemIds,
    judgeIds: [],
    first: Int32Array.from(columns.ca as number[]),
    second: Int32Array.from(columns.cb as number[]),
    positional: Uint8Array.from(columns.pos as number[]),
    judge: new Int32Array(size).fill(-1),
    firstWins: Float64Array.from(columns.first_wins as number[]),
    secondWins: Float64Array.from(columns.second_wins as number[]),
    ties: Float64Array.from(columns.ties as number[]),
    invalidCount: options.judges === undefined ? scanned.invalid : await countInvalid(session, judges),
  };
  const clustering = await resolveClustering(session, scanned, { option: options.cluster ?? "auto", judges });
  const clusters = clustering === "comparison" ? null : await readClusters(session, scanned, { by: clustering, rows });
  return { cells, clusters, invalid: cells.invalidCount, clustering };
}

async function countInvalid(session: DuckDbSession, judges: string): Promise<number> {
  const result = await session.columns(`SELECT count(*)::DOUBLE AS invalid FROM coded WHERE v = 3${judges}`);
  return result.invalid?.[0] as number;
}

/** Per scan: the most valid comparisons any match holds over all judges (an upper bound for any selection). */
const largestOverall = new WeakMap<ScannedComparisons, number>();

/** Scans whose match-id hashes were checked for collisions. */
const hashesChecked = new WeakSet<ScannedComparisons>();

/** The most valid comparisons in one match among the rows that `judges` (a SQL condition) keeps. */
async function largestMatch(session: DuckDbSession, judges: string): Promise<number> {
  const result = await session.columns(
    `SELECT coalesce(max(n), 0)::DOUBLE AS largest FROM (SELECT count(*) AS n FROM coded WHERE v < 3 AND mh IS NOT NULL${judges} GROUP BY mh)`,
  );
  return result.largest?.[0] as number;
}

/**
 * As the ratings package's `resolveClustering`, on the table: "auto" is "match" when a match holds more than
 * one valid comparison of the selected judges. The largest match over all judges is computed once per scan:
 * when it is at most 1 (every comparison its own match), no selection needs its own GROUP BY.
 */
async function resolveClustering(
  session: DuckDbSession,
  scanned: ScannedComparisons,
  selection: { option: ClusterOption; judges: string },
): Promise<Clustering> {
  const { option, judges } = selection;
  if (option === "none") return "comparison";
  if (option === "pair") return "pair";
  let overall = largestOverall.get(scanned);
  if (overall === undefined) {
    overall = await largestMatch(session, "");
    largestOverall.set(scanned, overall);
  }
  const largest = overall <= 1 || judges === "" ? overall : await largestMatch(session, judges);
  if (option === "match" && largest === 0) {
    throw new ClusteringError(
      "clustering by match needs match codes, but no comparison has a matchId; cluster by pair or none instead",
    );
  }
  const by = option === "match" || largest > 1 ? "match" : "comparison";
  if (by === "match" && !hashesChecked.has(scanned)) {
    await checkMatchHashes(session);
    hashesChecked.add(scanned);
  }
  return by;
}

/**
 * Matches are grouped by the 64-bit hash of their id; two different ids with one hash (probability about
 * n²/2⁶⁵ for n ids, 10⁻⁵ at 20 million) would merge two clusters. This checks that it did not happen.
 */
async function checkMatchHashes(session: DuckDbSession): Promise<void> {
  const result = await session.columns(
    `SELECT count(*)::DOUBLE AS collisions FROM (SELECT hash(m) AS h FROM (SELECT DISTINCT m FROM source_rows WHERE m IS NOT NULL) GROUP BY h HAVING count(*) > 1)`,
  );
  if ((result.collisions?.[0] as number) > 0)
    throw new EngineInputError("two matchIds share a 64-bit hash: cluster these comparisons with --engine memory");
}

/** The clusters of `clusterCells`: numbered by first appearance, entries (3·cell + outcome) by first appearance. */
async function readClusters(
  session: DuckDbSession,
  scanned: ScannedComparisons,
  selection: { by: "match" | "pair"; rows: string },
): Promise<CellClusters> {
  const { by } = selection;
  const itemCount = scanned.itemIds.length;
  const key =
    by === "match"
      ? "CASE WHEN r.mh IS NULL THEN -(r.rn + 1)::HUGEINT ELSE r.mh::HUGEINT END"
      : `(least(r.a, r.b)::BIGINT * ${itemCount} + greatest(r.a, r.b))::HUGEINT`;
  await session.run(
    `CREATE OR REPLACE TEMP TABLE row_clusters AS
     SELECT r.rn, (3 * c.cell + r.outcome)::INTEGER AS category, ${key} AS key
     FROM (${selection.rows}) r JOIN cells c ON c.ca = r.ca AND c.cb = r.cb AND c.pos = r.pos`,
  );
  await session.run(
    `CREATE OR REPLACE TEMP TABLE cluster_index AS
     SELECT key, (row_number() OVER (ORDER BY min(rn)) - 1)::INTEGER AS g, count(*) AS size
     FROM row_clusters GROUP BY key`,
  );
  const sizes = await session.columns(
    "SELECT count(*)::DOUBLE AS count, max(size)::DOUBLE AS largest FROM cluster_index",
  );
  const entries = await session.columns(
    `SELECT g, category, count(*)::DOUBLE AS weight FROM row_clusters JOIN cluster_index USING (key)
     GROUP BY g, category ORDER BY g, min(rn)`,
  );
  const count = sizes.count?.[0] as number;
  const groups = entries.g as number[];
  const start = new Int32Array(count + 1);
  for (const g of groups) start[g + 1] = start[g + 1]! + 1;
  for (let g = 0; g < count; g++) start[g + 1] = start[g + 1]! + start[g]!;
  return {
    by,
    count,
    start,
    category: Int32Array.from(entries.category as number[]),
    weight: Float64Array.from(entries.weight as number[]),
    largest: (sizes.largest?.[0] as number | null) ?? 0,
  };
}
