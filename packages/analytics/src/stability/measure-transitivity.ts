/** Largest item code + 1 for the bitset counter (8,192² bits = 8 MB, twice over); larger graphs use sets. */
const BITSET_ITEM_LIMIT = 8192;

/**
 * Directed 3-cycles among closed triangles of a tournament graph. `edges` holds one decided direction per
 * item pair as (winner, loser) codes; a closed triangle is three items whose three pairs all have an edge;
 * a cycle is a closed triangle whose edges go round (A > B > C > A). docs/metrics.md, transitivity.
 * Counting without `onTriangle` (up to 8,192 item codes): adjacency bitsets N(v) (neighbours) and O(v) (items v
 * beats); triangles = Σ_{edges ab} |N(a) ∩ N(b)| / 3, and a transitive triangle has exactly one item that beats
 * both others, so transitive = Σ_v Σ_{b ∈ O(v)} |O(v) ∩ N(b)| / 2 and cycles = triangles − transitive:
 * O(edges · items / 32) word operations. With `onTriangle` (which sees every closed triangle, e.g. to bin by
 * difficulty) or more items: for each edge (a, b) with a < b, the common neighbours c > b close a triangle
 * (each triangle is found once); O(Σ deg²) with adjacency sets.
 */
export function countCyclicTriads(
  edges: { winner: ArrayLike<number>; loser: ArrayLike<number> },
  onTriangle?: (a: number, b: number, c: number, cyclic: boolean) => void,
): {
  cycles: number;
  triangles: number;
} {
  if (onTriangle === undefined) {
    const counted = countWithBitsets(edges);
    if (counted !== undefined) return counted;
  }
  return countWithSets(edges, onTriangle);
}

/** The bitset count, or undefined when item codes are too large or some pair has edges both ways. */
function countWithBitsets(edges: {
  winner: ArrayLike<number>;
  loser: ArrayLike<number>;
}): { cycles: number; triangles: number } | undefined {
  let itemCount = 0;
  for (let index = 0; index < edges.winner.length; index++) {
    itemCount = Math.max(itemCount, edges.winner[index]! + 1, edges.loser[index]! + 1);
  }
  if (itemCount > BITSET_ITEM_LIMIT) return undefined;
  const words = (itemCount + 31) >>> 5;
  const neighbours = new Uint32Array(itemCount * words);
  const beats = new Uint32Array(itemCount * words);
  for (let index = 0; index < edges.winner.length; index++) {
    const winner = edges.winner[index]!;
    const loser = edges.loser[index]!;
    if (winner === loser) return undefined;
    if ((beats[loser * words + (winner >>> 5)]! >>> (winner & 31)) & 1) return undefined;
    beats[winner * words + (loser >>> 5)]! |= 1 << (loser & 31);
    neighbours[winner * words + (loser >>> 5)]! |= 1 << (loser & 31);
    neighbours[loser * words + (winner >>> 5)]! |= 1 << (winner & 31);
  }
  let triangleSum = 0;
  let transitiveSum = 0;
  for (let v = 0; v < itemCount; v++) {
    const rowV = v * words;
    for (let w = 0; w < words; w++) {
      let bits = neighbours[rowV + w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const b = (w << 5) + 31 - Math.clz32(low);
        bits ^= low;
        const rowB = b * words;
        const wins = (beats[rowV + w]! & low) !== 0;
        for (let k = 0; k < words; k++) {
          const shared = neighbours[rowB + k]!;
          if (b > v) triangleSum += popcount(neighbours[rowV + k]! & shared);
          if (wins) transitiveSum += popcount(beats[rowV + k]! & shared);
        }
      }
    }
  }
  const triangles = triangleSum / 3;
  const transitive = transitiveSum / 2;
  return { cycles: triangles - transitive, triangles };
}

/** Set bits of a 32-bit word. */
function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

function countWithSets(
  edges: { winner: ArrayLike<number>; loser: ArrayLike<number> },
  onTriangle?: (a: number, b: number, c: number, cyclic: boolean) => void,
): { cycles: number; triangles: number } {
  const beats = new Map<number, Set<number>>();
  const neighbours = new Map<number, Set<number>>();
  const link = (map: Map<number, Set<number>>, a: number, b: number) => {
    let set = map.get(a);
    if (set === undefined) {
      set = new Set();
      map.set(a, set);
    }
    set.add(b);
  };
  for (let index = 0; index < edges.winner.length; index++) {
    const winner = edges.winner[index]!;
    const loser = edges.loser[index]!;
    link(beats, winner, loser);
    link(neighbours, winner, loser);
    link(neighbours, loser, winner);
  }
  let cycles = 0;
  let triangles = 0;
  for (const [a, aNeighbours] of neighbours) {
    for (const b of aNeighbours) {
      if (b <= a) continue;
      const bNeighbours = neighbours.get(b)!;
      const [small, large] =
        aNeighbours.size < bNeighbours.size ? [aNeighbours, bNeighbours] : [bNeighbours, aNeighbours];
      for (const c of small) {
        if (c <= b || !large.has(c)) continue;
        triangles++;
        const ab = beats.get(a)?.has(b) ?? false;
        const bc = beats.get(b)?.has(c) ?? false;
        const ca = beats.get(c)?.has(a) ?? false;
        // A cycle goes a→b→c→a or a→c→b→a.
        const cyclic = (ab && bc && ca) || (!ab && !bc && !ca);
        if (cyclic) cycles++;
        onTriangle?.(a, b, c, cyclic);
      }
    }
  }
  return { cycles, triangles };
}
