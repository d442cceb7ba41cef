import { RatingsError } from "./ratings-error.js";

/**
 * A source of uniform random numbers in [0, 1). Every random step in this package takes one, so results are
 * reproducible from a seed and tests can inject a deterministic sequence.
 */
export interface RandomSource {
  /** Next uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /**
   * Optional: next uniform integer in [0, 2³²). Samplers that need only 32 bits of resolution per uniform
   * (the binomial sampler) use it when present, at half the cost of `next()`.
   */
  nextUint32?(): number;
  /**
   * Optional: fills `out` with the next `out.length` outputs of `nextUint32` (the same sequence), without a
   * call per number: for samplers that draw millions of integers per round.
   */
  fillUint32?(out: Uint32Array): void;
}

/**
 * xoshiro128** (Blackman & Vigna 2018, https://prng.di.unimi.it/xoshiro128starstar.c), a small, fast 32-bit
 * generator with period 2^128 − 1. The 128-bit state is filled from the 32-bit seed with splitmix32 so that
 * nearby seeds give unrelated streams. Each double combines two 32-bit outputs (27 + 26 bits = 53 bits).
 *
 * @example
 * const random = createRandomSource(42);
 * random.next(); // 0 ≤ u < 1, the same on every platform for seed 42
 */
export function createRandomSource(seed: number): RandomSource {
  if (!Number.isInteger(seed)) throw new RatingsError("invalid-option", `seed must be an integer, got ${seed}`);
  let splitState = seed >>> 0;
  const splitmix32 = (): number => {
    splitState = (splitState + 0x9e3779b9) >>> 0;
    let z = splitState;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix32();
  let s1 = splitmix32();
  let s2 = splitmix32();
  let s3 = splitmix32();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const nextUint32 = (): number => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotateLeft(s3, 11);
    return result;
  };
  const fillUint32 = (out: Uint32Array): void => {
    // nextUint32 inlined over local state: about 3× faster than a call per number.
    let a = s0;
    let b = s1;
    let c = s2;
    let d = s3;
    for (let k = 0; k < out.length; k++) {
      const scaled = Math.imul(b, 5);
      out[k] = Math.imul((scaled << 7) | (scaled >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
    }
    s0 = a;
    s1 = b;
    s2 = c;
    s3 = d;
  };
  return {
    next: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
    nextUint32,
    fillUint32,
  };
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** A uniform integer in [0, count) drawn from `random`. */
export function randomInteger(random: RandomSource, count: number): number {
  return Math.floor(random.next() * count);
}

/**
 * A seed for stream `stream` of `seed` (e.g. bootstrap round r of a run seeded with s), mixing both with the
 * murmur3 finaliser so that neighbouring streams are unrelated. Seeding each round separately makes a
 * bootstrap's rounds independent of how they are split across workers.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ Math.imul(stream + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
