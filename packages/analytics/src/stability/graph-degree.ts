import type { PairwiseOutcomes } from "@judgelab/ratings";

/**
 * Rated items and the mean number of distinct opponents per item of a comparison set. Ratings are only
 * informative when items meet several opponents (mean degree ≥ 2); with one opponent per item (a set of
 * isolated answer pairs, as in LLMBar) there is no leaderboard to speak of.
 */
export function measureGraphDegree(outcomes: PairwiseOutcomes): { items: number; meanDegree: number } {
  const pairs = new Set<number>();
  const items = new Set<number>();
  const count = outcomes.itemIds.length;
  for (let row = 0; row < outcomes.size; row++) {
    const a = outcomes.first[row]!;
    const b = outcomes.second[row]!;
    items.add(a);
    items.add(b);
    pairs.add(Math.min(a, b) * count + Math.max(a, b));
  }
  return { items: items.size, meanDegree: items.size === 0 ? 0 : (2 * pairs.size) / items.size };
}
