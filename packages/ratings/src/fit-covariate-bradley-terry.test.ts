import { describe, expect, it } from "vitest";
import { aggregateCovariateCells } from "./covariate-cells.js";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import { fitCovariateBradleyTerry } from "./fit-covariate-bradley-terry.js";
import { normalQuantile } from "./normal-distribution.js";
import { normaliseStyleDifferences } from "./normalise-style-differences.js";
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
});
