/**
 * `judgelab plan`'s cost and where it goes (issue 19): a power analysis at the command's defaults (300 items,
 * spread 0.8, 3 judges, random scheduler, random order; budgets 8…64 comparisons per item) with R studies, then,
 * in the same run, its two parts alone on the same studies:
 *   (a) simulation and scheduling only (`SimulatedStudy.extendTo`, tournament's `planRound` each round);
 *   (b) the Bradley–Terry fits and target measurements only, at the same budgets on the logs from (a).
 * Prints the times and the ratios (a)/total and (b)/total, so a change to the scheduler or the fits shows where it
 * moved. Usage: pnpm bench plan [studies]   (default 20)
 */
import { loadavg } from "node:os";
import { measureStudy, parsePlanTarget, runPowerAnalysis, SimulatedStudy } from "@judgelab/design";
import { createRandomSource } from "@judgelab/ratings";
import { schedulerSchema, stopSchema } from "@judgelab/tournament";

const studies = Number(process.argv[2] ?? 20);
const assumptions = { items: 300, spreadSd: 0.8, judges: 3, judgeNoise: 0.3, tieRate: 0.1, positionBias: 0.05 };
const targets = ["rank-width=60", "top-k=3@0.5", "separate=100"].map(parsePlanTarget);
const scheduler = schedulerSchema.parse({ kind: "random" });

// Warm-up (JIT) so that the first measurement does not pay for compilation alone.
runPowerAnalysis({ assumptions, targets, scheduler, order: "random", simulations: 2, maxComparisons: 16, seed: 2 });

let started = performance.now();
const analysis = runPowerAnalysis({
  assumptions,
  targets,
  scheduler,
  order: "random",
  simulations: studies,
  maxComparisons: 64,
  seed: 1,
});
const total = performance.now() - started;
const budgets = analysis.points.map((point) => point.comparisonsPerItem);

started = performance.now();
const logs = Array.from({ length: studies }, (_, replicate) => {
  const study = new SimulatedStudy({
    assumptions,
    tieParameter: analysis.tieParameter,
    scheduler,
    stop: stopSchema.parse({ sigma: 0, topSigma: 0, maxMatchesPerItem: 1_000_000_000, keepPlayingUndefeated: false }),
    order: "random",
    seed: 1,
    replicate,
  });
  study.extendTo(Math.max(...budgets) * 150);
  return study;
});
const simulation = performance.now() - started;

started = performance.now();
for (const study of logs) {
  for (const budget of budgets) {
    measureStudy({
      outcomes: study.outcomesUpTo(budget * 150),
      truth: study.truth,
      targets,
      prior: 0.01,
      rankDraws: 100,
      random: createRandomSource(budget),
    });
  }
}
const fitting = performance.now() - started;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`load average ${loadavg()[0]?.toFixed(2)}; ${studies} studies, budgets ${budgets.join(", ")} per item`);
console.log(`power analysis:            ${seconds(total)}`);
console.log(`(a) simulation+scheduling: ${seconds(simulation)}  (${(simulation / total).toFixed(2)} of the total)`);
console.log(
  `(b) fits+measurements:     ${seconds(fitting)}  (${(fitting / total).toFixed(2)} of the total, no warm starts)`,
);
