import type { CalibrationSection } from "./calibration/measure-calibration.js";
import type { AgainstReferenceSection } from "./reference/measure-against-reference.js";
/**
 * The metrics document: the versioned, JSON-serialisable output of {@link analyzeJudges}.
 *
 * Conventions (schema version 1):
 * - Every figure carries its sample size `n` (the number of units the figure is computed over).
 * - A value that cannot be computed (n = 0, zero variance, …) is `null`, never 0 or NaN.
 * - A section or sub-section whose input is missing is `{ available: false, reason }` instead of zeros.
 * - Per-judge rows carry the judge id (`judge`); items are named by id (`item`).
 * - "first"/"second" always mean the position in which the judge was shown the item.
 * - Intervals are 95% unless `level` says otherwise.
 *
 * The README of this package documents every section in words; these doc comments give the formulas.
 */

/** The schema version written into every metrics document. Bump on any breaking change. */
export const METRICS_SCHEMA_VERSION = 1 as const;

/** A confidence interval. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
  /** Coverage, e.g. 0.95. */
  readonly level: number;
  /** How it was computed: `wilson` (score interval), `bootstrap` (percentile over resampled units), `exact`. */
  readonly method: "wilson" | "bootstrap" | "exact" | "normal";
}

/** A proportion `count / n`; `value` is null when n = 0. */
export interface Proportion {
  readonly count: number;
  readonly n: number;
  readonly value: number | null;
  readonly ci?: Interval;
}

/** A real-valued statistic (κ, α, a correlation, a mean, …) over n units; `value` null when undefined. */
export interface Statistic {
  readonly value: number | null;
  readonly n: number;
  readonly ci?: Interval;
}

/** A section (or part of one) that could not be computed, and why (e.g. "no pair was judged in both orders"). */
export interface Unavailable {
  readonly available: false;
  readonly reason: string;
}

/** Either the computed content (with `available: true`) or {@link Unavailable}. */
export type Section<T> = ({ readonly available: true } & T) | Unavailable;

/** One bin of a binned figure (by rating gap, reference gap, score gap, …): lower ≤ x < upper (null = ∞). */
export interface Bin<T> {
  readonly lower: number;
  readonly upper: number | null;
  readonly value: T;
}

/** The whole document. */
export interface MetricsDocument {
  readonly schemaVersion: typeof METRICS_SCHEMA_VERSION;
  readonly kind: "judgelab.metrics";
  /** Options the analysis ran with (the seed makes bootstrap figures reproducible). */
  readonly options: ResolvedAnalysisOptions;
  readonly dataset: DatasetSummary;
  readonly agreement: Section<AgreementSection>;
  readonly positionBias: Section<PositionBiasSection>;
  readonly stability: Section<StabilitySection>;
  readonly biases: Section<BiasesSection>;
  readonly coherence: Section<CoherenceSection>;
  /** Present when references (per-item scores or per-pair labels, or gold/human judges) exist. */
  readonly reference: Section<ReferenceSection>;
  /** Present when a condition field was named and has at least two values. */
  readonly conditions: Section<ConditionsSection>;
  /**
   * The seed system's view of the judges against the reference: agreement with per-pair labels (reference tie =
   * disagreement unless the judge said tie), with the order of per-item scores (pairwise and Spearman), and by
   * rating gap. Optional for documents written before it existed.
   */
  readonly againstReference?: Section<AgainstReferenceSection>;
  /**
   * Calibration of the judges' verdict confidences against gold labels (reliability diagram, ECE, Brier score).
   * Present only when some comparison has a `confidence`.
   */
  readonly calibration?: Section<CalibrationSection>;
}

/** The unit of the leaderboards: items, or groups of items by an item field. */
export type RatedUnit =
  | { readonly unit: "item" }
  | {
      readonly unit: "group";
      readonly field: string;
      readonly groups: number;
      readonly sameGroupRows: number;
      readonly ungroupedRows: number;
    };

