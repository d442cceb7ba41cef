/**
 * The Elo display scale: rating = initial + points · θ / ln(base), where θ is a natural-log strength, so that
 * P(i beats j) = 1 / (1 + base^(−(R_i − R_j)/points)). Arena's convention is points 400, base 10, initial 1000.
 */
export interface EloScale {
  readonly points: number;
  readonly base: number;
  readonly initial: number;
}

/** Chatbot Arena's scale: 400 points per factor of 10 in odds, centred at 1000. */
export const ARENA_ELO_SCALE: EloScale = { points: 400, base: 10, initial: 1000 };

/** Elo points per unit of natural-log strength: points / ln(base) (≈ 173.7 for Arena). */
export function eloPointsPerLogUnit(scale: EloScale = ARENA_ELO_SCALE): number {
  return scale.points / Math.log(scale.base);
}

/**
 * Where to pin the ratings: either the mean over rated items equals `scale.initial` (the default; equals what an
 * unpenalised logistic regression started at zero converges to) or one item has a chosen rating.
 */
export interface RatingAnchor {
  /** Item id (from `itemIds`). */
  readonly item: string;
  readonly value: number;
}
