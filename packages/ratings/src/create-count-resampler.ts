import type { RandomSource } from "./random-source.js";
import { sampleMultinomial } from "./sample-multinomial.js";

/** Draws the counts of one bootstrap resample; built once per bootstrap by {@link createCountResampler}. */
export interface CountResampler {
  /**
   * "slots" (one uniform index per resampled comparison), "binomials" (one binomial per category) or
   * "clusters" (whole clusters of comparisons resampled, {@link createClusterResampler}).
   */
  readonly method: "slots" | "binomials" | "clusters";
  /** Total count N = Σ weights, the number of draws of each resample (its expectation for "clusters"). */
  readonly total: number;
  /** Writes one resample's counts (Σ out = total) into `out` and returns it. */
  draw(random: RandomSource, out: Float64Array): Float64Array;
  /** The slot method's parts, for callers that aggregate the hits themselves (see {@link SlotResample}). */
  readonly slots?: SlotResample;
}

/**
 * One resample of the slot method before it is summed per category: N draws landed in `hits`, where the slots
 * of the categories with positive weight follow each other in category order, weight[k] slots for category k.
 * Call `drawHits`, then read `hits` if it returned true, else (a slot took over 255 hits) `countHits`.
 */
export interface SlotResample {
  readonly hits: Uint8Array;
  /** Draws a resample into `hits`; false when some slot overflowed its byte (then use `countHits`). */
  drawHits(random: RandomSource): boolean;
  /** The last resample's exact counts per category, overflow included, into `out`. */
  countHits(out: Float64Array): Float64Array;
}

/** Draws per 32-bit block of random words (16 k × 4 bytes: stays in the first-level cache). */
const BLOCK = 1 << 14;
/** Largest total for exact 32-bit index draws: u·N stays an exact integer in a double below 2⁵³. */
const EXACT_32_BIT_TOTAL = 1 << 21;
/** The slot method draws N indices; the binomial method costs about this many index draws per category. */
const BINOMIAL_COST_IN_DRAWS = 16;

/**
 * Resampling N observations with replacement, aggregated into categories with integer counts `weights` (e.g. a
 * Bradley–Terry bootstrap over (cell, outcome) categories): the resampled counts are Multinomial(N, w/N). Two
 * exact ways to draw them, chosen by cost:
 * - "slots": lay the N observations out as slots grouped by category, draw N uniform slot indices (Lemire's
 *   multiply-shift with rejection, exact, when N ≤ 2²¹; above that from 53-bit uniforms, bias below N/2⁵³),
 *   count the hits per slot in a byte array (cache-resident for N up to a few million) and sum them per
 *   category. O(N) and branch-light; best when most categories hold few observations.
 * - "binomials": conditional binomials ({@link sampleMultinomial}), O(categories); best when categories are
 *   few and heavy (e.g. 10⁶ comparisons over 2·10⁴ cells).
 * Both give the same distribution; seeded streams differ between the methods.
 */
