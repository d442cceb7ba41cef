import type { CellClusters } from "./cluster-comparisons.js";
import type { CountResampler } from "./create-count-resampler.js";
import type { RandomSource } from "./random-source.js";

/** Random words drawn per block (16 KB: stays in the first-level cache). */
const BLOCK = 4096;
/** Largest cluster count for exact 32-bit index draws: u·G stays an exact integer in a double below 2⁵³. */
const EXACT_32_BIT_COUNT = 1 << 21;

/**
 * The cluster bootstrap as a {@link CountResampler} over the (cell, outcome) categories: each draw resamples the
 * G clusters with replacement (multiplicities m ~ Multinomial(G, 1/G), drawn as G uniform cluster indices,
 * exact by Lemire's multiply-shift with rejection for G ≤ 2²¹) and writes Σ_g m_g · contribution_g into `out`.
 * A draw costs G index draws plus one addition per (cluster, category) entry of the clusters drawn (about
 * 1 − 1/e of them), so a round stays proportional to the comparisons, as in the comparison bootstrap.
 * Resampled totals vary from round to round when clusters differ in size, as in any cluster bootstrap.
 * `categoryCount` is 3 × cells.
 */
export function createClusterResampler(clusters: CellClusters, categoryCount: number): CountResampler {
  const { start, category, weight, count } = clusters;
  let total = 0;
  for (const value of weight) total += value;
  for (const target of category) {
    if (target >= categoryCount) throw new RangeError(`createClusterResampler: category ${target} ≥ ${categoryCount}`);
  }
  const multiplicity = new Uint32Array(count);
  const words = new Uint32Array(Math.min(BLOCK, Math.max(1, count)));
  const drawMultiplicities = (random: RandomSource): void => {
    multiplicity.fill(0);
    if (count > EXACT_32_BIT_COUNT) {
      for (let k = 0; k < count; k++) {
        const index = Math.floor(random.next() * count);
        multiplicity[index] = multiplicity[index]! + 1;
      }
      return;
    }
    // Lemire (2019): index = ⌊u·G / 2³²⌋, rejecting the (2³² mod G) low values that would favour some indices.
    const threshold = 4294967296 % count;
    let drawn = 0;
    while (drawn < count) {
      const block = words.subarray(0, Math.min(words.length, count - drawn));
      fillWords(random, block);
      for (let k = 0; k < block.length; k++) {
        const product = block[k]! * count;
        const index = Math.floor(product * 2.3283064365386963e-10);
        if (product - index * 4294967296 < threshold) continue;
        multiplicity[index] = multiplicity[index]! + 1;
        drawn++;
      }
    }
  };
  const draw = (random: RandomSource, out: Float64Array): Float64Array => {
    drawMultiplicities(random);
    out.fill(0);
    for (let g = 0; g < count; g++) {
      const times = multiplicity[g]!;
      if (times === 0) continue;
      const end = start[g + 1]!;
      for (let e = start[g]!; e < end; e++) {
        const target = category[e]!;
        out[target] = out[target]! + times * weight[e]!;
      }
    }
    return out;
  };
  return { method: "clusters", total, draw };
}

function fillWords(random: RandomSource, words: Uint32Array): void {
  if (random.fillUint32 !== undefined) random.fillUint32(words);
  else if (random.nextUint32 !== undefined) for (let k = 0; k < words.length; k++) words[k] = random.nextUint32();
  else for (let k = 0; k < words.length; k++) words[k] = Math.floor(random.next() * 4294967296);
}
