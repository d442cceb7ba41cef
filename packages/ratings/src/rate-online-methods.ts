import { computeGlicko2, type Glicko2Options } from "./compute-glicko2.js";
import { computeOpenSkill } from "./compute-open-skill.js";
import { computeTrueSkill } from "./compute-true-skill.js";
import type { WinRates } from "./compute-win-rates.js";
import { computeWinRates } from "./compute-win-rates.js";
import { formatSeedScore, rankWithinCategory } from "./format-seed-score.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import type { MethodResult, MethodSettings } from "./rate-methods.js";
import { describeBaselines } from "./rate-win-rate.js";
import type { TrueSkillEnvironment } from "./update-true-skill.js";
import { withRowBootstrap } from "./with-row-bootstrap.js";

const Z95 = 1.959963984540054;

/** The seed system's TrueSkill score (μ − 3σ)·10 + 1200 per item, unrounded. */
function seedScores(mu: Float64Array, sigma: Float64Array): Float64Array {
  return mu.map((value, i) => (value - 3 * sigma[i]!) * 10 + 1200);
}

/** TrueSkill in chronological order with the seed system's display and category ranks. */
export function rateTrueSkill(
  outcomes: PairwiseOutcomes,
  settings: MethodSettings & {
    environment?: Partial<TrueSkillEnvironment>;
    categories?: readonly (string | undefined)[];
    tiebreak?: readonly (string | undefined)[];
  },
): MethodResult {
  const result = computeTrueSkill(
    outcomes,
    settings.environment === undefined ? {} : { environment: settings.environment },
  );
  const rating = seedScores(result.mu, result.sigma);
  const categories =
    settings.categories === undefined
      ? null
      : rankWithinCategory({ scores: rating, categories: settings.categories, tiebreak: settings.tiebreak });
  const itemFields = (code: number) => ({
    mu: result.mu[code]!,
    sigma: result.sigma[code]!,
    display: formatSeedScore(result.mu[code]!, result.sigma[code]!).display,
    categoryRank: categories?.[code]?.display ?? null,
  });
  const parameters = {
    ...result.environment,
    score: "round((μ − 3σ)·10 + 1200) ± round(2σ·10)",
    order: "chronological",
  };
  if (settings.rounds === 0) {
    return {
      rating,
      lower: rating.map((value, i) => value - 20 * result.sigma[i]!),
      upper: rating.map((value, i) => value + 20 * result.sigma[i]!),
      parameters,
      itemFields,
      intervals: "the seed system's score ± 2σ·10 (drawn around the conservative score); no rank intervals",
    };
  }
  const environment = result.environment;
  return withRowBootstrap(outcomes, settings, { rating, parameters, itemFields }, (sample) => {
    const replay = computeTrueSkill(sample, { environment });
    return seedScores(replay.mu, replay.sigma);
  });
}

/** Glicko-2 over rating periods; rating ± 1.96·RD without bootstrap. */
export function rateGlicko2(
  outcomes: PairwiseOutcomes,
  settings: MethodSettings & { glicko2?: Glicko2Options },
): MethodResult {
  const options = settings.glicko2 ?? {};
  const result = computeGlicko2(outcomes, options);
  const parameters = {
    ...options.settings,
    periods: result.periods,
    comparisonsPerPeriod: options.comparisonsPerPeriod ?? 5 * outcomes.itemIds.length,
  };
  const itemFields = (code: number) => ({ volatility: result.volatility[code]! });
  if (settings.rounds === 0) {
    return {
      rating: result.rating,
      lower: result.rating.map((value, i) => value - Z95 * result.deviation[i]!),
      upper: result.rating.map((value, i) => value + Z95 * result.deviation[i]!),
      standardError: result.deviation,
      parameters,
      itemFields,
      intervals: "rating ± 1.96·RD; no rank intervals",
    };
  }
  return withRowBootstrap(
    outcomes,
    settings,
    { rating: result.rating, standardError: result.deviation, parameters, itemFields },
    (sample) => computeGlicko2(sample, options).rating,
  );
}

/** Weng–Lin (openskill, Plackett–Luce); rating = ordinal μ − 3σ. */
export function rateOpenSkill(outcomes: PairwiseOutcomes, settings: MethodSettings): MethodResult {
  const result = computeOpenSkill(outcomes);
  const parameters = {
    package: "openskill 5.0.1",
    model: "plackettLuce",
    mu: 25,
    sigma: 25 / 3,
    rating: "ordinal μ − 3σ",
  };
  const itemFields = (code: number) => ({ mu: result.mu[code]!, sigma: result.sigma[code]! });
  if (settings.rounds === 0) {
    return {
      rating: result.ordinal,
      lower: null,
      upper: null,
      parameters,
      itemFields,
      intervals: "none (the ordinal is itself a conservative bound; use --bootstrap)",
    };
  }
  return withRowBootstrap(
    outcomes,
    settings,
    { rating: result.ordinal, parameters, itemFields },
    (sample) => computeOpenSkill(sample).ordinal,
  );
}

/** Win rate with Wilson intervals; the bootstrap only adds rank intervals. */
export function rateWinRate(outcomes: PairwiseOutcomes, settings: MethodSettings, record: WinRates): MethodResult {
  const parameters = { interval: "Wilson 95%", ties: "excluded from the denominator" };
  const warnings = describeBaselines(outcomes);
  // Items without decided comparisons have no win rate, so no interval either (the record keeps Wilson's [0, 1]).
  const undecided = (i: number) => Number.isNaN(record.winRate[i]!);
  const lower = record.lower.map((value, i) => (undecided(i) ? Number.NaN : value));
  const upper = record.upper.map((value, i) => (undecided(i) ? Number.NaN : value));
  const base = { rating: record.winRate, lower, upper, parameters, ...warnings };
  if (settings.rounds === 0) return { ...base, intervals: "95% Wilson intervals; no rank intervals" };
  return withRowBootstrap(
    outcomes,
    settings,
    base,
    (sample) => computeWinRates(sample).winRate,
    `95% Wilson intervals; rank intervals over ${settings.rounds} row-bootstrap rounds`,
  );
}
