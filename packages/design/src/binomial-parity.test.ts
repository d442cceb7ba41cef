import { readFileSync } from "node:fs";
import { schedulerSchema } from "@judgelab/tournament";
import { describe, expect, it } from "vitest";
import { binomialTestPower } from "./binomial-test-power.js";
import { parsePlanTarget } from "./parse-plan-target.js";
import { LOG_ODDS_PER_ELO } from "./plan-assumptions.js";
import { runPowerAnalysis } from "./run-power-analysis.js";

/** scipy's exact and normal-approximation powers (scripts/reference/binomial_test_power.py). */
const reference = JSON.parse(
  readFileSync(new URL("../fixtures/binomial-test-power.json", import.meta.url), "utf8"),
) as {
  elo: number;
  p: number;
  rows: { n: number; exact: number; normalApproximation: number }[];
};

/**
 * Two items 70 Elo apart, one noiseless judge, no ties, no position bias, the pair played n times (round robin):
 * the simulated probability that `separate=70` tells them apart must match the power of the binomial test within
 * three simulation standard errors: the exact power (scipy) and the closed-form normal approximation
 * ({@link binomialTestPower}). The approximation's own lattice error reaches ±0.05 at some n (0.047 at n = 50);
 * at these n it is below 0.02, inside the tolerance.
 */
describe("separate=D on two items: parity with the binomial test's power", () => {
  const elo = reference.elo;
  const analysis = runPowerAnalysis({
    assumptions: { items: 2, spreadSd: 0, judges: 1, judgeNoise: 0, tieRate: 0, positionBias: 0 },
    truth: Float64Array.of(0, elo * LOG_ODDS_PER_ELO),
    targets: [parsePlanTarget(`separate=${elo}@0.99`)],
    scheduler: schedulerSchema.parse({ kind: "round-robin" }),
    order: "random",
    simulations: 1500,
    startComparisons: 60,
    maxComparisons: 240,
    seed: 3,
  });

  it.each(reference.rows)("n = $n comparisons", ({ n, exact, normalApproximation }) => {
    const point = analysis.points.find((candidate) => candidate.comparisonsPerItem === n);
    const estimate = point?.estimates[0];
    expect(estimate).toBeDefined();
    expect(point!.realisedComparisons).toBe(n);
    const closedForm = binomialTestPower({ p: reference.p, n });
    expect(closedForm).toBeCloseTo(normalApproximation, 10);
    console.log(
      `parity n=${n}: simulated ${estimate!.estimate.toFixed(4)} ± ${estimate!.standardError.toFixed(4)}, ` +
        `exact ${exact.toFixed(4)}, normal approximation ${closedForm.toFixed(4)}`,
    );
    expect(Math.abs(estimate!.estimate - exact)).toBeLessThan(3 * estimate!.standardError);
    expect(Math.abs(estimate!.estimate - closedForm)).toBeLessThan(3 * estimate!.standardError);
  });

  it("the closed form itself: p = 0.6, n = 100 gives Φ((0.1·10 − 0.98)/0.49) (scipy)", () => {
    // (0.1·√100 − 0.5·z₀.₉₇₅)/√0.24 = 0.0408616; Φ(0.0408616) = 0.5162969 (scipy.stats.norm.ppf and .cdf).
    expect(binomialTestPower({ p: 0.6, n: 100 })).toBeCloseTo(0.5162969, 6);
  });
});
