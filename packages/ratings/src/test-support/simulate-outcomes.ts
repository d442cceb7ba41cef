import type { PairwiseOutcomes } from "../pairwise-outcomes.js";
import type { RandomSource } from "../random-source.js";

/**
 * Simulates comparisons under Bradley–Terry with known natural-log strengths: uniformly random distinct pairs,
 * random presentation order, P(first wins) = σ(θ_first − θ_second + orderEffect); with `tieBand` > 0 a verdict
 * within that distance of the decision threshold becomes a tie.
 */
export function simulateOutcomes(options: {
  random: RandomSource;
  strengths: readonly number[];
  comparisons: number;
  orderEffect?: number;
  tieBand?: number;
}): PairwiseOutcomes {
  const { random, strengths, comparisons } = options;
  const itemCount = strengths.length;
  const first = new Int32Array(comparisons);
  const second = new Int32Array(comparisons);
  const verdict = new Uint8Array(comparisons);
  for (let row = 0; row < comparisons; row++) {
    const a = Math.floor(random.next() * itemCount);
    let b = Math.floor(random.next() * (itemCount - 1));
    if (b >= a) b++;
    first[row] = a;
    second[row] = b;
    const p = 1 / (1 + Math.exp(-(strengths[a]! - strengths[b]! + (options.orderEffect ?? 0))));
    const u = random.next();
    verdict[row] = Math.abs(u - p) < (options.tieBand ?? 0) / 2 ? 2 : u < p ? 0 : 1;
  }
  return { size: comparisons, itemIds: strengths.map((_, i) => `item${i}`), first, second, verdict };
}
