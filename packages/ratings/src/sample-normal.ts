import type { RandomSource } from "./random-source.js";

/**
 * A standard normal draw by the Box–Muller transform (Box & Muller 1958): √(−2 ln u₁) cos(2π u₂), with
 * u₁ ∈ (0, 1] so the logarithm is finite. One draw per call (the sine partner is discarded: simpler streams).
 */
export function sampleNormal(random: RandomSource): number {
  const u1 = 1 - random.next();
  const u2 = random.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Fills `out` with standard normal draws, both of each Box–Muller pair (√(−2 ln u₁)·cos 2πu₂ and ·sin 2πu₂, which
 * are independent): half the logarithms and square roots of {@link sampleNormal} for bulk draws.
 */
export function fillNormal(out: Float64Array, random: RandomSource): void {
  for (let k = 0; k < out.length; k += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random.next()));
    const angle = 2 * Math.PI * random.next();
    out[k] = radius * Math.cos(angle);
    if (k + 1 < out.length) out[k + 1] = radius * Math.sin(angle);
  }
}
