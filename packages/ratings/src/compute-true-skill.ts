import { replayValidRows } from "./chronological-order.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { RatingsError } from "./ratings-error.js";
import { SEED_TRUE_SKILL, type TrueSkillEnvironment, updateTrueSkill } from "./update-true-skill.js";

/** TrueSkill beliefs per item code after replaying the comparisons. */
export interface TrueSkillRatings {
  readonly itemIds: readonly string[];
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  /** Conservative score μ − 3σ (the quantity the seed system ranks by). */
  readonly conservative: Float64Array;
  /** Valid comparisons each item played. */
  readonly matches: Float64Array;
  /** The environment used (with the draw probability actually applied). */
  readonly environment: TrueSkillEnvironment;
}

/**
 * Replays comparisons one by one (chronological order by default) through {@link updateTrueSkill}.
 * Draw probability: as given; by default 0 when the data hold no ties, else the share of ties among valid rows
 * capped at 0.99 (TrueSkill cannot process a tie with draw probability 0, nor anything with 1). Invalid rows
 * are skipped.
 */
export function computeTrueSkill(
  outcomes: PairwiseOutcomes,
  options: { environment?: Partial<TrueSkillEnvironment>; order?: ArrayLike<number> } = {},
): TrueSkillRatings {
  let ties = 0;
  let valid = 0;
  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    if (verdict <= 2) valid++;
    if (verdict === 2) ties++;
  }
  const environment: TrueSkillEnvironment = {
    ...SEED_TRUE_SKILL,
    // Capped below 1: a draw probability of 1 makes the draw margin infinite.
    drawProbability: valid === 0 ? 0 : Math.min(ties / valid, 0.99),
    ...options.environment,
  };
  if (ties > 0 && !(environment.drawProbability > 0)) {
    throw new RatingsError(
      "unsuitable-data",
      `computeTrueSkill: the data hold ${ties} ties but drawProbability is ${environment.drawProbability}`,
    );
  }
  const itemCount = outcomes.itemIds.length;
  const mu = new Float64Array(itemCount).fill(environment.mu);
  const sigma = new Float64Array(itemCount).fill(environment.sigma);
  const matches = new Float64Array(itemCount);
  replayValidRows(
    outcomes,
    (a, b, verdict) => {
      const [nextA, nextB] = updateTrueSkill({
        a: { mu: mu[a]!, sigma: sigma[a]! },
        b: { mu: mu[b]!, sigma: sigma[b]! },
        outcome: verdict,
        environment,
      });
      mu[a] = nextA.mu;
      sigma[a] = nextA.sigma;
      mu[b] = nextB.mu;
      sigma[b] = nextB.sigma;
      matches[a] = matches[a]! + 1;
      matches[b] = matches[b]! + 1;
    },
    options.order,
  );
  const conservative = mu.map((value, i) => value - 3 * sigma[i]!);
  return { itemIds: outcomes.itemIds, mu, sigma, conservative, matches, environment };
}
