import type { RandomSource } from "@judgelab/ratings";

/**
 * A standard normal draw by the Box–Muller transform (Box & Muller 1958): √(−2 ln u₁) cos(2π u₂), with
 * u₁ ∈ (0, 1] so the logarithm is finite. One draw per call (the sine partner is discarded: simpler streams).
 */
export function sampleNormal(random: RandomSource): number {
  const u1 = 1 - random.next();
  const u2 = random.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
