/**
 * Adaptive scheduling to a target precision (issue 19): in simulation with known strengths (`items` synthetic
 * papers, quality ~ N(0, 1.5²), one unbiased simulated judge, so P(a beats b) = σ(q_a − q_b)), each scheduler runs
 * on the same items, and its ranking is scored on prefixes of its log by one estimator (Bradley–Terry posterior
 * mean): Spearman's ρ with the truth and the share of the true top 10 found. Schedulers:
 *   - round robin: every pair once (n(n−1)/2 comparisons); only its final accuracy counts (its plan order is not
 *     random, so its prefixes are no fair curve);
 *   - seed system (`seed-system`, its own stop rules: σ ≤ 2.5, top σ ≤ 2, ≤ 50 matches per item);
 *   - random pairs, stop rules off, up to every pair once;
 *   - target (`target`, precision target unreachable so it runs to the same budget: the curve), the same with
 *     `boundaryWeight: 0` (no extra weight on pairs across the top-10 boundary), and target with its stop rule
 *     (top-5 rank widths ≤ 12) to show where it stops on its own.
 * For each reference (round robin, seed system, random at round robin's budget) it prints, paired by simulation
 * (scheduling-reach.ts), the first budget from which the target's curve stays at or above the reference's final
 * accuracy on both metrics, strictly (mean difference ≥ 0) and within the simulation error (mean difference
 * ≥ −2 SE), with the differences and SEs there, and the ratio to the reference's comparisons; the goal is
 * ≤ 0.7 against every reference. Writes the curves as a vega-lite spec and SVG to reports/bench/scheduling.*.
 * Usage: pnpm bench scheduling [items] [replications] [target JSON] [skip]   (default 80 items, 16 replications;
 * about 2 minutes). Tuning runs: `[target JSON]` is merged into the `target` design's settings (e.g.
 * '{"boundaryWeight":3}'), `[skip]` lists designs not to run ('target β=0,target (stop rule)').
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderChartSvg } from "@judgelab/report";
import { createSyntheticItems, type TournamentConfigInput } from "@judgelab/tournament";
import { buildSchedulingChart } from "./scheduling-chart.ts";
import { type CurvePoint, meanCurve, runScheduler, type SchedulerRun } from "./scheduling-curves.ts";
import { firstReach, meanAndSe, pairedDifferences, type Reach } from "./scheduling-reach.ts";

const signed = (value: number, digits: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(digits)}`;

const itemCount = Number(process.argv[2] ?? 80);
const replications = Number(process.argv[3] ?? 16);
const topK = 10;
const step = itemCount / 2;
const allPairs = (itemCount * (itemCount - 1)) / 2;
const noStop = { sigma: 0, topSigma: 0, maxMatchesPerItem: itemCount, keepPlayingUndefeated: false };

// Tuning runs: JSON merged into the `target` design's settings (e.g. '{"boundaryWeight":3}').
const targetTuning = JSON.parse(process.argv[4] || "{}") as Record<string, unknown>;
const designs: Record<string, Pick<TournamentConfigInput, "scheduler" | "stop">> = {
  "round robin": { scheduler: { kind: "round-robin", byCategory: false } },
  "seed system": { scheduler: { kind: "seed-system" } },
  random: { scheduler: { kind: "random" }, stop: { ...noStop, maxMatches: allPairs } },
  // An unreachable target (median rank width 0) keeps it planning up to the budget: its curve.
  // No per-item match cap (round robin and random have none either: every item may play all n − 1 others).
  target: {
    scheduler: { kind: "target", target: { rankWidth: 0, ...targetTuning } },
    stop: { ...noStop, maxMatches: allPairs },
  },
  // The same aimed at the top 10: only items that may be in the top 10 propose pairs.
  // The same without the top-k boundary weight (the scheduler before it), to measure what the weight buys.
  "target β=0": {
    scheduler: { kind: "target", target: { rankWidth: 0, ...targetTuning, boundaryWeight: 0 } },
    stop: { ...noStop, maxMatches: allPairs },
  },
  "target (stop rule)": { scheduler: { kind: "target", target: { rankWidth: 12, topK: 5 } } },
};

const runs: Record<string, SchedulerRun[]> = {};
// Tuning runs: comma-separated designs not to run; the references and `target` always run.
for (const name of (process.argv[5] ?? "").split(",")) {
  if (name !== "" && !["round robin", "seed system", "random", "target"].includes(name)) delete designs[name];
}
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
const present = (name: string) => (runs[name]?.length ?? 0) > 0;
const targetUnweightedCurve = present("target β=0")
  ? meanCurve((runs["target β=0"] ?? []).map((run) => run.curve))
  : targetCurve;

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
  "\nmean curves (Spearman / top-10) at equal comparisons:\n  comparisons  target           target β=0       random\n",
);
for (const fraction of [0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1]) {
  const index = Math.max(1, Math.round((fraction * allPairs) / step)) - 1;
  const cell = (curve: CurvePoint[]) => {
    const point = curve[Math.min(index, curve.length - 1)]!;
    return `${point.spearman.toFixed(4)} / ${point.topK.toFixed(2)}`;
  };
  process.stdout.write(
    `  ${((index + 1) * step).toFixed(0).padStart(11)}  ${cell(targetCurve)}  ${cell(targetUnweightedCurve)}  ${cell(randomCurve)}\n`,
  );
}
const z = 2;
process.stdout.write(
  `\nbudget at which a target variant reaches a reference's final accuracy (paired by simulation, both metrics;\n` +
    `  strict: mean difference ≥ 0; within error: mean difference ≥ −${z} SE; ± = SE of the paired difference there):\n`,
);
const ratios: number[] = [];
for (const reference of ["round robin", "seed system", "random"]) {
  const used = meanComparisons(reference);
  const finals = (runs[reference] ?? []).map((run) => run.curve.at(-1)!);
  const final = finalOf(reference);
  const finalSe = (metric: "spearman" | "topK") => meanAndSe(finals.map((point) => point[metric])).se;
  process.stdout.write(
    `  vs ${reference} (${used.toFixed(0)} comparisons, final ${final.spearman.toFixed(4)} ± ${finalSe("spearman").toFixed(4)}` +
      ` / ${final.topK.toFixed(3)} ± ${finalSe("topK").toFixed(3)}):\n`,
  );
  let best = Number.POSITIVE_INFINITY;
  for (const name of ["target", "target β=0"].filter(present)) {
    const differences = pairedDifferences(
      (runs[name] ?? []).map((run) => run.curve),
      finals,
    );
    const describe = (point: Reach) =>
      `Δρ ${signed(point.spearman.mean, 4)} ± ${point.spearman.se.toFixed(4)}, ` +
      `Δtop ${signed(point.topK.mean, 3)} ± ${point.topK.se.toFixed(3)}`;
    const last = differences.at(-1)!;
    const cell = (reach: Reach | undefined) =>
      reach === undefined
        ? `not reached (at its last budget ${last.comparisons.toFixed(0)}: ${describe(last)})`
        : `${reach.comparisons.toFixed(0).padStart(5)} (ratio ${(reach.comparisons / used).toFixed(3)}; ${describe(reach)})`;
    const strict = firstReach(differences, 0);
    const loose = firstReach(differences, z);
    // The goal is judged on the one `target` design, not the best of several variants (no selection after the fact).
    if (loose !== undefined && name === "target") best = loose.comparisons / used;
    process.stdout.write(
      `     ${name.padEnd(14)} strict ${cell(strict)}\n     ${"".padEnd(14)} within error ${cell(loose)}\n`,
    );
  }
  ratios.push(best);
  process.stdout.write(
    `     target within-error ratio ${best.toFixed(3)}: ${best <= 0.7 ? "≤ 0.7, met" : "> 0.7, NOT met"}\n`,
  );
}
const worst = Math.max(...ratios);
process.stdout.write(
  `worst within-error ratio over the references ${worst.toFixed(3)} (goal ≤ 0.7): ${worst <= 0.7 ? "goal met" : "goal NOT met"}\n`,
);

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, "..", "..", "reports", "bench");
mkdirSync(outDir, { recursive: true });
const spec = buildSchedulingChart({
  curves: {
    target: targetCurve,
    "target β=0": targetUnweightedCurve,
    random: randomCurve,
    "seed system": meanCurve((runs["seed system"] ?? []).map((run) => run.curve)),
  },
  finals: Object.fromEntries(
    ["round robin", "seed system", "target (stop rule)"]
      .filter(present)
      .map((name) => [name, { ...finalOf(name), comparisons: meanComparisons(name) }]),
  ),
  title: `${itemCount} items, mean of ${replications} simulations`,
});
writeFileSync(path.join(outDir, "scheduling.vl.json"), `${JSON.stringify(spec, null, 1)}\n`);
writeFileSync(path.join(outDir, "scheduling.svg"), await renderChartSvg(spec));
process.stdout.write(`wrote ${path.relative(process.cwd(), path.join(outDir, "scheduling.vl.json"))} and .svg\n`);
