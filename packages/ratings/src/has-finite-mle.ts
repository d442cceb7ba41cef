import type { CellCounts } from "./bradley-terry-likelihood.js";
import type { PairCells } from "./pair-cells.js";

/**
 * Whether the Bradley–Terry maximum-likelihood estimate is finite and unique (Ford 1957; Hunter 2004,
 * Assumption 1): for every split of the rated items into two groups, some item in each group beat (or tied)
 * some item in the other. Equivalently the directed graph with an edge i → j whenever i beat or tied j is
 * strongly connected. Checked with two depth-first searches from one item (forward and reversed edges).
 */
export function hasFiniteMle(cells: PairCells, counts: CellCounts = cells): boolean {
  const itemCount = cells.itemIds.length;
  const forward: number[][] = Array.from({ length: itemCount }, () => []);
  const backward: number[][] = Array.from({ length: itemCount }, () => []);
  const rated = new Uint8Array(itemCount);
  const addEdge = (from: number, to: number): void => {
    forward[from]?.push(to);
    backward[to]?.push(from);
  };
  for (let c = 0; c < cells.size; c++) {
    const a = cells.first[c] as number;
    const b = cells.second[c] as number;
    const ties = counts.ties[c] as number;
    const aBeatB = (counts.firstWins[c] as number) > 0 || ties > 0;
    const bBeatA = (counts.secondWins[c] as number) > 0 || ties > 0;
    if (aBeatB) addEdge(a, b);
    if (bBeatA) addEdge(b, a);
    if (aBeatB || bBeatA) {
      rated[a] = 1;
      rated[b] = 1;
    }
  }
  const start = rated.indexOf(1);
  if (start < 0) return true;
  const reachesAll = (edges: number[][]): boolean => {
    const seen = new Uint8Array(itemCount);
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const node = stack.pop() as number;
      for (const next of edges[node] ?? []) {
        if (seen[next] === 0) {
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    for (let i = 0; i < itemCount; i++) if (rated[i] === 1 && seen[i] === 0) return false;
    return true;
  };
  return reachesAll(forward) && reachesAll(backward);
}
