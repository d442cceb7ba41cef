/**
 * A leaf order of average-linkage agglomerative clustering (UPGMA; Sokal & Michener 1958) on a similarity matrix,
 * for heatmaps: similar rows end up next to each other, so blocks of agreeing judges show as blocks. Distance
 * d = 1 − similarity; missing (NaN) similarities count as the largest distance. O(n³), for n up to a few hundred.
 * Ties merge the lowest indices first, so the order is deterministic.
 */
export function clusterOrder(similarity: readonly (readonly number[])[]): number[] {
  const n = similarity.length;
  if (n <= 2) return [...Array(n).keys()];
  let maxDistance = 0;
  const distance = (i: number, j: number) => {
    const value = similarity[i]?.[j] ?? Number.NaN;
    return Number.isFinite(value) ? 1 - value : Number.NaN;
  };
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) maxDistance = Math.max(maxDistance, distance(i, j) || 0);
  const clusters: { members: number[]; size: number }[] = [...Array(n).keys()].map((index) => ({
    members: [index],
    size: 1,
  }));
  // Pairwise cluster distances (average linkage), updated by the Lance–Williams formula.
  const between: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      const value = distance(i, j);
      return Number.isFinite(value) ? value : maxDistance + 1;
    }),
  );
  const alive = new Set(clusters.keys());
  while (alive.size > 1) {
    let best = Number.POSITIVE_INFINITY;
    let pair: [number, number] = [-1, -1];
    for (const i of alive)
      for (const j of alive)
        if (i < j && between[i]![j]! < best) {
          best = between[i]![j]!;
          pair = [i, j];
        }
    const [a, b] = pair;
    const sizeA = clusters[a]!.size;
    const sizeB = clusters[b]!.size;
    for (const k of alive) {
      if (k === a || k === b) continue;
      const merged = (sizeA * between[a]![k]! + sizeB * between[b]![k]!) / (sizeA + sizeB);
      between[a]![k] = merged;
      between[k]![a] = merged;
    }
    clusters[a] = { members: [...clusters[a]!.members, ...clusters[b]!.members], size: sizeA + sizeB };
    alive.delete(b);
  }
  return clusters[[...alive][0]!]!.members;
}