/** Options after defaults were applied. */
export interface ResolvedAnalysisOptions {
  readonly seed: number;
  readonly bootstrapRounds: number;
  /** The condition field named by the user, or null. */
  readonly condition: string | null;
  /** Length-bias threshold in characters (AlpacaEval: 30). */
  readonly lengthThreshold: number;
  /** Number of time windows for first-position win rate over time. */
  readonly timeWindows: number;
  /** Leaderboards with more items than this are summarised, not listed. */
  readonly maxLeaderboardItems: number;
  /**
   * What the pooled leaderboard's bootstrap resamples: auto (whole matches when some match holds more than one
   * judgment), match, pair or none (comparisons one by one).
   */
  readonly cluster: "auto" | "match" | "pair" | "none";
}

/** Counts of what was analysed. A "unit" is an unordered item pair (within one prompt, when prompts exist). */
export interface DatasetSummary {
  readonly comparisons: number;
  readonly decided: number;
  readonly ties: number;
  readonly invalid: number;
  readonly items: number;
  readonly judges: readonly JudgeSummary[];
  readonly units: number;
  /** Units that at least one judge judged in both presentation orders. */
  readonly bothOrderUnits: number;
}

/** Per-judge row of the dataset summary. */
export interface JudgeSummary {
  readonly judge: string;
  readonly kind: string | null;
  readonly family: string | null;
  readonly comparisons: number;
  readonly decided: number;
  readonly ties: number;
  readonly invalid: number;
}

// ---------------------------------------------------------------------------------------------- agreement

/** Judge agreement. Labels are canonical (which item of the unit won, or tie), so order does not matter here. */
export interface AgreementSection {
  /** One row per judge pair that shares at least one unit. */
  readonly pairs: readonly JudgePairAgreement[];
  /** The same figures as square matrices for heat maps (row/column order = `judges`); null = no shared units. */
  readonly matrix: {
    readonly judges: readonly string[];
    readonly kappa: readonly (readonly (number | null)[])[];
    readonly agreementWithTies: readonly (readonly (number | null)[])[];
    readonly n: readonly (readonly number[])[];
  };
  /** All judges as raters of the units: each valid vote is one rating (a judge voting twice rates twice). */
  readonly panel: Section<PanelAgreement>;
  /** Agreement with gold labels or the human majority. */
  readonly gold: Section<GoldAgreement>;
  /** AlpacaEval-style human agreement, bias and variance. */
  readonly alpacaEval: Section<AlpacaEvalAgreement>;
}

/** Agreement between two judges on shared units. */
export interface JudgePairAgreement {
  readonly judgeA: string;
  readonly judgeB: string;
  /** Units both judged. */
  readonly units: number;
  /**
   * Unit **pair**: share of the shared units where the two judges' modal verdicts are equal (a judge whose votes on
   * a unit split evenly, e.g. order-inconsistent, has modal verdict tie). Same unit and labels as `cohenKappa`.
   */
  readonly pairAgreement: Proportion;
  /**
   * Unit **comparison** (vote pairs): MT-Bench S1, share of vote pairs (cross product per unit) with equal labels,
   * ties a label (chance 1/3). Not on the unit of `cohenKappa`; never shown beside it as one figure.
   */
  readonly agreementWithTies: Proportion;
  /** MT-Bench S2: as S1 but vote pairs with a tie on either side are dropped (chance 1/2). */
  readonly agreementWithoutTies: Proportion;
  /** Cohen's κ on per-unit modal labels (units where both judges have a valid label). */
  readonly cohenKappa: Statistic;
  /** Linear-weighted κ with labels ordered (A wins, tie, B wins). */
  readonly weightedKappa: Statistic;
}

/**
 * Multi-rater agreement over all judges. The top-level figures rate in unit **comparison**: every valid vote is
 * one rating of its pair (both orders and repetitions each count). `modal` rates in unit **pair**: each judge's
 * modal verdict is one rating, the unit of the pairwise Cohen κ, so only it is comparable with them.
 */
