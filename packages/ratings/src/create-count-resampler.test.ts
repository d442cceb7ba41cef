import { describe, expect, it } from "vitest";
import { createCountResampler } from "./create-count-resampler.js";
import { createRandomSource } from "./random-source.js";

/** Mean and variance of each category's count over `draws` resamples. */
function moments(weights: Float64Array, draws: number, seed: number) {
  const resampler = createCountResampler(weights);
  const out = new Float64Array(weights.length);
  const sum = new Float64Array(weights.length);
  const sumSquares = new Float64Array(weights.length);
  const half = weights.length >>> 1;
  let groupSum = 0;
  let groupSquares = 0;
  let wrongTotals = 0;
  let nonIntegers = 0;
  for (let d = 0; d < draws; d++) {
    resampler.draw(createRandomSource(seed + d), out);
    let total = 0;
    let group = 0;
    for (let k = 0; k < out.length; k++) {
      const count = out[k]!;
      if (!Number.isInteger(count)) nonIntegers++;
      total += count;
      if (k < half) group += count;
      sum[k] = sum[k]! + count;
      sumSquares[k] = sumSquares[k]! + count * count;
    }
    if (total !== resampler.total) wrongTotals++;
    groupSum += group;
    groupSquares += group * group;
  }
  const mean = sum.map((s) => s / draws);
  const variance = sumSquares.map((s, k) => s / draws - mean[k]! ** 2);
  const groupVariance = groupSquares / draws - (groupSum / draws) ** 2;
  return { method: resampler.method, mean, variance, groupVariance, half, wrongTotals, nonIntegers };
}

describe("createCountResampler", () => {
  // Many light categories (the slot method) and few heavy ones (binomials) must both give Multinomial(N, w/N):
  // mean N·p, variance N·p(1−p), and for a group G of categories variance N·p_G(1−p_G) (the negative covariances:
  // independent Poisson counts would give N·p_G).
  it.each([
    { name: "slots", weights: Float64Array.from({ length: 400 }, (_, k) => (k % 7 === 3 ? 0 : 1 + (k % 3))) },
    { name: "binomials", weights: Float64Array.from([500, 300, 0, 150, 50]) },
  ])("draws multinomial counts with the right moments ($name)", ({ name, weights }) => {
    const draws = 4000;
    const { method, mean, variance, groupVariance, half, wrongTotals, nonIntegers } = moments(weights, draws, 11);
    expect(method).toBe(name);
    expect(wrongTotals).toBe(0);
    expect(nonIntegers).toBe(0);
    const total = weights.reduce((a, b) => a + b, 0);
    for (let k = 0; k < weights.length; k++) {
      const p = weights[k]! / total;
      const expectedVariance = total * p * (1 - p);
      if (p === 0) {
        expect(mean[k]).toBe(0);
        continue;
      }
      // Standard error of a mean of `draws` counts: √(variance/draws); allow 4.5 of them.
      expect(Math.abs(mean[k]! - total * p)).toBeLessThan(4.5 * Math.sqrt(expectedVariance / draws));
      // Variance of a sample variance ≈ 2σ⁴/draws (+ excess kurtosis); allow 20% here.
      expect(Math.abs(variance[k]! / expectedVariance - 1)).toBeLessThan(0.2);
    }
    const groupShare = weights.subarray(0, half).reduce((a, b) => a + b, 0) / total;
    expect(Math.abs(groupVariance / (total * groupShare * (1 - groupShare)) - 1)).toBeLessThan(0.12);
  });

  it("gives each slot probability 1/N: a category's count over many rounds matches its weight (χ² test)", () => {
    // 64 categories of weight 1..4: N = 160; over 500 rounds the summed counts are Poisson-like with mean 500·w.
    const weights = Float64Array.from({ length: 64 }, (_, k) => 1 + (k % 4));
    const resampler = createCountResampler(weights);
    expect(resampler.method).toBe("slots");
    const out = new Float64Array(weights.length);
    const summed = new Float64Array(weights.length);
    const random = createRandomSource(3);
    for (let round = 0; round < 500; round++) {
      resampler.draw(random, out);
      for (let k = 0; k < out.length; k++) summed[k] = summed[k]! + out[k]!;
    }
    let chiSquare = 0;
    for (let k = 0; k < weights.length; k++) {
      const expected = 500 * weights[k]!;
      chiSquare += (summed[k]! - expected) ** 2 / expected;
    }
    expect(chiSquare).toBeLessThan(112.3); // χ²(63) 99.9% point
  });

  it("is reproducible per seed and uses 53-bit uniforms above 2²¹ draws", () => {
    const weights = new Float64Array(1_200_000).fill(2);
    const resampler = createCountResampler(weights);
    expect(resampler.total).toBe(2_400_000);
    const a = resampler.draw(createRandomSource(5), new Float64Array(weights.length)).slice();
    const b = resampler.draw(createRandomSource(5), new Float64Array(weights.length));
    let differences = 0;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) differences++;
    expect(differences).toBe(0);
    let total = 0;
    let zeros = 0;
    for (const count of a) {
      total += count;
      if (count === 0) zeros++;
    }
    expect(total).toBe(2_400_000);
    // P(count = 0) for a weight-2 category = (1 − 2/N)^N ≈ e⁻² = 0.1353; sd of the share ≈ 0.0003.
    expect(Math.abs(zeros / weights.length - Math.exp(-2))).toBeLessThan(0.0015);
  });

  it("falls back to binomials for fractional weights and rejects negative ones", () => {
    expect(createCountResampler(Float64Array.from([0.5, 1.5, 2])).method).toBe("binomials");
    expect(() => createCountResampler(Float64Array.from([1, -1]))).toThrow(/weight 1 is -1/);
  });
});
