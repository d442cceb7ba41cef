/**
 * Adaptive scheduling to a target precision (issue 19): in simulation with known strengths (`items` synthetic
 * papers, quality ~ N(0, 1.5²), one unbiased simulated judge, so P(a beats b) = σ(q_a − q_b)), each scheduler runs
 * on the same items, and its ranking is scored on prefixes of its log by one estimator (Bradley–Terry posterior
 * mean): Spearman's ρ with the truth and the share of the true top 10 found. Schedulers:
 *   - round robin: every pair once (n(n−1)/2 comparisons); only its final accuracy counts (its plan order is not
 *     random, so its prefixes are no fair curve);
 *   - seed system (`seed-system`, its own stop rules: σ ≤ 2.5, top σ ≤ 2, ≤ 50 matches per item);
 *   - random pairs, stop rules off, up to every pair once;
 *   - target (`target`, precision target unreachable so it runs to the same budget: the curve), and target with
 *     its stop rule (top-5 rank widths ≤ 12) to show where it stops on its own.
 * For each reference (round robin, seed system, random at round robin's budget) it prints the comparisons the
 * target's mean curve needs to reach the reference's final mean accuracy (both metrics, and staying there) and the
 * ratio; the issue's goal is ≤ 0.7. Writes the curves as a vega-lite spec and SVG to reports/bench/scheduling.*.
 * Usage: pnpm bench scheduling [items] [replications]   (default 80 items, 8 replications; about 2 minutes)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderChartSvg } from "@judgelab/report";
import { createSyntheticItems, type TournamentConfigInput } from "@judgelab/tournament";
import { buildSchedulingChart } from "./scheduling-chart.ts";
import {
  type CurvePoint,
  comparisonsToReach,
  meanCurve,
  runScheduler,
  type SchedulerRun,
} from "./scheduling-curves.ts";

const itemCount = Number(process.argv[2] ?? 80);
const replications = Number(process.argv[3] ?? 8);
const topK = 10;
const step = itemCount / 2;
const allPairs = (itemCount * (itemCount - 1)) / 2;
const noStop = { sigma: 0, topSigma: 0, maxMatchesPerItem: itemCount, keepPlayingUndefeated: false };

const designs: Record<string, Pick<TournamentConfigInput, "scheduler" | "stop">> = {
  "round robin": { scheduler: { kind: "round-robin", byCategory: false } },
  "seed system": { scheduler: { kind: "seed-system" } },
  random: { scheduler: { kind: "random" }, stop: { ...noStop, maxMatches: allPairs } },
  // An unreachable target (rank width 0 for every item) keeps it planning up to the budget: its curve.
  target: { scheduler: { kind: "target", target: { rankWidth: 0, topK: itemCount } }, stop: { maxMatches: allPairs } },
  // The same aimed at the top 10: only items that may be in the top 10 propose pairs.
  "target top-10": { scheduler: { kind: "target", target: { rankWidth: 0, topK } }, stop: { maxMatches: allPairs } },
  "target (stop rule)": { scheduler: { kind: "target", target: { rankWidth: 12, topK: 5 } } },
};

const runs: Record<string, SchedulerRun[]> = {};
for (let replication = 0; replication < replications; replication++) {
  const seed = 1900 + replication;
  const items = createSyntheticItems({ count: itemCount, categories: ["all"], qualitySd: 1.5, seed });
  for (const [name, design] of Object.entries(designs)) {
    const run = await runScheduler({ items, seed, config: design, step, topK });
    (runs[name] ??= []).push(run);
  }
}

const finalOf = (name: string): CurvePoint => meanCurve((runs[name] ?? []).map((run) => [run.curve.at(-1)!]))[0]!;
const meanComparisons = (name: string) =>
  (runs[name] ?? []).reduce((sum, run) => sum + run.comparisons, 0) / replications;
const targetCurve = meanCurve((runs.target ?? []).map((run) => run.curve));
const targetTopCurve = meanCurve((runs["target top-10"] ?? []).map((run) => run.curve));

process.stdout.write(`${itemCount} items, ${replications} replications, top ${topK}, all pairs = ${allPairs}\n`);
process.stdout.write("scheduler            comparisons  spearman  top-10  stop reason        seconds/run\n");
for (const name of Object.keys(designs)) {
  const final = finalOf(name);
  const reasons = [...new Set((runs[name] ?? []).map((run) => run.reason))].join(",");
  const seconds = (runs[name] ?? []).reduce((sum, run) => sum + run.seconds, 0) / replications;
  process.stdout.write(
    `${name.padEnd(20)} ${meanComparisons(name).toFixed(0).padStart(11)}  ${final.spearman.toFixed(4)}    ${final.topK.toFixed(3)}  ${reasons.padEnd(18)} ${seconds.toFixed(2)}\n`,
  );
}
const randomCurve = meanCurve((runs.random ?? []).map((run) => run.curve));
process.stdout.write(
  "\nmean curves (Spearman / top-10) at equal comparisons:\n  comparisons  target           target top-10    random\n",
);
for (const fraction of [0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1]) {
  const index = Math.max(1, Math.round((fraction * allPairs) / step)) - 1;
  const cell = (curve: CurvePoint[]) => {
    const point = curve[Math.min(index, curve.length - 1)]!;
    return `${point.spearman.toFixed(4)} / ${point.topK.toFixed(2)}`;
  };
  process.stdout.write(
    `  ${((index + 1) * step).toFixed(0).padStart(11)}  ${cell(targetCurve)}  ${cell(targetTopCurve)}  ${cell(randomCurve)}\n`,
  );
}
process.stdout.write(
  "\ncomparisons each target variant needs to reach a reference's final accuracy (Spearman and top-10):\n",
);
const ratios: number[] = [];
for (const reference of ["round robin", "seed system", "random"]) {
  const used = meanComparisons(reference);
  const cells = [
    ["target", targetCurve],
    ["target top-10", targetTopCurve],
  ].map(([name, curve]) => {
    const needed = comparisonsToReach(curve as CurvePoint[], finalOf(reference));
    const ratio = needed === undefined ? Number.NaN : needed / used;
    return { name: name as string, needed, ratio };
  });
  const best = Math.min(...cells.map((cell) => (Number.isNaN(cell.ratio) ? Number.POSITIVE_INFINITY : cell.ratio)));
  ratios.push(best);
  const text = cells
    .map(
      (cell) =>
        `${cell.name} ${cell.needed === undefined ? "not reached" : cell.needed.toFixed(0)} (${cell.ratio.toFixed(3)})`,
    )
    .join(", ");
  process.stdout.write(`  vs ${reference.padEnd(12)} ${used.toFixed(0).padStart(6)}: ${text}\n`);
  // Informative only (not the goal): within 0.002 of the reference's Spearman, as much below as the noise.
  const loose = comparisonsToReach(targetCurve, finalOf(reference), 0.002);
  process.stdout.write(
    `     target within 0.002 Spearman (same top-10): ${loose === undefined ? "not reached" : `${loose.toFixed(0)} (${(loose / used).toFixed(3)})`}\n`,
  );
  // Where the goal is measured: accuracy at 70% of the reference's comparisons against the reference's final.
  const at = (curve: CurvePoint[]) => curve[Math.min(curve.length, Math.max(1, Math.round((0.7 * used) / step))) - 1]!;
  const final = finalOf(reference);
  process.stdout.write(
    `     at 0.7 × ${used.toFixed(0)}: target ${at(targetCurve).spearman.toFixed(4)} / ${at(targetCurve).topK.toFixed(2)}, ` +
      `target top-10 ${at(targetTopCurve).spearman.toFixed(4)} / ${at(targetTopCurve).topK.toFixed(2)}; ` +
      `${reference} final ${final.spearman.toFixed(4)} / ${final.topK.toFixed(2)}\n`,
  );
}
const worst = Math.max(...ratios);
process.stdout.write(
  `worst best-variant ratio ${worst.toFixed(3)} (goal ≤ 0.7): ${worst <= 0.7 ? "goal met" : "goal NOT met"}\n`,
);

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, "..", "..", "reports", "bench");
mkdirSync(outDir, { recursive: true });
const spec = buildSchedulingChart({
  curves: {
    target: targetCurve,
    "target top-10": targetTopCurve,
    random: randomCurve,
    "seed system": meanCurve((runs["seed system"] ?? []).map((run) => run.curve)),
  },
  finals: Object.fromEntries(
    ["round robin", "seed system", "target (stop rule)"].map((name) => [
      name,
      { ...finalOf(name), comparisons: meanComparisons(name) },
    ]),
  ),
  title: `${itemCount} items, mean of ${replications} simulations`,
});
writeFileSync(path.join(outDir, "scheduling.vl.json"), `${JSON.stringify(spec, null, 1)}\n`);
writeFileSync(path.join(outDir, "scheduling.svg"), await renderChartSvg(spec));
process.stdout.write(`wrote ${path.relative(process.cwd(), path.join(outDir, "scheduling.vl.json"))} and .svg\n`);
