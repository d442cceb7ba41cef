import type { ComparisonTable } from "@judgelab/datasets";

/** Connected groups of the comparison graph (items joined by at least one comparison with a usable verdict). */
export interface ComparisonGroups {
  /** Group index per item code; -1 for an item without a usable comparison. */
  readonly groupOf: Int32Array;
  /** Number of groups (items that met, directly or through others). */
  readonly count: number;
}

/**
 * Finds the connected groups of the comparison graph with union–find (path halving, union by size). Ratings
 * from different groups share no comparison, so their relative scale is set by convention (the fit's centring or
 * prior), not by data: a report must not rank items across groups.
 */
export function findComparisonGroups(table: ComparisonTable): ComparisonGroups {
  const itemCount = table.itemIds.length;
  const parent = Int32Array.from({ length: itemCount }, (_, index) => index);
  const size = new Int32Array(itemCount).fill(1);
  const used = new Uint8Array(itemCount);
  const root = (item: number): number => {
    let node = item;
    while (parent[node] !== node) {
      parent[node] = parent[parent[node]!]!;
      node = parent[node]!;
    }
    return node;
  };
  for (let row = 0; row < table.size; row++) {
    if (table.verdict[row]! > 2) continue;
    const a = table.first[row]!;
    const b = table.second[row]!;
    used[a] = 1;
    used[b] = 1;
    let rootA = root(a);
    let rootB = root(b);
    if (rootA === rootB) continue;
    if (size[rootA]! < size[rootB]!) [rootA, rootB] = [rootB, rootA];
    parent[rootB] = rootA;
    size[rootA]! += size[rootB]!;
  }
  const groupOf = new Int32Array(itemCount).fill(-1);
  const indexOfRoot = new Map<number, number>();
  for (let item = 0; item < itemCount; item++) {
    if (used[item] === 0) continue;
    const itemRoot = root(item);
    let index = indexOfRoot.get(itemRoot);
    if (index === undefined) {
      index = indexOfRoot.size;
      indexOfRoot.set(itemRoot, index);
    }
    groupOf[item] = index;
  }
  return { groupOf, count: indexOfRoot.size };
}
