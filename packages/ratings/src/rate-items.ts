import { type AggregatedComparisons, isAggregatedComparisons } from "./aggregated-comparisons.js";
import type { ClusterOption } from "./cluster-comparisons.js";
import type { Glicko2Options } from "./compute-glicko2.js";
import { computeWinRates, computeWinRatesFromCells } from "./compute-win-rates.js";
import { ARENA_ELO_SCALE, type EloScale, type RatingAnchor } from "./elo-scale.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { rankByConfidenceInterval, rankByScore } from "./rank-items.js";
import { rateCovariateBradleyTerry, type StyleControl } from "./rate-covariate-bradley-terry.js";
import { type MethodResult, rateBradleyTerry, rateElo, rateJudgeAware } from "./rate-methods.js";
import { rateGlicko2, rateOpenSkill, rateTrueSkill, rateWinRate } from "./rate-online-methods.js";
import { rateHalfTieWinRate } from "./rate-win-rate.js";
import type { RatedItem, RatingMethod, RatingReport } from "./rating-report.js";
import { RatingsError } from "./ratings-error.js";
import { scoreMatches } from "./score-matches.js";
import type { TrueSkillEnvironment } from "./update-true-skill.js";

/** Options of {@link rateItems}. */
export interface RateItemsOptions {
  readonly method: RatingMethod;
  /** Bootstrap rounds (default 1000; 0 = none). */
  readonly bootstrapRounds?: number;
  readonly seed?: number;
  /** "match" scores rows sharing a match code as one match ({@link scoreMatches}); default "comparison". */
  readonly unit?: "comparison" | "match";
  /** bt and elo: pin one item's rating. */
  readonly anchor?: RatingAnchor;
  /**
   * bt: "half" (default), "davidson" or "rao-kupper". winrate: "excluded" (default: wins/(wins + losses), Wilson
   * interval) or "half" (ties half a win and continuous preferences used, AlpacaEval's win rate with its standard
   * error).
   */
  readonly ties?: "half" | "davidson" | "rao-kupper" | "excluded";
  /**
   * bt: style control (Chatbot Arena): the two sides' features per row of `outcomes`, normalised to differences
   * and fitted as covariates ({@link rateCovariateBradleyTerry}); half or Rao–Kupper ties.
   */
  readonly control?: StyleControl;
  /** bt: add the order (position) effect δ; with `judgeAware`, one position effect δ_k per judge. */
  readonly orderEffect?: boolean;
  /** bt: the judge-aware model (needs outcomes.judge). */
  readonly judgeAware?: boolean;
  /**
   * bt: "bootstrap" (default: percentile intervals over resampled clusters) or "sandwich" (cluster-robust Wald
   * intervals, rank intervals from normal draws; half ties, not judge-aware).
   */
  readonly intervals?: "bootstrap" | "sandwich";
  /**
   * bt: what the intervals resample or cluster over ({@link ClusterOption}); default "auto" (whole matches when
   * some match holds more than one judgment, else comparisons).
   */
  readonly cluster?: ClusterOption;
  /**
   * bt: L2 prior λ on log-strengths. Default: none when the maximum-likelihood estimate exists, else
   * `DEFAULT_PRIOR` (the report's `prior` says which and why); 0 refuses any prior.
   */
  readonly prior?: number;
  /**
   * bt: logprob-weighted preferences (AlpacaEval's weighted annotators): a comparison with a continuous
   * `preference` p counts as fractional outcomes, 1 − p a win of the first-shown item and p of the second, instead
   * of its verdict; intervals resample comparisons (or clusters) with their fractions. winrate with half ties
   * uses preferences anyway. Half or Davidson ties, also judge-aware; not with style control or sandwich intervals.
   */
  readonly weighted?: boolean;
  /** elo and bt: the Elo scale; default Arena's 400/10/1000. */
  readonly scale?: EloScale;
  /** elo: K; default 4. */
  readonly k?: number;
  readonly trueSkill?: Partial<TrueSkillEnvironment>;
  readonly glicko2?: Glicko2Options;
  /** trueskill: primary category per item code, for "#rank of n" within the category. */
  readonly categories?: readonly (string | undefined)[];
  /** trueskill: tie-break key per item code for the category ranks (see `rankWithinCategory`). */
  readonly tiebreak?: readonly (string | undefined)[];
}

