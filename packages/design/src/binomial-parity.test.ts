import { schedulerSchema } from "@judgelab/tournament";
import { describe, expect, it } from "vitest";
import { binomialTestPower } from "./binomial-test-power.js";
import { LOG_ODDS_PER_ELO } from "./plan-assumptions.js";
import { parsePlanTarget } from "./parse-plan-target.js";
import { runPowerAnalysis } from "./run-power-analysis.js";

/**
 * Two items D Elo apart, one noiseless judge, no ties, no position bias, the pair played n times (round robin):
 * the simulated probability that `separate=D` tells them apart must match the closed-form power of the binomial
 * test (normal approximation, {@link binomialTestPower}) within three simulation standard errors.
 */
describe("separate=D on two items: parity with the binomial test's power", () => {
  const elo = 70;
  const p = 1 / (1 + Math.exp(-elo * LOG_ODDS_PER_ELO));
  const analysis = runPowerAnalysis({
    assumptions: { items: 2, spreadSd: 0, judges: 1, judgeNoise: 0, tieRate: 0, positionBias: 0 },
    truth: Float64Array.of(0, elo * LOG_ODDS_PER_ELO),
    targets: [parsePlanTarget(`separate=${elo}@0.99`)],
    scheduler: schedulerSchema.parse({ kind: "round-robin" }),
    order: "random",
    simulations: 1500,
    startComparisons: 40,
    maxComparisons: 160,
    seed: 3,
  });

  it.each([40, 80, 160])("n = %i comparisons", (n) => {
    const point = analysis.points.find((candidate) => candidate.comparisonsPerItem === n);
    const estimate = point?.estimates[0];
    expect(estimate).toBeDefined();
    const expected = binomialTestPower({ p, n });
    console.log(`parity n=${n}: simulated ${estimate!.estimate.toFixed(4)} ± ${estimate!.standardError.toFixed(4)}, closed form ${expected.toFixed(4)}`);
    expect(Math.abs(estimate!.estimate - expected)).toBeLessThan(3 * estimate!.standardError);
    expect(point!.realisedComparisons).toBe(n);
  });

  it("the closed form itself: p = 0.6, n = 100 gives Φ((0.1·10 − 0.98)/0.49) (scipy)", () => {
    // (0.1·√100 − 0.5·z₀.₉₇₅)/√0.24 = 0.0408616; Φ(0.0408616) = 0.5162969 (scipy.stats.norm.ppf and .cdf).
    expect(binomialTestPower({ p: 0.6, n: 100 })).toBeCloseTo(0.5162969, 6);
  });
});
