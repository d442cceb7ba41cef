import { schedulerSchema } from "@judgelab/tournament";
import { describe, expect, it } from "vitest";
import { parsePlanTarget } from "./parse-plan-target.js";
import { runPowerAnalysis } from "./run-power-analysis.js";

const assumptions = { items: 30, spreadSd: 1, judges: 2, judgeNoise: 0.2, tieRate: 0.1, positionBias: 0.05 };

describe("runPowerAnalysis (known truth, small settings)", () => {
  const analysis = runPowerAnalysis({
    assumptions,
    targets: ["rank-width=16", "top-k=3@0.5", "separate=150"].map(parsePlanTarget),
    scheduler: schedulerSchema.parse({ kind: "random" }),
    order: "random",
    simulations: 40,
    maxComparisons: 32,
    seed: 7,
  });

  it("rank intervals narrow and separation power grows with comparisons per item", () => {
    const budgets = analysis.points.map((point) => point.comparisonsPerItem);
    expect(budgets[0]).toBe(2);
    const widths = analysis.points.map((point) => point.estimates[0]!.estimate);
    const separation = analysis.points.map((point) => point.estimates[2]!.estimate);
    // From the smallest to the largest budget, clearly beyond simulation error.
    expect(widths[0]! - widths.at(-1)!).toBeGreaterThan(5);
    expect(separation.at(-1)! - separation[0]!).toBeGreaterThan(0.15);
    for (let index = 1; index < widths.length; index++)
      expect(widths[index]!).toBeLessThanOrEqual(widths[index - 1]! + 1);
  });

  it("reports the budget found with the doubling-then-bisection search and its delta-method error", () => {
    const result = analysis.results[0]!;
    expect(result.reached).toBe(true);
    expect(result.closest.met).toBe(true);
    const below = analysis.points.filter((point) => point.comparisonsPerItem < result.needed!);
    expect(below.every((point) => !point.estimates[0]!.met)).toBe(true);
    const above = analysis.points.find((point) => point.comparisonsPerItem > result.needed!);
    if (above !== undefined) expect(above.estimates[0]!.met).toBe(true);
    expect(result.neededStandardError).toBeGreaterThan(0);
  });

  it("is reproducible from the seed", () => {
    const again = runPowerAnalysis({
      assumptions,
      targets: [parsePlanTarget("rank-width=16")],
      scheduler: schedulerSchema.parse({ kind: "random" }),
      order: "random",
      simulations: 40,
      maxComparisons: 4,
      seed: 7,
    });
    expect(again.points[0]!.estimates[0]).toEqual(analysis.points[0]!.estimates[0]);
  });
});

describe("a target out of reach", () => {
  it("says so and shows the closest estimate reached", () => {
    const analysis = runPowerAnalysis({
      assumptions: { ...assumptions, items: 12 },
      targets: [parsePlanTarget("rank-width=0")],
      scheduler: schedulerSchema.parse({ kind: "round-robin" }),
      order: "both",
      simulations: 10,
      maxComparisons: 8,
      seed: 1,
    });
    const result = analysis.results[0]!;
    expect(result.reached).toBe(false);
    expect(result.needed).toBeUndefined();
    expect(result.closest.comparisonsPerItem).toBe(8);
    expect(result.closest.estimate).toBe(Math.min(...analysis.points.map((point) => point.estimates[0]!.estimate)));
    expect(analysis.points.map((point) => point.comparisonsPerItem)).toEqual([2, 4, 8]);
  });
});
