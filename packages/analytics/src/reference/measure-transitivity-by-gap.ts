import { quantileSorted } from "@judgelab/ratings";
import type { ReferenceSection } from "../metrics-document.js";
import { unavailable } from "../section.js";
import { countCyclicTriads } from "../stability/measure-transitivity.js";
import { proportion } from "../stats/proportion.js";

/** Panel-majority cycle rate by quartile bins of each closed triangle's smallest reference gap. */
export function measureTransitivityByGap(
  edges: { winner: ArrayLike<number>; loser: ArrayLike<number> },
  itemScore: Float64Array,
): NonNullable<ReferenceSection["transitivityByGap"]> {
  const difficulty: number[] = [];
  const cyclic: boolean[] = [];
  countCyclicTriads(edges, (a, b, c, isCycle) => {
    const gap = Math.min(
      Math.abs(itemScore[a]! - itemScore[b]!),
      Math.abs(itemScore[b]! - itemScore[c]!),
      Math.abs(itemScore[a]! - itemScore[c]!),
    );
    if (!Number.isFinite(gap)) return;
    difficulty.push(gap);
    cyclic.push(isCycle);
  });
  if (difficulty.length < 8) return unavailable("fewer than 8 closed triangles with reference scores");
  const sorted = [...difficulty].sort((x, y) => x - y);
  const edgesOfBins = [0.25, 0.5, 0.75].map((q) => quantileSorted(sorted, q));
  const cycles = new Float64Array(4);
  const totals = new Float64Array(4);
  difficulty.forEach((value, index) => {
    const bin = edgesOfBins.filter((edge) => value >= edge).length;
    totals[bin]!++;
    if (cyclic[index]) cycles[bin]!++;
  });
  return {
    available: true,
    bins: Array.from(totals, (total, bin) => ({
      lower: bin === 0 ? sorted[0]! : edgesOfBins[bin - 1]!,
      upper: bin === 3 ? null : edgesOfBins[bin]!,
      value: proportion(cycles[bin]!, total),
    })),
  };
}
