/**
 * Analytics speed: `analyzeJudges` on (a) all 499 LLMBar runs (80,826 comparisons, both orders, gold labels;
 * read from ../shared/datasets/llmbar/verdicts_all.csv.gz) and (b) a simulated tournament of 200 items, 3
 * judges and 12,000 comparisons (the stability path: pooled BT bootstrap, per-judge boards, split-half,
 * convergence) and (c) 2,500 items, 3 judges, 110,001 comparisons (sparse Bradley–Terry). Prints CPU and wall
 * seconds per case; targets: (a) under 5 CPU seconds with 1000 bootstrap rounds, (c) under 60 CPU seconds. Usage: pnpm bench analytics [bootstrapRounds]   (default 1000)
 */
import { cpuUsage } from "node:process";
import { hasSharedData } from "@judgelab/test-shared-data";
// The repository root does not depend on the workspace packages, so import the package's entry points.
import { analyzeJudges } from "../../packages/analytics/src/index.js";
import { buildLlmbarTable, readLlmbarVerdicts } from "../../packages/analytics/src/test-support/llmbar-table.js";
import { simulateJudges } from "../../packages/analytics/src/test-support/simulate-judges.js";

const rounds = Number(process.argv[2] ?? 1000);
const target = { llmbarCpuSeconds: 5 };

function measure(label: string, run: () => void): number {
  const cpu = cpuUsage();
  const started = performance.now();
  run();
  const used = cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const wall = (performance.now() - started) / 1000;
  process.stdout.write(`${label}: ${cpuSeconds.toFixed(2)} CPU s, ${wall.toFixed(2)} wall s\n`);
  return cpuSeconds;
}

let failed = false;
if (hasSharedData("datasets/llmbar")) {
  const { table, references } = buildLlmbarTable(readLlmbarVerdicts());
  const cpu = measure(`LLMBar, ${table.size} comparisons, ${table.judgeIds.length} runs, ${rounds} rounds`, () => {
    analyzeJudges({ table, references, options: { seed: 1, bootstrapRounds: rounds } });
  });
  process.stdout.write(
    `  target < ${target.llmbarCpuSeconds} CPU s: ${cpu < target.llmbarCpuSeconds ? "met" : "MISSED"}\n`,
  );
  failed ||= cpu >= target.llmbarCpuSeconds;
} else process.stdout.write("LLMBar: skipped (no ../shared/datasets)\n");

const simulation = simulateJudges({
  seed: 1,
  items: 200,
  pairs: 4000,
  judges: [{ id: "a", positionBias: 0.3 }, { id: "b" }, { id: "c", noise: 2 }],
});
measure(`simulated, ${simulation.table.size} comparisons, 200 items, ${rounds} rounds`, () => {
  analyzeJudges({
    table: simulation.table,
    items: simulation.items,
    judges: simulation.judges,
    options: { seed: 1, bootstrapRounds: rounds },
  });
});

// (c) The seed system's scale: 2,500 items, 3 judges each judging the same 36,667 pairs (110,001 comparisons,
// ~88 per item): stability runs on the sparse Bradley–Terry solver. Target: well under a minute.
const large = simulateJudges({
  seed: 2,
  items: 2500,
  pairs: 36667,
  judges: [{ id: "a", positionBias: 0.3 }, { id: "b" }, { id: "c", noise: 2 }],
});
const largeCpu = measure(`simulated, ${large.table.size} comparisons, 2500 items, ${rounds} rounds`, () => {
  analyzeJudges({
    table: large.table,
    items: large.items,
    judges: large.judges,
    options: { seed: 1, bootstrapRounds: rounds },
  });
});
process.stdout.write(`  target < 60 CPU s: ${largeCpu < 60 ? "met" : "MISSED"}\n`);
failed ||= largeCpu >= 60;
process.exitCode = failed ? 1 : 0;
