import { createHash } from "node:crypto";
import { createRandomSource, type RandomSource } from "@judgelab/ratings";

/** A uniform random source in [0, 1) (`@judgelab/ratings`' RandomSource). */
export type Random = RandomSource;

/**
 * A deterministic random stream named by the run seed and labels (`seededRandom(7, "round", 3)`): the same seed
 * and labels give the same stream in every process, so a resumed run draws exactly what an uninterrupted run
 * draws, whatever happened in between. The 32-bit seed of `@judgelab/ratings`' xoshiro128** generator is the first
 * four bytes of SHA-256 of the JSON of [seed, ...labels].
 */
export function seededRandom(seed: number, ...labels: readonly (string | number)[]): Random {
  const digest = createHash("sha256")
    .update(JSON.stringify([seed, ...labels]))
    .digest();
  return createRandomSource(digest.readUInt32LE(0));
}

/** Fisher–Yates shuffle of a copy of `values`. */
export function shuffled<T>(values: readonly T[], random: Random): T[] {
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random.next() * (index + 1));
    const swap = copy[index] as T;
    copy[index] = copy[other] as T;
    copy[other] = swap;
  }
  return copy;
}