/**
 * Rates the items of `outcomes` with one method and assembles the documented {@link RatingReport}: rating,
 * interval, rank and rank interval, Arena's rank-by-interval, and the win/loss record of every item.
 * Option combinations that a method does not support throw a {@link RatingsError} saying which method supports them.
 * Aggregated input ({@link AggregatedComparisons}) is rated by {@link rateAggregatedComparisons}.
 */
export function rateItems(input: PairwiseOutcomes | AggregatedComparisons, options: RateItemsOptions): RatingReport {
  if (isAggregatedComparisons(input)) return rateAggregatedComparisons(input, options);
  checkOptions(options);
  const unit = options.unit ?? "comparison";
  const outcomes = unit === "match" ? scoreMatches(input) : input;
  const rounds = options.bootstrapRounds ?? 1000;
  if (!(Number.isInteger(rounds) && rounds >= 0))
    throw new RatingsError("invalid-option", `bootstrapRounds must be a whole number ≥ 0, got ${rounds}`);
  const seed = options.seed ?? 0;
  const settings = { rounds, seed, anchor: options.anchor, scale: options.scale ?? ARENA_ELO_SCALE };
  const record = computeWinRates(outcomes);
  let invalid = 0;
  for (let row = 0; row < outcomes.size; row++) if (outcomes.verdict[row]! > 2) invalid++;
  const result =
    options.weighted === true
      ? runWeighted(outcomes, options, settings, record)
      : runMethod(outcomes, options, settings, record);
  const comparisons = outcomes.size - invalid;
  return assembleReport({
    itemIds: outcomes.itemIds,
    options,
    unit,
    rounds,
    seed,
    comparisons,
    invalid,
    record,
    result,
  });
}

/**
 * Rates comparisons already aggregated into cells (e.g. by SQL over a file larger than memory): plain
 * Bradley–Terry only (half or Davidson ties, order effect, prior, anchor, bootstrap or sandwich intervals over
 * the given clusters), the methods that depend on the data through the cell counts alone. The report equals
 * {@link rateItems} on the rows the cells came from when the cells and clusters are in the same order.
 * Online methods (Elo, TrueSkill, Glicko-2, OpenSkill), win rates with their row bootstrap, matches as units,
 * style control, Rao–Kupper ties and the judge-aware model need rows or other cells and throw a
 * {@link RatingsError} ("unsupported-option").
 */
export function rateAggregatedComparisons(input: AggregatedComparisons, options: RateItemsOptions): RatingReport {
  checkOptions(options);
  const needsRows = featureNeedingRows(options);
  if (needsRows !== undefined)
    throw new RatingsError(
      "unsupported-option",
      `${needsRows} needs the comparison rows; aggregated cells support plain Bradley–Terry (half or davidson ties) only`,
    );
  const orderEffect = options.orderEffect === true;
  const { cells } = input;
  for (let c = 0; c < cells.size; c++) {
    if (cells.positional[c] === 1 && !orderEffect)
      throw new RangeError("rateAggregatedComparisons: positional cells without the order effect; pool the cells");
  }
  const rounds = options.bootstrapRounds ?? 1000;
  if (!(Number.isInteger(rounds) && rounds >= 0))
    throw new RatingsError("invalid-option", `bootstrapRounds must be a whole number ≥ 0, got ${rounds}`);
  const seed = options.seed ?? 0;
  const settings = { rounds, seed, anchor: options.anchor, scale: options.scale ?? ARENA_ELO_SCALE };
  const record = computeWinRatesFromCells(cells);
  const result = rateBradleyTerry(input, {
    ...settings,
    ties: options.ties === "davidson" ? "davidson" : "half",
    orderEffect,
    prior: options.prior,
    intervals: options.intervals ?? "bootstrap",
    cluster: options.cluster ?? "auto",
  });
  let comparisons = 0;
  for (let c = 0; c < cells.size; c++) comparisons += cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
  return assembleReport({
    itemIds: cells.itemIds,
    options,
    unit: "comparison",
    rounds,
    seed,
    comparisons,
    invalid: input.invalid,
    record,
    result,
  });
}

