import { type ComparisonTable, selectRows } from "@judgelab/datasets";
import {
  aggregatePairCells,
  hasFiniteMle,
  type PairwiseOutcomes,
  type RatingMethod,
  type RatingReport,
  rateItems,
} from "@judgelab/ratings";

/** L2 prior on log-strengths for Bradley–Terry when the plain MLE is not finite. */
export const FALLBACK_PRIOR = 1;

/** Rating methods the leaderboard offers. */
export const LEADERBOARD_METHODS: readonly RatingMethod[] = [
  "bt",
  "elo",
  "trueskill",
  "glicko2",
  "openskill",
  "winrate",
];

/** What the leaderboard shows. */
export interface LeaderboardQuery {
  readonly method: RatingMethod;
  /** "bootstrap": percentile intervals from resamples; "none": no resampling (bt keeps its Fisher-information SE). */
  readonly intervals: "bootstrap" | "none";
  /** "match": rows sharing a matchId are scored as one match (majority) before rating. */
  readonly unit: "comparison" | "match";
  /** Only comparisons with both items in this category. */
  readonly category?: string | undefined;
  /** Only this judge's comparisons. */
  readonly judge?: string | undefined;
}

/** A computed leaderboard and what it was computed on. */
export interface LeaderboardResult {
  readonly query: LeaderboardQuery;
  readonly report: RatingReport;
  /** Comparisons the board was computed from (after the category and judge filters). */
  readonly rows: number;
  /** Bradley–Terry: the L2 prior used because the plain MLE was not finite. */
  readonly prior: number | undefined;
  readonly seconds: number;
}

/** Settings shared by every leaderboard of one viewer. */
export interface LeaderboardSettings {
  readonly seed: number;
  readonly bootstrapRounds: number;
}

/**
 * The rows a board is computed on: only the judge's comparisons, only pairs with both items in the category
 * (`categoryOf` by item code). The whole table when neither is set.
 */
export function selectBoardRows(
  table: ComparisonTable,
  categoryOf: readonly (string | undefined)[],
  query: LeaderboardQuery,
): ComparisonTable {
  const judge = query.judge === undefined ? -1 : table.judgeIds.indexOf(query.judge);
  if (query.judge !== undefined && judge < 0) throw new RangeError(`no judge "${query.judge}" in this dataset`);
  if (query.category === undefined && judge < 0) return table;
  const inCategory =
    query.category === undefined
      ? undefined
      : Uint8Array.from(categoryOf, (category) => (category === query.category ? 1 : 0));
  const mask = new Uint8Array(table.size);
  for (let row = 0; row < table.size; row++) {
    if (judge >= 0 && table.judge[row] !== judge) continue;
    if (inCategory !== undefined && (inCategory[table.first[row]!] !== 1 || inCategory[table.second[row]!] !== 1))
      continue;
    mask[row] = 1;
  }
  return selectRows(table, mask);
}

/**
 * Rates the items with `rateItems` from @judgelab/ratings: rating, interval, rank and rank interval, W-L-T. The
 * rating report's `intervals` sentence says how the intervals were computed. Bradley–Terry: when some item never
 * lost or never won (or groups never met) the plain MLE is infinite and Newton runs to its iteration limit on
 * every resample; then an L2 prior of {@link FALLBACK_PRIOR} keeps it finite, as the analytics package's pooled
 * board does (the page names the prior).
 */
export function rateBoard(
  outcomes: PairwiseOutcomes,
  query: LeaderboardQuery,
  settings: LeaderboardSettings,
  categoryOf: readonly (string | undefined)[],
): { report: RatingReport; prior: number | undefined } {
  const prior = query.method === "bt" && !hasFiniteMle(aggregatePairCells(outcomes)) ? FALLBACK_PRIOR : undefined;
  const report = rateItems(outcomes, {
    method: query.method,
    bootstrapRounds: query.intervals === "bootstrap" ? settings.bootstrapRounds : 0,
    seed: settings.seed,
    unit: query.unit,
    ...(query.method === "trueskill" ? { categories: categoryOf } : {}),
    ...(prior === undefined ? {} : { prior }),
  });
  return { report, prior };
}
