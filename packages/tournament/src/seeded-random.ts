import { createHash } from "node:crypto";

/** A uniform random source in [0, 1). */
export interface Random {
  next(): number;
}

/**
 * A deterministic random stream named by the run seed and labels (`seededRandom(7, "round", 3)`): the same seed
 * and labels give the same stream in every process, so a resumed run draws exactly what an uninterrupted run
 * draws, whatever happened in between. The 128-bit state of sfc32 (Chris Doty-Humphrey's Small Fast Counter,
 * PractRand-tested) is taken from SHA-256(seed, labels); each double uses two 32-bit outputs (53 bits).
 */
export function seededRandom(seed: number, ...labels: readonly (string | number)[]): Random {
  const digest = createHash("sha256")
    .update(JSON.stringify([seed, ...labels]))
    .digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12) | 1;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let warmUp = 0; warmUp < 12; warmUp++) nextUint32();
  return { next: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992 };
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