/** {@link runMethod} on fractional outcomes from the preferences, saying how many comparisons had one. */
function runWeighted(
  outcomes: PairwiseOutcomes,
  options: RateItemsOptions,
  settings: Parameters<typeof runMethod>[2],
  record: ReturnType<typeof computeWinRates>,
): MethodResult {
  let soft = 0;
  for (let row = 0; row < outcomes.size; row++) {
    if (outcomes.verdict[row]! < 3 && Number.isFinite(outcomes.preference?.[row] ?? Number.NaN)) soft++;
  }
  const result = runMethod({ ...outcomes, softOutcomes: true }, options, settings, record);
  return {
    ...result,
    parameters: {
      ...result.parameters,
      preference:
        soft > 0
          ? `weighted: ${soft} comparisons with a continuous preference count as fractional outcomes`
          : "weighted, but no comparison has a continuous preference: verdicts only",
    },
  };
}

function runMethod(
  outcomes: PairwiseOutcomes,
  options: RateItemsOptions,
  settings: { rounds: number; seed: number; anchor: RatingAnchor | undefined; scale: EloScale },
  record: ReturnType<typeof computeWinRates>,
): MethodResult {
  switch (options.method) {
    case "bt":
      if (options.judgeAware === true) {
        return rateJudgeAware(outcomes, {
          ...settings,
          prior: options.prior ?? 0,
          cluster: options.cluster ?? "auto",
          orderEffects: options.orderEffect === true,
        });
      }
      if (options.control !== undefined || options.ties === "rao-kupper") {
        return rateCovariateBradleyTerry(outcomes, {
          ...settings,
          ties: options.ties === "rao-kupper" ? "rao-kupper" : "half",
          orderEffect: options.orderEffect === true,
          prior: options.prior ?? 0,
          control: options.control,
          cluster: options.cluster ?? "auto",
        });
      }
      return rateBradleyTerry(outcomes, {
        ...settings,
        ties: options.ties === "davidson" ? "davidson" : "half",
        orderEffect: options.orderEffect === true,
        prior: options.prior,
        intervals: options.intervals ?? "bootstrap",
        cluster: options.cluster ?? "auto",
      });
    case "elo":
      return rateElo(outcomes, { ...settings, k: options.k ?? 4 });
    case "trueskill":
      return rateTrueSkill(outcomes, {
        ...settings,
        ...(options.trueSkill === undefined ? {} : { environment: options.trueSkill }),
        ...(options.categories === undefined ? {} : { categories: options.categories }),
        ...(options.tiebreak === undefined ? {} : { tiebreak: options.tiebreak }),
      });
    case "glicko2":
      return rateGlicko2(outcomes, {
        ...settings,
        ...(options.glicko2 === undefined ? {} : { glicko2: options.glicko2 }),
      });
    case "openskill":
      return rateOpenSkill(outcomes, settings);
    case "winrate":
      return options.ties === "half" ? rateHalfTieWinRate(outcomes, settings) : rateWinRate(outcomes, settings, record);
  }
}