export interface PanelAgreement {
  readonly judges: number;
  readonly units: number;
  /** Fleiss' κ and percent agreement on each judge's modal verdict per pair (unit pair); absent in older documents. */
  readonly modal?: Section<{
    readonly units: number;
    readonly percentAgreement: Statistic;
    readonly fleissKappa: Statistic;
  }>;
  /** Mean pairwise agreement within units (Gwet's pa), units with ≥ 2 ratings. */
  readonly percentAgreement: Statistic;
  /** Fleiss' κ, Gwet's generalisation for a varying number of ratings per unit (irrCAC `fleiss.kappa.raw`). */
  readonly fleissKappa: Statistic;
  /** Krippendorff's α with labels ordered (A wins = 0, tie = 1, B wins = 2). */
  readonly krippendorffAlpha: {
    readonly nominal: Statistic;
    readonly ordinal: Statistic;
    readonly interval: Statistic;
  };
}

/** Agreement with gold labels, per judge. */
export interface GoldAgreement {
  /** Where the labels came from: `references` (per-pair labels), or `judge:<id>` / `human-majority`. */
  readonly source: string;
  /** Units that carry a gold label. */
  readonly labelledUnits?: number;
  /** Per-pair reference records that match no judged pair (same items and prompt); counted, not used. */
  readonly unmatchedReferences?: number;
  readonly perJudge: readonly GoldAgreementRow[];
}

/** One judge against the gold labels (LLMBar conventions: invalid verdicts count as wrong). */
export interface GoldAgreementRow {
  readonly judge: string;
  /** All votes on labelled, non-tie units (LLMBar `correct_average` when every unit is judged in both orders). */
  readonly accuracy: Proportion;
  /** Votes where the gold winner was shown first. */
  readonly accuracyBetterFirst: Proportion;
  /** Votes where the gold winner was shown second. */
  readonly accuracyBetterSecond: Proportion;
  /** Mean of the two per-order accuracies (LLMBar's "averaged over both orders"). */
  readonly accuracyAveraged: Statistic;
  /** Units judged in both orders where both votes are correct (LLMBar `correct_both`). */
  readonly correctBothOrders: Section<{ readonly rate: Proportion }>;
}

/** AlpacaEval's `analyze_evaluators` figures, per judge (error rates in [0, 1]). */
export interface AlpacaEvalAgreement {
  readonly humans: readonly string[];
  readonly perJudge: readonly {
    readonly judge: string;
    /** Share of the judge's labels equal to the human mode (leave-one-out when the judge is a human). */
    readonly humanAgreement: Proportion;
    /** Share of units where the judge's modal label differs from the human mode. */
    readonly bias: Proportion;
    /** Share of a judge's repeated labels that differ from the mode of its other labels (null without repeats). */
    readonly variance: Proportion;
  }[];
}

// ---------------------------------------------------------------------------------------- position bias

/** Position bias per judge. */
export interface PositionBiasSection {
  readonly perJudge: readonly PositionBiasRow[];
}

/** Position-bias figures of one judge. */
export interface PositionBiasRow {
  readonly judge: string;
  /** Share of decided comparisons (order known) won by the item shown first; Wilson CI. */
  readonly firstWinRate: Proportion;
  /**
   * Two-sided exact binomial test of firstWinRate against 0.5; null when the order is confounded with producer
   * or item (`orderDesign`), where the test would not be about position.
   */
  readonly binomialPValue: number | null;
  /** Whether the order was assigned independently of items and producers; absent in older documents. */
  readonly orderDesign?: OrderDesign;
  /** First-position win rate per equal-count time window (comparisons with a timestamp, in time order). */
  readonly overTime: Section<{ readonly windows: readonly TimeWindow[] }>;
  readonly bothOrders: Section<BothOrderFigures>;
  readonly shi: Section<ShiFigures>;
  /** BT order effect δ on the Elo scale (logit p(first wins) = r_first − r_second + δ); bootstrap CI. */
  readonly orderEffect: Section<{ readonly delta: Statistic }>;
  /** Both-order consistency by bins of |r_i − r_j| from the pooled BT leaderboard (Elo points). */
  readonly consistencyByGap: Section<{ readonly bins: readonly Bin<Proportion>[] }>;
}

