import type { AggregatedComparisons } from "@judgelab/ratings";
import type {
  JudgeSummary,
  Leaderboard,
  LeaderboardCorrelation,
  Proportion,
  Section,
  StabilitySection,
} from "../metrics-document.js";

/**
 * What {@link analyzeJudgeTables} reads: per-judge verdict counts and Bradley–Terry cells, aggregated outside
 * (e.g. in SQL by the DuckDB engine) so that no row reaches JavaScript. Arrays are indexed by judge code.
 */
export interface JudgeTablesInput {
  readonly itemIds: readonly string[];
  readonly judgeIds: readonly string[];
  /** llm | human | gold | simulated per judge code, when known. */
  readonly judgeKinds?: readonly (string | undefined)[];
  readonly counts: {
    readonly comparisons: ArrayLike<number>;
    readonly firstWins: ArrayLike<number>;
    readonly secondWins: ArrayLike<number>;
    readonly ties: ArrayLike<number>;
    readonly invalid: ArrayLike<number>;
    /** Comparisons with a known presentation order won by the item shown first. */
    readonly knownFirstWins: ArrayLike<number>;
    /** Decided comparisons with a known presentation order. */
    readonly knownDecided: ArrayLike<number>;
  };
  /**
   * The valid comparisons of every judge that is not a label source ({@link labelJudgeCodes}), pooled: cells in
   * first-appearance order, pooled over presentation order, with the clusters of `options.cluster`.
   */
  readonly pooled: AggregatedComparisons;
  /** Per judge code: the judge's valid comparisons as cells with their clusters, or null (label or no comparisons). */
  readonly perJudge: readonly (AggregatedComparisons | null)[];
  readonly options: JudgeTablesOptions;
}

/** Options of {@link analyzeJudgeTables}. */
export interface JudgeTablesOptions {
  readonly seed: number;
  readonly bootstrapRounds: number;
  /** What the pooled board's bootstrap resampled (as the metrics document's option). */
  readonly cluster: "auto" | "match" | "pair" | "none";
  /** Leaderboards with more items are summarised only. */
  readonly maxLeaderboardItems: number;
}

/**
 * The judge analytics that aggregated tables support (kind "judgelab.judge-tables", schema version 1): the
 * metrics document's figures computed from counts, with the same names and values as there, and the list of
 * sections it does not compute because they need the comparison rows, each with the reason.
 */
export interface JudgeTablesDocument {
  readonly schemaVersion: 1;
  readonly kind: "judgelab.judge-tables";
  /** What aggregated the rows (e.g. "duckdb"). */
  readonly engine: string;
  readonly options: JudgeTablesOptions;
  readonly dataset: {
    readonly comparisons: number;
    readonly decided: number;
    readonly ties: number;
    readonly invalid: number;
    readonly items: number;
    readonly judges: readonly Omit<JudgeSummary, "family">[];
  };
  readonly positionBias: {
    readonly perJudge: readonly {
      readonly judge: string;
      /** As the metrics document's positionBias.perJudge[].firstWinRate. */
      readonly firstWinRate: Proportion;
      readonly binomialPValue: number | null;
    }[];
  };
  readonly stability: Section<
    Pick<StabilitySection, "method"> & {
      readonly pooled: Leaderboard;
      readonly perJudge: readonly { readonly judge: string; readonly leaderboard: Leaderboard }[];
      readonly correlations: readonly LeaderboardCorrelation[];
      readonly separability: Proportion;
    }
  >;
  /** Figures of the metrics document this document holds (paths as there). */
  readonly computed: readonly string[];
  /** Sections of the metrics document not computed here, and why. */
  readonly skipped: readonly { readonly section: string; readonly reason: string }[];
}
