import { describe, expect, it } from "vitest";
import { aggregateCovariateCells } from "./covariate-cells.js";
import { fitCovariateBradleyTerry } from "./fit-covariate-bradley-terry.js";
import { normaliseStyleDifferences } from "./normalise-style-differences.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { rateItems } from "./rate-items.js";
import { readFixture } from "./test-support/fixtures.js";

interface StyleFixture {
  models: string[];
  names: string[];
  first: number[];
  second: number[];
  verdict: number[];
  firstFeatures: number[][];
  secondFeatures: number[][];
  scales: number[];
  plain: { ratings: number[]; coefficients: number[] };
  penalised: { prior: number; ridge: number; ratings: number[]; coefficients: number[] };
}

interface RaoKupperFixture {
  items: string[];
  first: number[];
  second: number[];
  verdict: number[];
  logLikelihood: number;
  logStrengths: number[];
  logStrengthStandardErrors: number[];
  observedLogStrengthStandardErrors: number[];
  tau: number;
  tauStandardError: number;
  observedTauStandardError: number;
}

const outcomesOf = (fixture: { first: number[]; second: number[]; verdict: number[] }, itemIds: string[]) =>
  ({
    size: fixture.first.length,
    itemIds,
    first: Int32Array.from(fixture.first),
    second: Int32Array.from(fixture.second),
    verdict: Uint8Array.from(fixture.verdict),
  }) satisfies PairwiseOutcomes;

describe("style control parity with scikit-learn (scripts/reference/style_control_bradley_terry.py)", () => {
  const fixture = readFixture<StyleFixture>("style-control.json");
  const outcomes = outcomesOf(fixture, fixture.models);
  const features = {
    names: fixture.names,
    kinds: fixture.names.map(() => "ratio" as const),
    first: Float64Array.from(fixture.firstFeatures.flat()),
    second: Float64Array.from(fixture.secondFeatures.flat()),
  };

  it("normalises the differences like the reference", () => {
    const design = normaliseStyleDifferences(outcomes, features);
    fixture.scales.forEach((scale, k) => {
      expect(design.scales[k]).toBeCloseTo(scale, 12);
    });
  });

  for (const variant of ["plain", "penalised"] as const) {
    it(`${variant}: ratings within 0.01 Elo and coefficients within 1e-4`, () => {
      const expected = fixture[variant];
      const penalties = variant === "penalised" ? { prior: fixture.penalised.prior } : {};
      const report = rateItems(outcomes, {
        method: "bt",
        bootstrapRounds: 0,
        ...penalties,
        control: { features, ...(variant === "penalised" ? { ridge: fixture.penalised.ridge } : {}) },
      });
      expect(report.converged).toBe(true);
      for (const item of report.items) {
        const code = fixture.models.indexOf(item.id);
        expect(Math.abs(item.rating! - expected.ratings[code]!)).toBeLessThan(0.01);
      }
      report.control!.covariates.forEach((covariate, k) => {
        expect(Math.abs(covariate.value - expected.coefficients[k]!)).toBeLessThan(1e-4);
      });
    });
  }
});

describe("Rao–Kupper parity with a scipy fit of the likelihood (scripts/reference/rao_kupper_bradley_terry.py)", () => {
  const fixture = readFixture<RaoKupperFixture>("rao-kupper.json");
  const outcomes = outcomesOf(fixture, fixture.items);

  it("matches the estimates, the log-likelihood and the expected-information standard errors", () => {
    const fit = fitCovariateBradleyTerry(aggregateCovariateCells(outcomes), { ties: "rao-kupper" });
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeCloseTo(fixture.logLikelihood, 6);
    fixture.logStrengths.forEach((theta, i) => {
      expect(fit.logStrengths[i]).toBeCloseTo(theta, 5);
      expect(fit.logStrengthStandardErrors[i]).toBeCloseTo(fixture.logStrengthStandardErrors[i]!, 5);
      // Observed and expected information differ for Rao–Kupper, but only slightly at this sample size.
      expect(
        Math.abs(fit.logStrengthStandardErrors[i]! / fixture.observedLogStrengthStandardErrors[i]! - 1),
      ).toBeLessThan(0.05);
    });
    expect(Math.log(fit.tieParameter!.value)).toBeCloseTo(fixture.tau, 5);
    expect(fit.tieParameter!.logStandardError).toBeCloseTo(fixture.tauStandardError, 5);
  });

  it("rateItems --ties rao-kupper reports κ with a bootstrap interval", () => {
    const report = rateItems(outcomes, { method: "bt", ties: "rao-kupper", bootstrapRounds: 40, seed: 3 });
    expect(report.parameters.ties).toBe("rao-kupper");
    const kappa = report.tieParameter!;
    expect(kappa.value).toBeCloseTo(Math.exp(fixture.tau), 5);
    expect(kappa.ciLower!).toBeLessThan(kappa.value);
    expect(kappa.ciUpper!).toBeGreaterThan(kappa.value);
    expect(report.nonConvergedRounds).toBe(0);
  });
});