/**
 * Whether a judge's presented order was assigned independently of what is compared (see
 * `detectOrderConfounding`). When `confounded`, the first-position win rate mixes position with the quality of
 * the items or producers placed first, so it is reported as a description, never as a position-bias estimate:
 * no binomial test, no order effect δ.
 */
export interface OrderDesign {
  readonly confounded: boolean;
  /** What the order follows: producers (a model always shown in one position) or items; null when not confounded. */
  readonly with: "producer" | "item" | null;
  /** Which producers or items, in words (e.g. "vicuna-13b always shown second (80 comparisons)"). */
  readonly detail: string | null;
  /** Share of the judge's comparisons (order known) that involve a producer or item always shown in one position. */
  readonly fixedShare: Proportion;
}

/** A time window of comparisons. */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
  readonly firstWinRate: Proportion;
}

/** Figures over units judged in both orders by the same judge (each (original, swapped) vote pair). */
export interface BothOrderFigures {
  /** Unit pair: vote pairs with the same winner in both orders (tie–tie counts as the same). */
  readonly consistency: Proportion;
  /**
   * The same consistency counted in Shi et al.'s unit, the answer (each order's judgment): "X out of Y answers are
   * consistent", X = 2·consistent pairs + u, Y = 2·parsed pairs + u (u = pairs with one unparsed verdict). Counts
   * only: the two answers of a pair are not independent, so the pair figure's interval is the honest one.
   * Absent in older documents.
   */
  readonly consistencyPerAnswer?: { readonly consistent: number; readonly answers: number };
  /** Picks the first position both times (MT-Bench Table 2). */
  readonly biasedFirst: Proportion;
  /** Picks the second position both times. */
  readonly biasedSecond: Proportion;
  /** 1 − consistency (Wang et al. 2023). */
  readonly conflictRate: Proportion;
  /** Cohen's κ between the canonical labels given in the two orders (LLMBar `kappa_agreement`). */
  readonly kappaBetweenOrders: Statistic;
}

/** Shi et al. 2024 position-bias figures (see docs/metrics.md). */
export interface ShiFigures {
  readonly primacy: number;
  readonly recency: number;
  readonly consistent: number;
  /** consistent / (primacy + recency + consistent), pooled over vote pairs. */
  readonly positionConsistency: Proportion;
  /** Mean over (prompt) units of PF_raw / T, in [−1, 1]: −1 always primacy, +1 always recency. */
  readonly preferenceFairness: Statistic;
  /** Mean over instances with ≥ 2 repetitions of (modal verdict count / repetitions). */
  readonly repetitionStability: Section<{ readonly value: Statistic }>;
}

// ---------------------------------------------------------------------------------------------- stability

/** Rating stability across judges, resamples and methods (Bradley–Terry on the Elo scale). */
export interface StabilitySection {
  readonly method: string;
  /**
   * What the leaderboards rank: the items, or groups of items by an item field (e.g. `producer`: the models
   * that wrote the answers), with the comparisons grouping left out (within one group, or an item without a
   * value). Absent in documents written before grouping existed (= items).
   */
  readonly rated?: RatedUnit;
  readonly pooled: Leaderboard;
  readonly perJudge: readonly { readonly judge: string; readonly leaderboard: Leaderboard }[];
  /** Rank correlations between leaderboards (pooled vs each judge, and judge vs judge). */
  readonly correlations: readonly LeaderboardCorrelation[];
  /** Pooled leaderboard without one judge vs the full pooled leaderboard. */
  readonly leaveOneJudgeOut: Section<{ readonly rows: readonly LeaderboardCorrelation[] }>;
  /** Random halves of the comparisons, rank correlation between the two half leaderboards (mean over rounds). */
  readonly splitHalf: Section<{ readonly spearman: Statistic; readonly kendall: Statistic; readonly rounds: number }>;
  /** Share of item pairs whose bootstrap CIs do not overlap (Arena-Hard). */
  readonly separability: Proportion;
  /** Rank correlation with the full leaderboard as comparisons accumulate (time order when known). */
  readonly convergence: Section<{
    readonly points: readonly ConvergencePoint[];
    /** Comparisons per item from which Spearman stays ≥ 0.95 (seed-system figure); always written (optional only for older producers). */
    readonly settledAtComparisonsPerItem?: number | null;
  }>;
  /** 3-cycles / closed triangles, per judge and for panel verdicts. */
  readonly transitivity: Transitivity;
}

