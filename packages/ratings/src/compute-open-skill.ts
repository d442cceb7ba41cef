import { ordinal, rate, rating } from "openskill";
import { chronologicalOrder } from "./chronological-order.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/** Weng–Lin (OpenSkill) beliefs per item code. */
export interface OpenSkillRatings {
  readonly itemIds: readonly string[];
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  /** openskill's ordinal μ − 3σ. */
  readonly ordinal: Float64Array;
}

/**
 * Weng & Lin (2011) Bayesian approximation ratings, computed match by match (chronological order) with the npm
 * package `openskill` 5.0.1 (default Plackett–Luce model, μ0 25, σ0 25/3). Each comparison is a two-team game
 * with ranks [1, 2], [2, 1] or [1, 1] for a tie; invalid rows are skipped.
 */
export function computeOpenSkill(
  outcomes: PairwiseOutcomes,
  options: { mu?: number; sigma?: number } = {},
): OpenSkillRatings {
  const itemCount = outcomes.itemIds.length;
  const start = rating({
    ...(options.mu === undefined ? {} : { mu: options.mu }),
    ...(options.sigma === undefined ? {} : { sigma: options.sigma }),
  });
  const mu = new Float64Array(itemCount).fill(start.mu);
  const sigma = new Float64Array(itemCount).fill(start.sigma);
  const order = chronologicalOrder(outcomes);
  for (let position = 0; position < order.length; position++) {
    const row = order[position] as number;
    const verdict = outcomes.verdict[row] as number;
    if (verdict > 2) continue;
    const a = outcomes.first[row] as number;
    const b = outcomes.second[row] as number;
    const rank = verdict === 0 ? [1, 2] : verdict === 1 ? [2, 1] : [1, 1];
    const [[nextA], [nextB]] = rate(
      [[{ mu: mu[a] as number, sigma: sigma[a] as number }], [{ mu: mu[b] as number, sigma: sigma[b] as number }]],
      { rank },
    ) as [[{ mu: number; sigma: number }], [{ mu: number; sigma: number }]];
    mu[a] = nextA.mu;
    sigma[a] = nextA.sigma;
    mu[b] = nextB.mu;
    sigma[b] = nextB.sigma;
  }
  const ordinals = new Float64Array(itemCount);
  for (let i = 0; i < itemCount; i++) ordinals[i] = ordinal({ mu: mu[i] as number, sigma: sigma[i] as number });
  return { itemIds: outcomes.itemIds, mu, sigma, ordinal: ordinals };
}