export function createCountResampler(weights: Float64Array): CountResampler {
  const { total, positive, integral } = summarizeWeights(weights);
  const slotsFit = integral && total > 0 && total <= 2 ** 31 - 1;
  if (!slotsFit || total > BINOMIAL_COST_IN_DRAWS * positive) {
    return {
      method: "binomials",
      total,
      draw: (random, out) => sampleMultinomial({ random, total, weights, out }),
    };
  }
  const { category, blockEnd } = layOutSlots(weights, positive);
  const hits = new Uint8Array(total);
  const words = new Uint32Array(BLOCK);
  // A byte wraps at 256 hits on one slot (probability far below 10⁻³⁰⁰ for N ≥ 256): carried here exactly anyway.
  const overflow = new Map<number, number>();
  const carry = (slot: number): void => {
    overflow.set(slot, (overflow.get(slot) ?? 0) + 256);
  };
  const fill = (random: RandomSource): void => {
    if (random.fillUint32 !== undefined) random.fillUint32(words);
    else if (random.nextUint32 !== undefined) for (let k = 0; k < BLOCK; k++) words[k] = random.nextUint32();
    else for (let k = 0; k < BLOCK; k++) words[k] = Math.floor(random.next() * 4294967296);
  };
  const drawExact32 = (random: RandomSource): void => {
    // Lemire (2019), "Fast random integer generation in an interval": index = ⌊u·N / 2³²⌋, rejecting the
    // (2³² mod N) low values that would make some indices more likely.
    const threshold = 4294967296 % total;
    let drawn = 0;
    while (drawn < total) {
      fill(random);
      const take = Math.min(BLOCK, total - drawn);
      let used = 0;
      for (let k = 0; k < BLOCK && used < take; k++) {
        const product = words[k]! * total;
        const index = Math.floor(product * 2.3283064365386963e-10);
        if (product - index * 4294967296 < threshold) continue;
        const count = hits[index]! + 1;
        hits[index] = count;
        if (count === 256) carry(index);
        used++;
      }
      drawn += used;
    }
  };
  const draw53 = (random: RandomSource): void => {
    let drawn = 0;
    while (drawn < total) {
      fill(random);
      const take = Math.min(BLOCK >>> 1, total - drawn);
      for (let k = 0; k < take; k++) {
        const uniform = ((words[2 * k]! >>> 5) * 67108864 + (words[2 * k + 1]! >>> 6)) / 9007199254740992;
        const index = Math.floor(uniform * total);
        const count = hits[index]! + 1;
        hits[index] = count;
        if (count === 256) carry(index);
      }
      drawn += take;
    }
  };
  const drawHits = (random: RandomSource): boolean => {
    hits.fill(0);
    overflow.clear();
    if (total <= EXACT_32_BIT_TOTAL) drawExact32(random);
    else draw53(random);
    return overflow.size === 0;
  };
  const countHits = (out: Float64Array): Float64Array => {
    out.fill(0);
    let slot = 0;
    for (let j = 0; j < positive; j++) {
      const stop = blockEnd[j]!;
      let count = 0;
      for (; slot < stop; slot++) count += hits[slot]!;
      out[category[j]!] = count;
    }
    if (overflow.size > 0) {
      let j = 0;
      for (const [overflowSlot, extra] of [...overflow].sort((a, b) => a[0] - b[0])) {
        while (blockEnd[j]! <= overflowSlot) j++;
        const k = category[j]!;
        out[k] = out[k]! + extra;
      }
    }
    return out;
  };
  return {
    method: "slots",
    total,
    draw: (random, out) => {
      drawHits(random);
      return countHits(out);
    },
    slots: { hits, drawHits, countHits },
  };
}

/** N = Σ weights, the number of positive weights and whether all are integers; a negative or non-finite weight throws. */
function summarizeWeights(weights: Float64Array): { total: number; positive: number; integral: boolean } {
  let total = 0;
  let positive = 0;
  let integral = true;
  for (let k = 0; k < weights.length; k++) {
    const weight = weights[k]!;
    if (!(weight >= 0 && Number.isFinite(weight)))
      throw new RangeError(`createCountResampler: weight ${k} is ${weight}`);
    total += weight;
    if (weight > 0) positive++;
    if (!Number.isInteger(weight)) integral = false;
  }
  return { total, positive, integral };
}

/** Positive categories only, each with the end of its block of slots (weight[k] slots for category k, in order). */
function layOutSlots(weights: Float64Array, positive: number): { category: Int32Array; blockEnd: Int32Array } {
  const category = new Int32Array(positive);
  const blockEnd = new Int32Array(positive);
  let end = 0;
  let next = 0;
  for (let k = 0; k < weights.length; k++) {
    const weight = weights[k]!;
    if (weight === 0) continue;
    end += weight;
    category[next] = k;
    blockEnd[next] = end;
    next++;
  }
  return { category, blockEnd };
}
