/**
 * The documented, stable result of {@link rateItems} and of `judgelab rate --json` (one report per group with
 * `--by judge`). All ratings are "higher is better". Fields that a method does not produce are omitted, never
 * null-filled with invented values; intervals that cannot be computed (no bootstrap) are null.
 */
export interface RatingReport {
  /** elo | bt | trueskill | glicko2 | openskill | winrate. */
  readonly method: RatingMethod;
  /** Seed of the bootstrap generator (xoshiro128**), recorded even when no bootstrap ran. */
  readonly seed: number;
  /** Bootstrap rounds actually run (0 = none). */
  readonly bootstrapRounds: number;
  /** comparison: each row counts; match: rows sharing a matchId scored as one match by majority. */
  readonly unit: "comparison" | "match";
  /** Valid outcomes rated (rows, or matches with --unit match), after dropping invalid verdicts. */
  readonly comparisons: number;
  /** Invalid verdicts left out. */
  readonly invalid: number;
  /** Items sorted by rank (best first), unrated items (no comparisons) last. */
  readonly items: readonly RatedItem[];
  /** The method's settings as used (scale, K, ties, TrueSkill environment, …). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Bradley–Terry with an order term: δ on the log-odds scale (> 0 favours the first position). */
  readonly orderEffect?: EstimateWithInterval & { readonly elo: number };
  /** Bradley–Terry with Davidson ties: ν; with Rao–Kupper ties: κ = e^τ ≥ 1 (see `parameters.ties`). */
  readonly tieParameter?: EstimateWithInterval;
  /** Style control (`control`): the covariates' coefficients with intervals; items carry the rank shifts. */
  readonly control?: StyleControlSummary;
  /**
   * Judge-aware Bradley–Terry: discrimination γ per judge (mean 1); with an order effect also each judge's
   * position effect δ_k (log-odds for the first position) with its interval: ratings corrected for judge bias.
   */
  readonly judges?: readonly {
    readonly id: string;
    readonly discrimination: number;
    readonly standardError: number;
    readonly positionEffect?: EstimateWithInterval;
  }[];
  /**
   * bt: the L2 prior λ on log-strengths as used: `given` by the caller, the `default` (`DEFAULT_PRIOR`)
   * because the MLE does not exist (`reason` says why), or `none` (the plain MLE).
   */
  readonly prior?: { readonly value: number; readonly source: "given" | "default" | "none"; readonly reason?: string };
  /** False when the fit did not converge or the MLE is infinite (use a prior). */
  readonly converged?: boolean;
  /** Bootstrap rounds whose refit did not converge. */
  readonly nonConvergedRounds?: number;
  /**
   * winrate: the baselines when the data are "items vs a baseline" (every comparison involves one of them, as in
   * AlpacaEval); a baseline's own row is its record against all the others, where a leaderboard lists it at 50%.
   */
  readonly baselines?: readonly string[];
  /** Problems with the data for this method, in words (e.g. disconnected groups of items, infinite ratings). */
  readonly warnings?: readonly string[];
  /** How `ciLower/ciUpper` and the rank intervals were computed, in words. */
  readonly intervals: string;
  /** bt: the interval method (`--intervals`; "wald" with --bootstrap 0). */
  readonly intervalMethod?: "bootstrap" | "sandwich" | "wald";
  /** bt with bootstrap or sandwich intervals: what was resampled or clustered over, and the design effect. */
  readonly clustering?: ClusteringReport;
}

/** The clustering behind a report's intervals (`--cluster`). */
export interface ClusteringReport {
  /** match (matchId), pair (unordered item pair) or comparison (no clustering: each comparison alone). */
  readonly by: "match" | "pair" | "comparison";
  /** Number of clusters (comparisons when `by` is comparison). */
  readonly clusters: number;
  /** Comparisons in the largest cluster. */
  readonly largest: number;
  /**
   * Mean interval width with this clustering divided by the naive one (comparisons alone): how much wider
   * honest intervals are. Null when nothing is clustered, and for the judge-aware model (not measured there).
   */
  readonly designEffect: number | null;
  /** How the design effect was measured, in words. */
  readonly designEffectMeasuredBy?: string;
}

/** The style-control part of a {@link RatingReport}. */
export interface StyleControlSummary {
  /** One entry per covariate: γ (log-odds per unit of the normalised difference) with its interval. */
  readonly covariates: readonly (EstimateWithInterval & {
    readonly name: string;
    /** "ratio": (a − b)/(a + b + 1) of counts; "difference": a − b of a numeric field. */
    readonly kind: "ratio" | "difference";
    /** Root mean square of the raw differences: the normalised covariate is the difference divided by it. */
    readonly scale: number;
  })[];
  /** Ridge penalty on the coefficients (0 = none). */
  readonly ridge: number;
  /** The model in words. */
  readonly model: string;
  /** How the coefficients' intervals were computed. */
  readonly intervals: string;
}

export type RatingMethod = "elo" | "bt" | "trueskill" | "glicko2" | "openskill" | "winrate";

/** A point estimate with its standard error and interval (null when not computed). */
export interface EstimateWithInterval {
  readonly value: number;
  readonly standardError: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
}

/** One item of a {@link RatingReport}. Numbers are JSON numbers; NaN never appears (null instead). */
export interface RatedItem {
  readonly id: string;
  /** The method's rating: Elo scale (elo, bt), seed score (trueskill), Glicko rating, OpenSkill ordinal, win rate. */
  readonly rating: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  /** Standard error where the method has one (bt: Fisher information; glicko2: RD). */
  readonly standardError?: number | null;
  /** Competition rank of `rating` (1 = best). */
  readonly rank: number | null;
  /** Rank interval from the bootstrap ranks (2.5th/97.5th percentiles); null without bootstrap. */
  readonly rankLower: number | null;
  readonly rankUpper: number | null;
  /** Chatbot Arena's rank: 1 + #{b : ciLower(b) > ciUpper(a)}. */
  readonly rankByInterval: number | null;
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
  readonly comparisons: number;
  /** wins / (wins + losses), ties excluded; null without decided comparisons. */
  readonly winRate: number | null;
  /** 95% Wilson interval of the win rate. */
  readonly winRateLower: number;
  readonly winRateUpper: number;
  /** TrueSkill and OpenSkill: posterior mean and standard deviation. */
  readonly mu?: number;
  readonly sigma?: number;
  /** TrueSkill: the seed system's "score±interval", e.g. "1565±40". */
  readonly display?: string;
  /** TrueSkill: "#52 of 2292" within the item's category, null without a category. */
  readonly categoryRank?: string | null;
  /**
   * Style control, or judge-aware with position effects: the rating and rank of the same data without the
   * controls (plain Bradley–Terry), and the rank shift (uncontrolled rank − this rank: > 0 means the item moves
   * up once style or judge bias is controlled).
   */
  readonly uncontrolledRating?: number | null;
  readonly uncontrolledRank?: number | null;
  readonly rankShift?: number | null;
  /** Glicko-2: volatility σ. */
  readonly volatility?: number;
}
