import { describe, expect, it } from "vitest";
import { aggregateCovariateCells } from "./covariate-cells.js";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import { fitCovariateBradleyTerry } from "./fit-covariate-bradley-terry.js";
import { normalQuantile } from "./normal-distribution.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { createRandomSource } from "./random-source.js";
import { rateItems } from "./rate-items.js";

/** Random tournament among `items` items with ties and a position effect, as rows. */
function simulateRows(seed: number, items: number, rows: number): PairwiseOutcomes {
  const random = createRandomSource(seed);
  const theta = Array.from({ length: items }, () => normalQuantile(random.next()));
  const first = new Int32Array(rows);
  const second = new Int32Array(rows);
  const verdict = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) {
    const a = Math.floor(random.next() * items);
    let b = Math.floor(random.next() * (items - 1));
    if (b >= a) b++;
    first[row] = a;
    second[row] = b;
    const p = 1 / (1 + Math.exp(-(theta[a]! - theta[b]! + 0.3)));
    const u = random.next();
    verdict[row] = u < 0.1 ? 2 : random.next() < p ? 0 : 1;
  }
  return { size: rows, itemIds: theta.map((_, i) => `m${i}`), first, second, verdict };
}

describe("fitCovariateBradleyTerry", () => {
  it("without covariates equals fitBradleyTerry (half ties, order effect, prior, anchor)", () => {
    const outcomes = simulateRows(5, 7, 600);
    for (const options of [
      { orderEffect: true },
      { prior: 0.1 },
      { orderEffect: true, prior: 0.05, anchor: { item: "m3", value: 1200 } },
    ]) {
      const reference = fitBradleyTerry(outcomes, options);
      const fit = fitCovariateBradleyTerry(
        aggregateCovariateCells(outcomes, { keepOrder: options.orderEffect === true }),
        options,
      );
      expect(fit.converged).toBe(true);
      for (let i = 0; i < 7; i++) {
        expect(fit.ratings[i]).toBeCloseTo(reference.ratings[i]!, 7);
        expect(fit.standardErrors[i]).toBeCloseTo(reference.standardErrors[i]!, 7);
      }
      if (options.orderEffect) expect(fit.orderEffect?.value).toBeCloseTo(reference.orderEffect!.value, 9);
      expect(fit.logLikelihood).toBeCloseTo(reference.logLikelihood, 7);
    }
  });

  it("style control recovers true strengths under a length preference; the plain fit does not", () => {
    // 6 models; the verbose ones are weaker. Each comparison is two answers to one prompt in random order; the
    // judge adds 1.0 log-odds per unit of (len_a − len_b)/(len_a + len_b + 1).
    const random = createRandomSource(42);
    const theta = [0.5, 0.3, 0.1, -0.1, -0.3, -0.5];
    const verbosity = [200, 300, 450, 700, 1000, 1500];
    const rows = 6000;
    const first = new Int32Array(rows);
    const second = new Int32Array(rows);
    const verdict = new Uint8Array(rows);
    const firstLength = new Float64Array(rows);
    const secondLength = new Float64Array(rows);
    const length = (model: number) => Math.round(verbosity[model]! * Math.exp(0.4 * normalQuantile(random.next())));
    for (let row = 0; row < rows; row++) {
      const a = Math.floor(random.next() * 6);
      const b = (a + 1 + Math.floor(random.next() * 5)) % 6;
      first[row] = a;
      second[row] = b;
      firstLength[row] = length(a);
      secondLength[row] = length(b);
      const d = (firstLength[row]! - secondLength[row]!) / (firstLength[row]! + secondLength[row]! + 1);
      verdict[row] = random.next() < 1 / (1 + Math.exp(-(theta[a]! - theta[b]! + 1.0 * d))) ? 0 : 1;
    }
    const outcomes = { size: rows, itemIds: theta.map((_, i) => `m${i}`), first, second, verdict };
    const control = {
      features: { names: ["length"], kinds: ["ratio" as const], first: firstLength, second: secondLength },
    };
    const controlled = rateItems(outcomes, { method: "bt", bootstrapRounds: 0, control });
    const plain = rateItems(outcomes, { method: "bt", bootstrapRounds: 0 });
    const points = 400 / Math.log(10);
    const error = (report: typeof plain) =>
      Math.max(
        ...report.items.map((item) => Math.abs(item.rating! - (1000 + points * theta[Number(item.id.slice(1))]!))),
      );
    // Every controlled Wald interval covers the truth here; the plain ones miss for the extreme models.
    const covered = (report: typeof plain) =>
      report.items.filter((item) => {
        const truth = 1000 + points * theta[Number(item.id.slice(1))]!;
        return item.ciLower! <= truth && truth <= item.ciUpper!;
      }).length;
    expect(error(controlled)).toBeLessThan(25);
    expect(error(plain)).toBeGreaterThan(40);
    expect(covered(controlled)).toBe(6);
    expect(covered(plain)).toBeLessThanOrEqual(3);
    // γ on the normalised scale is 1.0 × the RMS of the raw ratio.
    const coefficient = controlled.control!.covariates[0]!;
    expect(Math.abs(coefficient.value - 1.0 * coefficient.scale)).toBeLessThan(3 * coefficient.standardError!);
    // Rank shifts: the verbose weak model m5 is last either way, and shifts are reported for every item.
    expect(controlled.items.every((item) => typeof item.rankShift === "number")).toBe(true);
  });

  it("Rao–Kupper recovers the simulated strengths and threshold", () => {
    const random = createRandomSource(7);
    const theta = [-0.9, -0.3, 0.2, 0.4, 0.6];
    const tau = 0.6;
    const rows = 8000;
    const first = new Int32Array(rows);
    const second = new Int32Array(rows);
    const verdict = new Uint8Array(rows);
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    for (let row = 0; row < rows; row++) {
      const a = Math.floor(random.next() * 5);
      const b = (a + 1 + Math.floor(random.next() * 4)) % 5;
      first[row] = a;
      second[row] = b;
      const eta = theta[a]! - theta[b]!;
      const u = random.next();
      verdict[row] = u < sigma(eta - tau) ? 0 : u < sigma(eta - tau) + sigma(-eta - tau) ? 1 : 2;
    }
    const outcomes = { size: rows, itemIds: theta.map((_, i) => `m${i}`), first, second, verdict };
    const fit = fitCovariateBradleyTerry(aggregateCovariateCells(outcomes), { ties: "rao-kupper" });
    expect(fit.converged).toBe(true);
    const logKappa = Math.log(fit.tieParameter!.value);
    expect(Math.abs(logKappa - tau)).toBeLessThan(3 * fit.tieParameter!.logStandardError);
    for (let i = 0; i < 5; i++)
      expect(Math.abs(fit.logStrengths[i]! - theta[i]!)).toBeLessThan(3.5 * fit.logStrengthStandardErrors[i]!);
    // Half ties shrink the spread of the strengths (a tie pulls both towards each other): Rao–Kupper does not.
    const half = fitBradleyTerry(outcomes);
    expect(half.logStrengths[4]! - half.logStrengths[0]!).toBeLessThan(fit.logStrengths[4]! - fit.logStrengths[0]!);
  });

  it("names the covariate of a singular design", () => {
    const outcomes = simulateRows(11, 5, 400);
    const perItem = [3, 1, 4, 1, 5];
    const side = (codes: Int32Array, values: number[]) => Float64Array.from(codes, (code) => values[code]!);
    const constant = {
      names: ["quality"],
      kinds: ["difference" as const],
      first: new Float64Array(400).fill(2),
      second: new Float64Array(400).fill(2),
    };
    expect(() => rateItems(outcomes, { method: "bt", bootstrapRounds: 0, control: { features: constant } })).toThrow(
      /covariate "quality" is the same on both sides of every comparison/,
    );
    // A plain difference of a fixed per-item value is absorbed by the strengths.
    const fixed = {
      names: ["length", "quality"],
      kinds: ["ratio" as const, "difference" as const],
      first: new Float64Array(800),
      second: new Float64Array(800),
    };
    const lengths = [120, 300, 80, 500, 250];
    for (let row = 0; row < 400; row++) {
      fixed.first[2 * row] = lengths[outcomes.first[row]!]! + (row % 7) * 10;
      fixed.second[2 * row] = lengths[outcomes.second[row]!]!;
      fixed.first[2 * row + 1] = side(outcomes.first, perItem)[row]!;
      fixed.second[2 * row + 1] = side(outcomes.second, perItem)[row]!;
    }
    expect(() => rateItems(outcomes, { method: "bt", bootstrapRounds: 0, control: { features: fixed } })).toThrow(
      /covariate "quality" cannot be separated from the ratings/,
    );
  });

  it("fixed presentation order (vicuna-reviews shape): a position preference is not taken for a length effect", () => {
    // The first answer is always the longer one and the judge favours the first position by 0.6, with no
    // length preference at all. The design is antisymmetric (no centring), so with the order effect in the
    // model γ stays near 0 and δ near 0.6; without it, γ soaks up the position preference.
    const random = createRandomSource(99);
    const theta = [0.4, 0.1, -0.1, -0.4];
    const rows = 6000;
    const first = new Int32Array(rows);
    const second = new Int32Array(rows);
    const verdict = new Uint8Array(rows);
    const firstLength = new Float64Array(rows);
    const secondLength = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      const a = Math.floor(random.next() * 4);
      const b = (a + 1 + Math.floor(random.next() * 3)) % 4;
      first[row] = a;
      second[row] = b;
      firstLength[row] = 400 + Math.floor(random.next() * 400);
      secondLength[row] = 100 + Math.floor(random.next() * 300);
      verdict[row] = random.next() < 1 / (1 + Math.exp(-(theta[a]! - theta[b]! + 0.6))) ? 0 : 1;
    }
    const outcomes = { size: rows, itemIds: theta.map((_, i) => `m${i}`), first, second, verdict };
    const control = {
      features: { names: ["length"], kinds: ["ratio" as const], first: firstLength, second: secondLength },
    };
    const withOrder = rateItems(outcomes, { method: "bt", bootstrapRounds: 0, orderEffect: true, control });
    const length = withOrder.control!.covariates[0]!;
    expect(Math.abs(length.value)).toBeLessThan(3 * length.standardError!);
    expect(Math.abs(withOrder.orderEffect!.value - 0.6)).toBeLessThan(3 * withOrder.orderEffect!.standardError!);
    const withoutOrder = rateItems(outcomes, { method: "bt", bootstrapRounds: 0, control });
    expect(withoutOrder.control!.covariates[0]!.ciLower!).toBeGreaterThan(0);
  });
});
