import type { RandomSource } from "./random-source.js";
import { createBinomialSampler } from "./sample-binomial.js";

/**
 * Draws counts ~ Multinomial(total, weights / Σweights) into `out` by conditional binomials:
 * n_k ~ Binomial(remaining, w_k / remaining weight). Resampling N comparisons with replacement is exactly a
 * multinomial draw over the unique cells with probabilities count/N, so this replaces N row draws by one
 * binomial per cell. Weights must be finite and ≥ 0.
 */
export function sampleMultinomial(options: {
  random: RandomSource;
  total: number;
  weights: ArrayLike<number>;
  out: Float64Array;
}): Float64Array {
  const { weights, out } = options;
  let remainingWeight = 0;
  let lastPositive = -1;
  for (let k = 0; k < weights.length; k++) {
    const weight = weights[k]!;
    if (!(weight >= 0 && Number.isFinite(weight))) throw new RangeError(`sampleMultinomial: weight ${k} is ${weight}`);
    remainingWeight += weight;
    if (weight > 0) lastPositive = k;
  }
  let remaining = options.total;
  const sampleBinomial = createBinomialSampler(options.random);
  for (let k = 0; k < weights.length; k++) {
    const weight = weights[k]!;
    if (remaining === 0 || weight === 0) {
      out[k] = 0;
      continue;
    }
    // The last category takes what is left, so rounding in the running weight cannot lose draws.
    const probability = k === lastPositive ? 1 : Math.min(1, weight / remainingWeight);
    const drawn = sampleBinomial(remaining, probability);
    out[k] = drawn;
    remaining -= drawn;
    remainingWeight -= weight;
  }
  return out;
}
