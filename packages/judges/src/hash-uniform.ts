import { createHash } from "node:crypto";

/**
 * A uniform number in (0, 1) determined by `parts` alone: sha256 over the parts (length-prefixed, so
 * `["ab", "c"]` and `["a", "bc"]` differ), first 48 bits, shifted off zero by half a step. Keyed randomness instead
 * of a shared stream makes every draw reproducible in any call order, so a resumed or reordered run draws the same
 * values as an uninterrupted one.
 */
export function hashUniform(parts: readonly (string | number)[]): number {
  const hash = createHash("sha256");
  for (const part of parts) {
    const text = String(part);
    hash.update(`${text.length}:${text};`);
  }
  const digest = hash.digest();
  return (digest.readUIntBE(0, 6) + 0.5) / 2 ** 48;
}

/** Standard logistic draw by inversion: `ln(p / (1 − p))` for a uniform `p`. */
export function logisticFromUniform(p: number): number {
  return Math.log(p / (1 - p));
}

/** The logistic function `σ(x) = 1 / (1 + e^(−x))`. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
