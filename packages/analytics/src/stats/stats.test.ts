import { normalCdf, normalQuantile } from "@judgelab/ratings";
import { describe, expect, it } from "vitest";
import { cohenKappa } from "../agreement/cohen-kappa.js";
import { binomialTestPValue, mcnemarExactPValue } from "./binomial-test.js";
import { expectedTopOverlap } from "./expected-top-overlap.js";
import { proportion } from "./proportion.js";
import { kendallTauB, spearman } from "./rank-correlation.js";

// Expected values computed with Debian python3-scipy 1.10.1 / python3-sklearn 1.2.1 on this machine:
// cohen_kappa_score, spearmanr, kendalltau, binomtest, multivariate_normal.cdf.
describe("statistics against scipy / sklearn", () => {
  it("Cohen κ unweighted, linear and quadratic (sklearn cohen_kappa_score)", () => {
    const a = [0, 1, 2, 2, 1, 0, 0, 2, 1, 1, 2, 0];
    const b = [0, 2, 2, 1, 1, 0, 1, 2, 0, 1, 2, 2];
    expect(cohenKappa(a, b, 3).value).toBeCloseTo(0.375, 12);
    expect(cohenKappa(a, b, 3, "linear").value).toBeCloseTo(0.4375, 12);
    expect(cohenKappa(a, b, 3, "quadratic").value).toBeCloseTo(0.5, 12);
  });

  it("Spearman ρ and Kendall τ-b with ties (scipy spearmanr, kendalltau)", () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4];
    expect(spearman(x, y)).toBeCloseTo(0.1384567651467695, 12);
    expect(kendallTauB(x, y)).toBeCloseTo(0.14757295747452434, 12);
    expect(Number.isNaN(spearman([1, 1, 1], [1, 2, 3]))).toBe(true);
  });

  it("exact binomial test (scipy binomtest two-sided) and McNemar", () => {
    expect(binomialTestPValue(7, 10)).toBeCloseTo(0.34375, 12);
    expect(binomialTestPValue(3, 20, 0.3)).toBeCloseTo(0.22041826738070913, 10);
    expect(binomialTestPValue(60, 100)).toBeCloseTo(0.05688793364098088, 10);
    expect(binomialTestPValue(0, 0)).toBeNull();
    expect(mcnemarExactPValue(7, 3)).toBeCloseTo(0.34375, 12);
  });

  it("normal CDF/quantile (ratings' double-precision ones) and expected top-k overlap under a bivariate normal", () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 13);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 13);
    expect(expectedTopOverlap(0.1, 0.5)).toBeCloseTo(0.32401523218343553, 5);
    expect(expectedTopOverlap(0.25, 0.8)).toBeCloseTo(0.6763340661509409, 5);
    expect(expectedTopOverlap(0.2, 0)).toBeCloseTo(0.2, 5);
  });

  it("Wilson interval 8 of 10 → [0.4902, 0.9433]", () => {
    const p = proportion(8, 10);
    expect(p.ci?.lower).toBeCloseTo(0.4902, 4);
    expect(p.ci?.upper).toBeCloseTo(0.9433, 4);
    expect(proportion(0, 0)).toEqual({ count: 0, n: 0, value: null });
  });
});
