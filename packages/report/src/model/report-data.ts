import type { MetricsDocument } from "@judgelab/analytics";
import type { IntervalCheck } from "@judgelab/ratings";
import type { RankShare } from "../charts/stability-charts.js";
import type { ControlledRatings } from "./controlled-ratings.js";

/** An interval on some scale. */
export interface ValueInterval {
  readonly lower: number;
  readonly upper: number;
}

/** An item's pooled rating with its bootstrap interval and rank interval (1 = best). */
export interface ItemRating extends ValueInterval {
  readonly value: number;
  readonly rank: number;
  readonly rankLower: number;
  readonly rankUpper: number;
}

/**
 * The tournament score as the seed system displays it, e.g. TrueSkill `1565±40`: `value` is the
 * conservative score, `halfWidth` the ± part.
 */
export interface TournamentScore {
  readonly value: number;
  readonly halfWidth: number;
}

/** One pointwise assessment of an item (e.g. the seed system's impact assessment). */
export interface ItemAssessment {
  readonly judge: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly scale?: { readonly min: number; readonly max: number } | undefined;
  readonly text?: string | undefined;
  readonly createdAt?: string | undefined;
}

/** Everything the report says about one item. */
export interface ItemStanding {
  readonly id: string;
  readonly title: string;
  readonly category?: string | undefined;
  /** Pooled Bradley–Terry rating (absent when the item has no decided comparison or was not listed). */
  readonly rating?: ItemRating | undefined;
  readonly score?: TournamentScore | undefined;
  /** Rank within the item's category by `by`: the tournament score when there is one (seed layout), else BT. */
  readonly categoryRank?:
    | { readonly rank: number; readonly of: number; readonly by: "tournament score" | "BT rating" }
    | undefined;
  /** Rank within the category by the pooled BT rating (the report's leaderboard), when it differs in method. */
  readonly categoryRankByRating?: { readonly rank: number; readonly of: number } | undefined;
  /** Connected comparison group of the item (groups that never met are not comparable). */
  readonly group?: number | undefined;
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
  /** Comparisons with an invalid verdict that involved the item. */
  readonly invalid: number;
  /** Decided comparisons (wins + losses + ties). */
  readonly matches: number;
  /** wins / (wins + losses), Wilson 95% interval; value null when the item never won or lost. */
  readonly winRate: { readonly value: number | null; readonly lower: number; readonly upper: number };
  readonly assessments: readonly ItemAssessment[];
}

/** One entry of an item's comparison history, seen from that item. */
export interface HistoryEntry {
  readonly opponentId: string;
  readonly opponentTitle: string;
  readonly judge: string;
  readonly createdAt?: string | undefined;
  /** True when this item was shown first. */
  readonly shownFirst: boolean;
  /** Whether the presentation order is known at all. */
  readonly orderKnown: boolean;
  readonly outcome: "win" | "loss" | "tie" | "invalid";
  readonly rationale?: string | undefined;
}

/** Figures the dataset's source published for an item (manifest `published`), shown next to computed ones. */
export interface PublishedFigures {
  readonly score?: string | undefined;
  readonly rank?:
    | { readonly position: number; readonly of: number; readonly category?: string | undefined }
    | undefined;
  readonly winRate?: number | undefined;
  readonly wins?: number | undefined;
  readonly losses?: number | undefined;
  readonly matches?: number | undefined;
  readonly historyCount?: number | undefined;
}

/** One per-item tournament page. */
export interface ItemPage {
  readonly standing: ItemStanding;
  /** The item's text (for papers: the abstract). */
  readonly text?: string | undefined;
  /** A line under the title (for papers: the authors). */
  readonly byline?: string | undefined;
  /** The committee decision when the item carries one (`metadata.decision`, e.g. "Accept (oral)"). */
  readonly decision?: string | undefined;
  /** Newest first. */
  readonly history: readonly HistoryEntry[];
  /** Range of tournament scores in the item's category, for the score bar. */
  readonly scoreRange?: ValueInterval | undefined;
  /** Items in the category (for "#k of N"). */
  readonly categorySize?: number | undefined;
  /** What the source itself published for this item, when the dataset records it. */
  readonly published?: PublishedFigures | undefined;
  /** True when the page was asked for by id (e.g. the focal seed paper), not earned by rating. */
  readonly requested?: boolean | undefined;
}

/** Calls, failures and cost of one judge. */
export interface JudgeRunSummary {
  readonly judge: string;
  readonly kind?: string | undefined;
  readonly model?: string | undefined;
  readonly provider?: string | undefined;
  readonly comparisons: number;
  readonly decided: number;
  readonly ties: number;
  readonly invalid: number;
  readonly costUsd?: number | undefined;
  readonly inputTokens?: number | undefined;
  readonly outputTokens?: number | undefined;
}

/** Everything the report renders: the analysis document plus per-item standings and run details. */
export interface ReportData {
  /** Report heading, e.g. "Ranking reliability: demo paper tournament". */
  readonly title: string;
  readonly dataset: {
    readonly name: string;
    readonly description?: string | undefined;
    readonly source?: string | undefined;
    readonly license?: string | undefined;
  };
  /** What the items are called in prose ("papers", "responses", "items"). */
  readonly itemNoun: string;
  readonly metrics: MetricsDocument;
  /**
   * What the leaderboard ranks, in prose: `itemNoun`, or the groups (e.g. "producers") when the report rates
   * groups of items by an item field (`ratedField`).
   */
  readonly ratedNoun: string;
  /** The item field whose values the leaderboard rates (e.g. "producer"); absent when it rates items. */
  readonly ratedField?: string | undefined;
  /**
   * All rated units (items, or groups of items), best first by `sortedBy`: the pooled BT rating when any unit
   * has one, else the tournament score; "none" = neither exists and no ranking table is shown (never id order).
   */
  readonly items: readonly ItemStanding[];
  readonly sortedBy: "rating" | "score" | "none";
  readonly judges: readonly JudgeRunSummary[];
  /** Name of the tournament score (e.g. "TrueSkill (seed display: (μ − 3σ)·10 + 1200 ± 2σ·10)"). */
  readonly scoreLabel?: string | undefined;
  /** Bootstrap rank distributions of the best items. */
  readonly rankDistribution?: { readonly resamples: number; readonly shares: readonly RankShare[] } | undefined;
  /** Per-item pages (capped by the caller). */
  readonly itemPages: readonly ItemPage[];
  /**
   * Connected groups of the comparison graph. With more than one, ratings compare items within a group only;
   * `byCategory` says the groups are exactly the categories (a tournament that schedules within categories).
   */
  readonly groups: { readonly count: number; readonly byCategory: boolean };
  /** What `--where` kept (e.g. "human_has_preference=true (24 of 27 comparisons)"), when the data were filtered. */
  readonly filter?: string | undefined;
  /** Time span of the comparisons (ISO dates), when recorded. */
  readonly period?: { readonly start: string; readonly end: string } | undefined;
  /** Leaderboards controlled for style (when asked for) and corrected for judge bias. */
  readonly controlled?: ControlledRatings | undefined;
  /**
   * Coverage check at the dataset's design (`judgelab report --check-intervals`): how often naive bootstrap,
   * clustered bootstrap and sandwich 95% intervals covered the truth in simulated datasets.
   */
  readonly intervalCoverage?: IntervalCheck | undefined;
}
