import { describe, expect, it } from "vitest";
import type { ClusterOption } from "./cluster-comparisons.js";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import { createRandomSource } from "./random-source.js";
import { sandwichBradleyTerry } from "./sandwich-bradley-terry.js";
import { readFixture } from "./test-support/fixtures.js";
import { simulateOutcomes } from "./test-support/simulate-outcomes.js";

/** scripts/reference/cluster_robust_bradley_terry.py: statsmodels GLM Binomial with cov_type "cluster". */
interface ClusterRobustFixture {
  statsmodels: string;
  items: string[];
  rows: { first: number[]; second: number[]; verdict: number[]; match: number[] };
  cases: {
    orderEffect: boolean;
    cluster: "match" | "pair" | "none";
    clusters: number;
    ratings: number[];
    standardErrors: number[];
    delta?: number;
    deltaStandardError?: number;
  }[];
}

describe("sandwichBradleyTerry against statsmodels (cluster-robust GLM, CR1)", () => {
  const fixture = readFixture<ClusterRobustFixture>("cluster-robust.json");
  const outcomes = {
    size: fixture.rows.first.length,
    itemIds: fixture.items,
    first: Int32Array.from(fixture.rows.first),
    second: Int32Array.from(fixture.rows.second),
    verdict: Uint8Array.from(fixture.rows.verdict),
    match: Int32Array.from(fixture.rows.match),
  };
  for (const reference of fixture.cases) {
    it(`matches the ratings and robust standard errors: cluster ${reference.cluster}, order effect ${reference.orderEffect}`, () => {
      const sandwich = sandwichBradleyTerry(outcomes, {
        cluster: reference.cluster as ClusterOption,
        orderEffect: reference.orderEffect,
        draws: 20,
      });
      expect(sandwich.clustering.clusters).toBe(reference.clusters);
      reference.ratings.forEach((rating, i) => {
        expect(sandwich.estimate[i]).toBeCloseTo(rating, 6);
        expect(sandwich.standardErrors[i]).toBeCloseTo(reference.standardErrors[i]!, 6);
      });
      if (reference.delta !== undefined) {
        expect(sandwich.fit.orderEffect?.value).toBeCloseTo(reference.delta, 8);
        expect(sandwich.orderEffectStandardError).toBeCloseTo(reference.deltaStandardError as number, 8);
      }
    });
  }
});

const strengths = [-0.8, -0.3, 0, 0.4, 0.7];

describe("sandwichBradleyTerry", () => {
  const outcomes = simulateOutcomes({ random: createRandomSource(8), strengths, comparisons: 6000, tieBand: 0.05 });

  it("without clusters (HC1) agrees with the Fisher standard errors on independent Bradley–Terry data", () => {
    const sandwich = sandwichBradleyTerry(outcomes, { draws: 50 });
    const fit = fitBradleyTerry(outcomes);
    expect(sandwich.clustering).toEqual({ by: "comparison", clusters: 6000, largest: 1 });
    expect(Array.from(sandwich.standardErrors)).toEqual(Array.from(sandwich.naiveStandardErrors));
    sandwich.standardErrors.forEach((error, i) => {
      // The model holds, so the robust and the model-based errors estimate the same thing (ties make the robust
      // one a little smaller: a tie's score varies less than a win's).
      expect(error / fit.standardErrors[i]!).toBeGreaterThan(0.9);
      expect(error / fit.standardErrors[i]!).toBeLessThan(1.05);
    });
    sandwich.lower.forEach((lower, i) => {
      expect(lower).toBeCloseTo(fit.ratings[i]! - 1.959963984540054 * sandwich.standardErrors[i]!, 9);
    });
    expect(sandwich.rankLower[4]).toBe(1);
  });

  it("keeps the anchor's rating fixed (standard error 0) and gives δ a robust interval", () => {
    const ordered = simulateOutcomes({
      random: createRandomSource(2),
      strengths,
      comparisons: 3000,
      orderEffect: 0.4,
    });
    const sandwich = sandwichBradleyTerry(ordered, {
      orderEffect: true,
      anchor: { item: "item2", value: 1000 },
      draws: 50,
    });
    expect(sandwich.standardErrors[2]).toBe(0);
    expect(sandwich.estimate[2]).toBeCloseTo(1000, 9);
    expect(sandwich.orderEffectInterval?.lower).toBeLessThan(0.4);
    expect(sandwich.orderEffectInterval?.upper).toBeGreaterThan(0.4);
  });

  it("refuses Davidson ties and fits without a finite MLE", () => {
    expect(() => sandwichBradleyTerry(outcomes, { ties: "davidson" })).toThrow(/half ties only/);
    const separated = {
      size: 3,
      itemIds: ["a", "b", "c"],
      first: Int32Array.from([0, 1, 0]),
      second: Int32Array.from([1, 2, 2]),
      verdict: Uint8Array.from([0, 0, 0]),
    };
    expect(() => sandwichBradleyTerry(separated)).toThrow(/finite, converged fit/);
  });
});
