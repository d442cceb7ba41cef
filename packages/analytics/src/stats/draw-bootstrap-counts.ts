import type { RandomSource } from "@judgelab/ratings";

/** Fills `weights` with multinomial bootstrap counts: n draws with replacement over n units. */
export function drawBootstrapCounts(random: RandomSource, weights: Uint32Array): void {
  weights.fill(0);
  const n = weights.length;
  for (let draw = 0; draw < n; draw++) weights[Math.floor(random.next() * n)]!++;
}
