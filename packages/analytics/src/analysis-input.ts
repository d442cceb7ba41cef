import type { ComparisonTable } from "@judgelab/datasets";
import type { ItemGrouping } from "./group-comparison-table.js";

/**
 * Per-item information, arrays aligned with `table.itemIds` (index = item code). Missing values are
 * `undefined` (strings) or NaN (numbers). Plain arrays, so callers map their records once.
 */
export interface ItemInfo {
  readonly category?: readonly (string | undefined)[];
  /** Length of the item's text in characters (length bias). */
  readonly length?: ArrayLike<number>;
  /** Model that produced the item (Shi et al. preference-fairness units). */
  readonly producer?: readonly (string | undefined)[];
  /** Model family that produced the item (self-preference, judge × writer). */
  readonly producerFamily?: readonly (string | undefined)[];
}

/** Per-judge information, arrays aligned with `table.judgeIds`. */
export interface JudgeInfo {
  /** llm | human | gold | simulated. Gold judges are used as labels, humans for the human majority. */
  readonly kind?: readonly (string | undefined)[];
  readonly family?: readonly (string | undefined)[];
}

/** Pointwise assessments as columns: one row per (item, judge) score. */
export interface AssessmentColumns {
  /** Item code (index into `table.itemIds`). */
  readonly item: Int32Array;
  /** Judge code (index into `table.judgeIds`; a judge that made no comparison may be appended there). */
  readonly judge: Int32Array;
  /** The headline score (e.g. `scores.overall`). */
  readonly score: Float64Array;
}

/** References: per-item scores and/or per-pair gold labels, as item codes. */
export interface ReferenceColumns {
  /** Name shown in the document (e.g. "reviewer mean", "gold"). */
  readonly name: string;
  /** Name of the per-pair labels when they differ from `name` (e.g. "human-majority" next to "reviewer-mean"). */
  readonly pairName?: string;
  /** Per-item reference score aligned with item codes; NaN = none. */
  readonly itemScore?: Float64Array;
  /** Per-pair labels: `winner` 0 = a, 1 = b, 2 = tie; `prompt` code or -1. */
  readonly pairs?: {
    readonly a: Int32Array;
    readonly b: Int32Array;
    readonly winner: Uint8Array;
    readonly prompt: Int32Array;
  };
}

/** Condition codes for experiments, aligned with table rows (overrides `table.condition`). */
export interface ConditionColumn {
  readonly field: string;
  readonly codes: Int32Array;
  readonly labels: readonly string[];
}

/** Options of {@link analyzeJudges}. */
export interface AnalysisOptions {
  /** Seed for every bootstrap and random split. */
  readonly seed: number;
  /** Bootstrap rounds for CIs (docs/metrics.md: ≥ 1000 for published figures). Default 1000. */
  readonly bootstrapRounds?: number;
  /** Compare conditions: a named column of codes, or a field name to read `table.condition` under. */
  readonly condition?: ConditionColumn | string;
  /** AlpacaEval length threshold in characters (default 30). */
  readonly lengthThreshold?: number;
  /** Time windows for the first-position rate over time (default 5). */
  readonly timeWindows?: number;
  /** Leaderboards with more items are summarised only (default 200). */
  readonly maxLeaderboardItems?: number;
  /**
   * What the pooled leaderboard's bootstrap (ratings, rank intervals, separability) resamples: "auto" (default:
   * whole matches when some match holds more than one judgment, else comparisons), "match", "pair", "none".
   */
  readonly cluster?: "auto" | "match" | "pair" | "none";
}

/** Everything {@link analyzeJudges} reads. No IO: callers load and encode. */
export interface AnalysisInput {
  readonly table: ComparisonTable;
  readonly items?: ItemInfo;
  readonly judges?: JudgeInfo;
  readonly assessments?: AssessmentColumns;
  readonly references?: ReferenceColumns;
  /**
   * Rate groups of items instead of items (e.g. the models that wrote the answers): the leaderboards of the
   * stability section are fitted between groups; agreement, position bias and biases stay on the items.
   */
  readonly grouping?: ItemGrouping;
  readonly options: AnalysisOptions;
}
