import type { CellCounts } from "./bradley-terry-likelihood.js";
import type { PairCells } from "./pair-cells.js";

/**
 * Whether the Bradley–Terry maximum-likelihood estimate is finite and unique (Ford 1957; Hunter 2004,
 * Assumption 1): for every split of the rated items into two groups, some item in each group beat (or tied)
 * some item in the other. Equivalently the directed graph with an edge i → j whenever i beat or tied j is
 * strongly connected. Checked with two graph searches from one item (forward and reversed edges) on
 * compressed adjacency arrays, so the bootstrap can afford it every round.
 */
export function hasFiniteMle(cells: PairCells, counts: CellCounts = cells): boolean {
  const itemCount = cells.itemIds.length;
  const { first, second } = cells;
  const { firstWins, secondWins, ties } = counts;
  const rated = new Uint8Array(itemCount);
  const outDegree = new Int32Array(itemCount + 1);
  const inDegree = new Int32Array(itemCount + 1);
  // Per cell: bit 1 when first beat (or tied) second, bit 2 when second beat (or tied) first.
  const direction = new Uint8Array(cells.size);
  for (let c = 0; c < cells.size; c++) {
    const tied = ties[c]! > 0;
    const forward = tied || firstWins[c]! > 0;
    const backward = tied || secondWins[c]! > 0;
    if (!(forward || backward)) continue;
    const a = first[c]!;
    const b = second[c]!;
    direction[c] = (forward ? 1 : 0) | (backward ? 2 : 0);
    rated[a] = 1;
    rated[b] = 1;
    if (forward) {
      outDegree[a + 1] = outDegree[a + 1]! + 1;
      inDegree[b + 1] = inDegree[b + 1]! + 1;
    }
    if (backward) {
      outDegree[b + 1] = outDegree[b + 1]! + 1;
      inDegree[a + 1] = inDegree[a + 1]! + 1;
    }
  }
  for (let i = 0; i < itemCount; i++) {
    // An item that never won (or never lost) already makes the estimate infinite.
    if (rated[i] === 1 && (outDegree[i + 1] === 0 || inDegree[i + 1] === 0)) return false;
    outDegree[i + 1] = outDegree[i + 1]! + outDegree[i]!;
    inDegree[i + 1] = inDegree[i + 1]! + inDegree[i]!;
  }
  const forwardEdges = new Int32Array(outDegree[itemCount]!);
  const backwardEdges = new Int32Array(inDegree[itemCount]!);
  const forwardFill = outDegree.slice(0, itemCount);
  const backwardFill = inDegree.slice(0, itemCount);
  for (let c = 0; c < cells.size; c++) {
    const bits = direction[c]!;
    if (bits === 0) continue;
    const a = first[c]!;
    const b = second[c]!;
    if ((bits & 1) !== 0) {
      forwardEdges[forwardFill[a]!] = b;
      forwardFill[a] = forwardFill[a]! + 1;
      backwardEdges[backwardFill[b]!] = a;
      backwardFill[b] = backwardFill[b]! + 1;
    }
    if ((bits & 2) !== 0) {
      forwardEdges[forwardFill[b]!] = a;
      forwardFill[b] = forwardFill[b]! + 1;
      backwardEdges[backwardFill[a]!] = b;
      backwardFill[a] = backwardFill[a]! + 1;
    }
  }
  const start = rated.indexOf(1);
  if (start < 0) return true;
  return (
    reachesAllRated({ start, rated, offsets: outDegree, edges: forwardEdges }) &&
    reachesAllRated({ start, rated, offsets: inDegree, edges: backwardEdges })
  );
}

function reachesAllRated(graph: { start: number; rated: Uint8Array; offsets: Int32Array; edges: Int32Array }): boolean {
  const { start, rated, offsets, edges } = graph;
  const seen = new Uint8Array(rated.length);
  const stack = new Int32Array(rated.length);
  let top = 0;
  stack[top++] = start;
  seen[start] = 1;
  while (top > 0) {
    const node = stack[--top]!;
    for (let k = offsets[node]!; k < offsets[node + 1]!; k++) {
      const next = edges[k]!;
      if (seen[next] === 0) {
        seen[next] = 1;
        stack[top++] = next;
      }
    }
  }
  for (let i = 0; i < rated.length; i++) if (rated[i] === 1 && seen[i] === 0) return false;
  return true;
}

/** Number of groups of rated items linked by comparisons (connected components of the comparison graph). */
export function countComparisonGroups(cells: PairCells, counts: CellCounts = cells): number {
  const itemCount = cells.itemIds.length;
  const parent = new Int32Array(itemCount).map((_, i) => i);
  const rated = new Uint8Array(itemCount);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  for (let c = 0; c < cells.size; c++) {
    if (counts.firstWins[c]! + counts.secondWins[c]! + counts.ties[c]! === 0) continue;
    const a = cells.first[c]!;
    const b = cells.second[c]!;
    rated[a] = 1;
    rated[b] = 1;
    parent[find(a)] = find(b);
  }
  let groups = 0;
  for (let i = 0; i < itemCount; i++) if (rated[i] === 1 && find(i) === i) groups++;
  return groups;
}

/**
 * Why the Bradley–Terry MLE is not finite and unique, in words, or null when it is: the comparison graph falls
 * into groups never compared with each other, or some items never lost (or never won) against the rest.
 */
export function describeMleProblem(cells: PairCells, counts: CellCounts = cells): string | null {
  const groups = countComparisonGroups(cells, counts);
  if (groups > 1) {
    return `the comparisons form ${groups} groups of items never compared with each other, so ratings are comparable only within a group (an L2 prior makes the fit finite, but the offset between groups is then set by the prior alone)`;
  }
  if (!hasFiniteMle(cells, counts)) {
    return "some items never lost (or never won) against the rest, so their maximum-likelihood ratings are infinite (an L2 prior keeps them finite)";
  }
  return null;
}