/** A leaderboard with 95% intervals and rank intervals (items listed only up to `maxLeaderboardItems`). */
export interface Leaderboard {
  readonly items: number;
  readonly comparisons: number;
  /**
   * How intervals were computed: pooled boards bootstrap (resampling whole matches when they hold several
   * judgments), per-judge boards Wald (Fisher SE, or cluster-robust sandwich SE over shared matches) for speed.
   */
  readonly intervals: string;
  /** Mean width of the 95% rating intervals (Elo points). */
  readonly meanCiWidth: number | null;
  /**
   * Bootstrap boards: what each round resampled (match: whole matches; pair: whole item pairs; comparison: one by
   * one), the number of clusters and the largest cluster's comparisons.
   */
  readonly clustering?: {
    readonly by: "match" | "pair" | "comparison";
    readonly clusters: number;
    readonly largest: number;
  };
  readonly rows: Section<{ readonly rows: readonly LeaderboardRow[] }>;
}

/** One item of a leaderboard. */
export interface LeaderboardRow {
  readonly item: string;
  readonly rating: number;
  readonly lower: number;
  readonly upper: number;
  readonly rank: number;
  readonly rankLower: number;
  readonly rankUpper: number;
  /** Decided comparisons of this item. */
  readonly n: number;
}

/** Rank correlation between two leaderboards over the n items both rate. */
export interface LeaderboardCorrelation {
  readonly a: string;
  readonly b: string;
  readonly spearman: Statistic;
  readonly kendall: Statistic;
}

/** One point of the convergence curve. */
export interface ConvergencePoint {
  readonly comparisons: number;
  readonly comparisonsPerItem: number;
  readonly spearman: number | null;
}

/** Transitivity figures. */
export interface Transitivity {
  readonly perJudge: readonly { readonly judge: string; readonly cycleRate: Proportion }[];
  /** Panel majority verdict per unit (units with a strict majority). */
  readonly majority: Proportion;
  /** Units where every judge agrees. */
  readonly unanimous: Proportion;
}

// ------------------------------------------------------------------------------------------------- biases

/** Other judge biases. */
export interface BiasesSection {
  readonly length: Section<{ readonly threshold: number; readonly perJudge: readonly LengthBiasRow[] }>;
  readonly selfPreference: Section<{ readonly perJudge: readonly SelfPreferenceRow[] }>;
  /** Accuracy of each judge by the family of the model that wrote the items it read (needs gold labels). */
  readonly judgeByWriter: Section<{ readonly cells: readonly JudgeWriterCell[] }>;
  readonly leniency: Section<{ readonly perJudge: readonly LeniencyRow[] }>;
}

/** Prefers-longer rate of one judge on decided comparisons whose length difference exceeds the threshold. */
export interface LengthBiasRow {
  readonly judge: string;
  readonly prefersLonger: Proportion;
  readonly binomialPValue: number | null;
}

/**
 * Self-preference, paired (see `measureSelfPreference`): on the pair units with exactly one item of the judge's
 * family that this judge AND judges of other families judged, how often the own-family item wins under this judge
 * and under the others, and the mean paired difference.
 */
export interface SelfPreferenceRow {
  readonly judge: string;
  readonly family: string;
  /** Pair units judged by this judge and by at least one other-family judge, with one own-family item. */
  readonly pairedUnits: number;
  /** Mean over the paired units of this judge's share of votes won by the own-family item. */
  readonly ownFamilyWinRate: Statistic;
  /** The same units' mean share under the other-family judges (each judge weighted equally within a unit). */
  readonly otherJudgesWinRate: Statistic;
  /** Mean paired difference own − others with a normal 95% CI over units; null value when not estimable. */
  readonly difference: Statistic;
  /** Why the difference is not estimable (no shared units with another family's judges); absent when it is. */
  readonly notEstimable?: string;
}

