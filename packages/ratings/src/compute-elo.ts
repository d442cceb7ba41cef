import { replayValidRows } from "./chronological-order.js";
import { ARENA_ELO_SCALE, type EloScale } from "./elo-scale.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/** Options of {@link computeElo}. */
export interface EloOptions {
  /** Update size K; default 4 (Chatbot Arena). */
  readonly k?: number;
  /** Scale (points, base) and initial rating; default Arena's 400, 10, 1000. */
  readonly scale?: EloScale;
  /** Row order to replay; default {@link chronologicalOrder}. */
  readonly order?: ArrayLike<number>;
}

/**
 * Online Elo (Chatbot Arena's compute_online_elo): for each valid row in order,
 *   E_a = 1 / (1 + base^((R_b − R_a)/points)),  R_a += K(S_a − E_a),  R_b += K((1 − S_a) − E_b),
 * with S_a = 1 (first wins), 0 (second wins) or 0.5 (tie); invalid rows are skipped. The result depends on the
 * order, which is why Arena reports the median over bootstrap resamples ({@link bootstrapRows}).
 * Items without comparisons keep the initial rating.
 */
export function computeElo(outcomes: PairwiseOutcomes, options: EloOptions = {}): Float64Array {
  const k = options.k ?? 4;
  const { points, base, initial } = options.scale ?? ARENA_ELO_SCALE;
  const ratings = new Float64Array(outcomes.itemIds.length).fill(initial);
  // base^(x/points) as e^(x·ln(base)/points): one exponential per update instead of a general power.
  const slope = Math.log(base) / points;
  replayValidRows(
    outcomes,
    (a, b, verdict) => {
      const ra = ratings[a]!;
      const rb = ratings[b]!;
      const expectedA = 1 / (1 + Math.exp(slope * (rb - ra)));
      const scoreA = verdict === 0 ? 1 : verdict === 1 ? 0 : 0.5;
      ratings[a] = ra + k * (scoreA - expectedA);
      ratings[b] = rb + k * (1 - scoreA - (1 - expectedA));
    },
    options.order,
  );
  return ratings;
}
