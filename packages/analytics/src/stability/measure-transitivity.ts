/**
 * Directed 3-cycles among closed triangles of a tournament graph. `edges` holds one decided direction per
 * item pair as (winner, loser) codes; a closed triangle is three items whose three pairs all have an edge;
 * a cycle is a closed triangle whose edges go round (A > B > C > A). METRICS.md transitivity.
 * Counting: for each edge (a, b) with a < b, the common neighbours c > b close a triangle (each triangle is
 * found once); O(Σ deg²) with adjacency sets. `onTriangle` sees every closed triangle (e.g. to bin by difficulty).
 */
export function countCyclicTriads(
  edges: { winner: ArrayLike<number>; loser: ArrayLike<number> },
  onTriangle?: (a: number, b: number, c: number, cyclic: boolean) => void,
): {
  cycles: number;
  triangles: number;
} {
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
