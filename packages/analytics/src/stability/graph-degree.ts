import type { PairwiseOutcomes } from "@judgelab/ratings";

/**
 * Rated items, the mean number of distinct opponents per item, the mean number of comparisons per item and the
 * size of the largest connected group of a comparison set. Ratings are informative when items meet several
 * opponents (mean degree ≥ 2), or when a design that meets few opponents repeats them often enough (a fixed
 * baseline: every model against one reference model, as in AlpacaEval, is a star with degree < 2 but hundreds
 * of comparisons per model). With one opponent per item and a comparison or two each (isolated answer pairs, as
 * in LLMBar) there is no leaderboard to speak of.
 */
export function measureGraphDegree(outcomes: PairwiseOutcomes): {
  items: number;
  meanDegree: number;
  comparisonsPerItem: number;
  largestGroup: number;
} {
  const pairs = new Set<number>();
  const count = outcomes.itemIds.length;
  const seen = new Uint8Array(count);
  const parent = Int32Array.from({ length: count }, (_, index) => index);
  const find = (item: number): number => {
    let root = item;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[item] !== root) {
      const next = parent[item]!;
      parent[item] = root;
      item = next;
    }
    return root;
  };
  let items = 0;
  for (let row = 0; row < outcomes.size; row++) {
    const a = outcomes.first[row]!;
    const b = outcomes.second[row]!;
    if (seen[a] === 0) items++;
    if (seen[b] === 0) items++;
    seen[a] = 1;
    seen[b] = 1;
    pairs.add(Math.min(a, b) * count + Math.max(a, b));
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent[rootA] = rootB;
  }
  const size = new Int32Array(count);
  let largestGroup = 0;
  for (let item = 0; item < count; item++) {
    if (seen[item] === 0) continue;
    const root = find(item);
    size[root]! += 1;
    if (size[root]! > largestGroup) largestGroup = size[root]!;
  }
  return {
    items,
    meanDegree: items === 0 ? 0 : (2 * pairs.size) / items,
    comparisonsPerItem: items === 0 ? 0 : (2 * outcomes.size) / items,
    largestGroup,
  };
}