function checkOptions(options: RateItemsOptions): void {
  const btOnly: [string, boolean][] = [
    ["orderEffect", options.orderEffect === true],
    ["judgeAware", options.judgeAware === true],
    ["prior", options.prior !== undefined],
    ["intervals", options.intervals !== undefined],
    ["cluster", options.cluster !== undefined && options.cluster !== "auto"],
    ["control", options.control !== undefined],
  ];
  for (const [name, used] of btOnly) {
    if (used && options.method !== "bt")
      throw new RatingsError("unsupported-option", `${name} applies to method "bt" only, not "${options.method}"`);
  }
  if (options.ties !== undefined) {
    const allowed =
      options.method === "bt"
        ? ["half", "davidson", "rao-kupper"]
        : options.method === "winrate"
          ? ["half", "excluded"]
          : [];
    if (allowed.length === 0)
      throw new RatingsError(
        "unsupported-option",
        `ties applies to methods "bt" and "winrate" only, not "${options.method}"`,
      );
    if (!allowed.includes(options.ties))
      throw new RatingsError(
        "unsupported-option",
        `ties "${options.ties}" does not apply to "${options.method}"; use ${allowed.join(" or ")}`,
      );
  }
  if (options.anchor !== undefined && options.method !== "bt" && options.method !== "elo") {
    throw new RatingsError(
      "unsupported-option",
      `an anchor applies to methods "bt" and "elo" only, not "${options.method}"`,
    );
  }
  if (
    options.intervals === "sandwich" &&
    (options.judgeAware === true ||
      options.ties === "davidson" ||
      options.ties === "rao-kupper" ||
      options.control !== undefined)
  ) {
    throw new RatingsError(
      "unsupported-option",
      "sandwich intervals support plain bt with half ties (no judge-aware fit, style control or davidson/rao-kupper ties); use bootstrap intervals",
    );
  }
  if (
    options.judgeAware === true &&
    (options.ties === "davidson" || options.ties === "rao-kupper" || options.control !== undefined)
  ) {
    throw new RatingsError("unsupported-option", "the judge-aware model supports half ties without style control only");
  }
  if (options.control !== undefined && options.ties === "davidson") {
    throw new RatingsError("unsupported-option", 'style control supports ties "half" and "rao-kupper", not "davidson"');
  }
  if (
    options.weighted === true &&
    (options.method !== "bt" ||
      options.control !== undefined ||
      options.ties === "rao-kupper" ||
      options.intervals === "sandwich" ||
      options.unit === "match")
  ) {
    throw new RatingsError(
      "unsupported-option",
      "weighted preferences apply to bt with half or davidson ties and bootstrap intervals, one row per comparison (no style control, rao-kupper ties or --unit match); winrate with half ties uses preferences already",
    );
  }
  if (options.control !== undefined && options.unit === "match") {
    throw new RatingsError(
      "unsupported-option",
      "style control needs one row per comparison (the sides' features are per comparison); drop --unit match",
    );
  }
}

const finite = (value: number | undefined): number | null =>
  value === undefined || Number.isNaN(value) ? null : value;

/**
 * What in `options` needs the comparison rows rather than aggregated cells ({@link rateAggregatedComparisons}),
 * in words (e.g. `method "elo"`), or undefined when cells suffice.
 */
export function featureNeedingRows(options: RateItemsOptions): string | undefined {
  if (options.method !== "bt") return `method "${options.method}"`;
  if (options.judgeAware === true) return "the judge-aware model";
  if (options.control !== undefined) return "style control";
  if (options.ties === "rao-kupper") return 'ties "rao-kupper"';
  if (options.unit === "match") return 'unit "match"';
  if (options.weighted === true) return "weighted preferences";
  return undefined;
}

function assembleReport(parts: {
  itemIds: readonly string[];
  options: RateItemsOptions;
  unit: "comparison" | "match";
  rounds: number;
  seed: number;
  comparisons: number;
  invalid: number;
  record: ReturnType<typeof computeWinRates>;
  result: MethodResult;
}): RatingReport {
  const { itemIds, result, record } = parts;
  const rank = rankByScore(result.rating);
  const byInterval =
    result.lower === null || result.upper === null
      ? null
      : rankByConfidenceInterval({ lower: result.lower, upper: result.upper });
  const items: RatedItem[] = itemIds.map((id, code) => ({
    id,
    rating: finite(result.rating[code]),
    ciLower: finite(result.lower?.[code]),
    ciUpper: finite(result.upper?.[code]),
    ...(result.standardError === undefined ? {} : { standardError: finite(result.standardError[code]) }),
    rank: finite(rank[code]),
    rankLower: finite(result.bootstrap?.rankLower[code]),
    rankUpper: finite(result.bootstrap?.rankUpper[code]),
    rankByInterval: finite(byInterval?.[code]),
    wins: record.wins[code]!,
    losses: record.losses[code]!,
    ties: record.ties[code]!,
    comparisons: record.comparisons[code]!,
    winRate: finite(record.winRate[code]),
    winRateLower: record.lower[code]!,
    winRateUpper: record.upper[code]!,
    ...result.itemFields?.(code),
  }));
  items.sort(
    (a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.id.localeCompare(b.id),
  );
  return {
    method: parts.options.method,
    seed: parts.seed,
    bootstrapRounds: result.bootstrap === undefined ? 0 : parts.rounds,
    unit: parts.unit,
    comparisons: parts.comparisons,
    invalid: parts.invalid,
    items,
    parameters: result.parameters,
    ...result.reportFields,
    intervals: result.intervals,
  };
}
