import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "./normal-distribution.js";
import { createRandomSource } from "./random-source.js";
import { sampleBinomial, stirlingTail } from "./sample-binomial.js";
import { sampleMultinomial } from "./sample-multinomial.js";

/** Pearson χ² of `draws` samples against the exact pmf over bins with expected count ≥ 5 (tails pooled). */
function chiSquare(n: number, p: number, draws: number, seed: number): { statistic: number; bins: number } {
  const random = createRandomSource(seed);
  const counts = new Map<number, number>();
  for (let s = 0; s < draws; s++) {
    const k = sampleBinomial(random, n, p);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let statistic = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  // ln pmf(k) by the recurrence pmf(k+1) = pmf(k)·(n − k)/(k + 1)·p/(1 − p).
  let logPmf = n * Math.log1p(-p);
  for (let k = 0; k <= n; k++) {
    if (k > 0) logPmf += Math.log((n - k + 1) / k) + Math.log(p / (1 - p));
    const expected = draws * Math.exp(logPmf);
    pooledObserved += counts.get(k) ?? 0;
    pooledExpected += expected;
    if (pooledExpected >= 5) {
      statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
      bins++;
      pooledObserved = 0;
      pooledExpected = 0;
    }
  }
  if (pooledExpected > 0) statistic += (pooledObserved - pooledExpected) ** 2 / Math.max(pooledExpected, 1e-300);
  return { statistic, bins };
}

describe("sampleBinomial", () => {
  // Fit against the exact pmf for both branches (inversion n·p < 10, BTRS otherwise) and p > ½ by symmetry.
  // Threshold: the 99.9% point of χ²(bins − 1) by the Wilson–Hilferty approximation.
  it.each([
    [20, 0.1],
    [50, 0.15],
    [40, 0.5],
    [1000, 0.3],
    [100000, 0.02],
    [1000000, 0.000012],
    [300, 0.93],
  ])("matches the Binomial(%i, %f) pmf (χ² test, 20,000 draws)", (n, p) => {
    const { statistic, bins } = chiSquare(n, p, 20000, n + Math.round(p * 1000));
    const df = bins - 1;
    const z = normalQuantile(0.999);
    const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
    expect(statistic).toBeLessThan(critical);
  });

  it("handles the edges", () => {
    const random = createRandomSource(1);
    expect(sampleBinomial(random, 0, 0.3)).toBe(0);
    expect(sampleBinomial(random, 10, 0)).toBe(0);
    expect(sampleBinomial(random, 10, 1)).toBe(10);
  });

  it("uses exact Stirling tails for small k and the series beyond", () => {
    // fc(k) = ln k! − (k+½)ln(k+1) + (k+1) − ½ln 2π; fc(0) = 1 − ½ln 2π = 0.0810614667953272 (PyTorch's table).
    expect(stirlingTail(0)).toBeCloseTo(0.0810614667953272, 15);
    expect(stirlingTail(9)).toBeCloseTo(0.00833056343336287, 15);
    let logFactorial = 0;
    for (let k = 1; k <= 30; k++) logFactorial += Math.log(k);
    expect(stirlingTail(30)).toBeCloseTo(logFactorial - 30.5 * Math.log(31) + 31 - 0.5 * Math.log(2 * Math.PI), 12);
  });
});

describe("sampleMultinomial", () => {
  it("draws exactly `total` items and matches the expected shares", () => {
    const random = createRandomSource(7);
    const weights = [5, 0, 1, 3, 1];
    const sums = [0, 0, 0, 0, 0];
    const out = new Float64Array(5);
    for (let round = 0; round < 2000; round++) {
      sampleMultinomial({ random, total: 100, weights, out });
      expect(out.reduce((a, b) => a + b, 0)).toBe(100);
      out.forEach((value, k) => {
        sums[k] = sums[k]! + value;
      });
    }
    // Mean count 100·w/Σw; standard error of the mean over 2000 rounds ≤ √(100·0.25/2000) ≈ 0.11.
    [50, 0, 10, 30, 10].forEach((expected, k) => {
      expect(Math.abs(sums[k]! / 2000 - expected)).toBeLessThan(0.5);
    });
  });

  it("rejects negative weights", () => {
    expect(() =>
      sampleMultinomial({ random: createRandomSource(1), total: 3, weights: [1, -1], out: new Float64Array(2) }),
    ).toThrow(/weight 1/);
  });
});

describe("normal distribution", () => {
  // Reference values: scipy.stats.norm.cdf / norm.ppf (scipy 1.10.1, Debian python3-scipy).
  it.each([
    [-8, 6.22096057427174e-16],
    [-7.5, 3.1908916729108844e-14],
    [-3, 0.0013498980316300933],
    [-1.5, 0.06680720126885807],
    [-0.3, 0.3820885778110474],
    [0, 0.5],
    [0.2, 0.579259709439103],
    [1, 0.8413447460685429],
    [2.5, 0.9937903346742238],
    [7.2, 0.9999999999996989],
  ])("Φ(%f) = %f", (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThan(Math.max(1e-15, 1e-12 * expected));
  });

  it.each([
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.02, -2.053748910631823],
    [0.3, -0.5244005127080409],
    [0.5, 0],
    [0.55, 0.12566134685507416],
    [0.975, 1.959963984540054],
    [0.999999, 4.753424308817087],
  ])("Φ⁻¹(%f) = %f", (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 9);
  });
});
