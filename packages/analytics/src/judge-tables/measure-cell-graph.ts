import type { PairCells } from "@judgelab/ratings";

/**
 * `measureGraphDegree` of the stability section from pooled cells (one cell per unordered pair): rated items,
 * mean distinct opponents (2 · pairs / items), comparisons per item (2 · comparisons / items), and the size of
 * the largest connected group.
 */
export function measureCellGraph(cells: PairCells): {
  items: number;
  meanDegree: number;
  comparisonsPerItem: number;
  largestGroup: number;
} {
  const count = cells.itemIds.length;
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
  const pairs = new Set<number>();
  let items = 0;
  let comparisons = 0;
  for (let c = 0; c < cells.size; c++) {
    const a = cells.first[c]!;
    const b = cells.second[c]!;
    const n = cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
    if (n === 0) continue;
    comparisons += n;
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
    size[root] = size[root]! + 1;
    largestGroup = Math.max(largestGroup, size[root]!);
  }
  return {
    items,
    meanDegree: items === 0 ? 0 : (2 * pairs.size) / items,
    comparisonsPerItem: items === 0 ? 0 : (2 * comparisons) / items,
    largestGroup,
  };
}