/** One judge × writer-family cell. */
export interface JudgeWriterCell {
  readonly judge: string;
  readonly writerFamily: string;
  readonly accuracy: Proportion;
}

/** Pointwise score distribution of one rater. */
export interface LeniencyRow {
  readonly judge: string;
  readonly mean: Statistic;
  readonly sd: number | null;
  readonly histogram: readonly { readonly score: number; readonly count: number }[];
  /**
   * Mean over the items every assessing judge scored (each item's mean score from this judge), so raters are
   * compared on the same items; unavailable with a single rater or no shared item.
   */
  readonly meanOnSharedItems?: Section<{ readonly mean: Statistic }>;
}

// ---------------------------------------------------------------------------------------------- coherence

/** Pointwise vs pairwise coherence. */
export interface CoherenceSection {
  readonly perJudge: readonly CoherenceRow[];
  /** Seed-system gap = tournament percentile − pointwise percentile, per item (pooled BT vs mean score). */
  readonly percentileGap: Section<{
    readonly meanAbsoluteGap: Statistic;
    readonly items: readonly { readonly item: string; readonly gap: number }[];
  }>;
}

/** One assessing judge. */
export interface CoherenceRow {
  readonly judge: string;
  /** Kendall τ-b and Spearman ρ between the judge's scores (mean per item) and the pooled BT rating. */
  readonly withRating: Section<{ readonly kendall: Statistic; readonly spearman: Statistic }>;
  /** Share of its pairwise picks (non-tie, different scores) that agree with its own score order, by |score gap|. */
  readonly scoreGapPredictsPick: Section<{ readonly overall: Proportion; readonly bins: readonly Bin<Proportion>[] }>;
}

// ---------------------------------------------------------------------------------------------- reference

/** Judges and rankings against a reference. */
export interface ReferenceSection {
  readonly name: string;
  /** Per judge accuracy on units the reference decides (item scores: higher score wins). */
  readonly perJudge: readonly {
    readonly judge: string;
    readonly accuracy: Proportion;
    readonly byGap: readonly Bin<Proportion>[];
  }[];
  /** Pooled BT rating vs reference scores. */
  readonly ranking: Section<{
    readonly spearman: Statistic;
    readonly kendall: Statistic;
    readonly topOverlap: readonly OverlapRow[];
    readonly bottomOverlap: readonly OverlapRow[];
    readonly agreementWithConfidence: Statistic;
    readonly pairRankBrier: Statistic;
  }>;
  /**
   * Panel-majority 3-cycles / closed triangles by difficulty: a triangle's difficulty is the smallest
   * reference-score gap among its three items (quartile bins). Needs per-item reference scores.
   */
  readonly transitivityByGap?: Section<{ readonly bins: readonly Bin<Proportion>[] }>;
  /** Round robin (pooled BT order) vs panel majority vs each single judge on the same units. */
  readonly panelVsSingle: readonly { readonly who: string; readonly accuracy: Proportion }[];
}

/** Observed top/bottom-k% overlap with its expectation under a bivariate normal at the observed ρ. */
export interface OverlapRow {
  readonly fraction: number;
  readonly k: number;
  readonly observed: Proportion;
  readonly expected: number | null;
}

// -------------------------------------------------------------------------------------------- conditions

/** Experiments: the same units judged under several conditions. */
export interface ConditionsSection {
  readonly field: string;
  readonly perCondition: readonly {
    readonly condition: string;
    readonly comparisons: number;
    readonly accuracy: Section<{ readonly rate: Proportion }>;
    readonly cycleRate: Proportion;
    readonly agreementWithConsensus: Proportion;
    /** Control arm: repeated identical judgments within this condition (modal share). */
    readonly repetitionStability: Section<{ readonly value: Statistic }>;
  }[];
  /** Condition pairs: McNemar's exact test on paired correctness, and flip rates on shared (unit, order, judge). */
  readonly pairs: readonly {
    readonly a: string;
    readonly b: string;
    readonly flipRate: Proportion;
    readonly mcnemar: Section<{
      readonly onlyACorrect: number;
      readonly onlyBCorrect: number;
      readonly pValue: number;
    }>;
  }[];
}
