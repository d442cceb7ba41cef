import type { PairwiseOutcomes } from "@judgelab/ratings";

/** The comparison graph's size and connectivity: see {@link measureGraphDegree}. */
export interface GraphDegree {
  readonly items: number;
  readonly meanDegree: number;
  readonly comparisonsPerItem: number;
  readonly largestGroup: number;
}

/**
 * Rated items, the mean number of distinct opponents per item, the mean number of comparisons per item and the
 * size of the largest connected group of a comparison set. Ratings are informative when items meet several
 * opponents (mean degree ≥ 2), or when a design that meets few opponents repeats them often enough (a fixed
 * baseline: every model against one reference model, as in AlpacaEval, is a star with degree < 2 but hundreds
 * of comparisons per model). With one opponent per item and a comparison or two each (isolated answer pairs, as
 * in LLMBar) there is no leaderboard to speak of.
 */
export function measureGraphDegree(outcomes: PairwiseOutcomes): GraphDegree {
  return measureEdgeGraph(outcomes.itemIds.length, outcomes.size, outcomes.first, outcomes.second, () => 1);
}

/**
 * The same figures over edges `first[e]`–`second[e]` that stand for `comparisons(e)` comparisons each (one row:
 * 1; an aggregated cell: its count); an edge of 0 comparisons is no edge. Mean degree = 2 · distinct pairs /
 * items, comparisons per item = 2 · comparisons / items; groups by union–find with path compression.
 */
export function measureEdgeGraph(
  itemCount: number,
  edges: number,
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  comparisons: (edge: number) => number,
): GraphDegree {
  const seen = new Uint8Array(itemCount);
  const parent = Int32Array.from({ length: itemCount }, (_, index) => index);
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
  const pairs = new Set<number>();
  let items = 0;
  let total = 0;
  for (let edge = 0; edge < edges; edge++) {
    const n = comparisons(edge);
    if (n === 0) continue;
    const a = first[edge]!;
    const b = second[edge]!;
    total += n;
    if (seen[a] === 0) items++;
    if (seen[b] === 0) items++;
    seen[a] = 1;
    seen[b] = 1;
    pairs.add(Math.min(a, b) * itemCount + Math.max(a, b));
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent[rootA] = rootB;
  }
  const size = new Int32Array(itemCount);
  let largestGroup = 0;
  for (let item = 0; item < itemCount; item++) {
    if (seen[item] === 0) continue;
    const root = find(item);
    size[root]! += 1;
    if (size[root]! > largestGroup) largestGroup = size[root]!;
  }
  return {
    items,
    meanDegree: items === 0 ? 0 : (2 * pairs.size) / items,
    comparisonsPerItem: items === 0 ? 0 : (2 * total) / items,
    largestGroup,
  };
}
