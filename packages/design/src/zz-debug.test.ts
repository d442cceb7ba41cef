import { schedulerSchema } from "@judgelab/tournament";
import { it } from "vitest";
import { parsePlanTarget } from "./parse-plan-target.js";
import { runPowerAnalysis } from "./run-power-analysis.js";
it("debug", () => {
  for (const [items, kind, order, max] of [[30, "random", "random", 24], [12, "round-robin", "both", 8]] as const) {
  const analysis = runPowerAnalysis({
    assumptions: { items, spreadSd: 1, judges: 2, judgeNoise: 0.2, tieRate: 0.1, positionBias: 0.05 },
    targets: ["rank-width=6", "top-k=3@0.5", "separate=150"].map(parsePlanTarget),
    scheduler: schedulerSchema.parse({ kind }), order, simulations: 40, maxComparisons: max, seed: 7,
  });
  for (const p of analysis.points) console.log(p.comparisonsPerItem, p.realisedComparisons, p.estimates.map((e) => `${e.estimate.toFixed(3)}±${e.standardError.toFixed(3)} ${e.studies}`).join(" | "));
  console.log(JSON.stringify(analysis.results.map((r) => [r.target, r.needed, r.neededStandardError])));
  }
});
