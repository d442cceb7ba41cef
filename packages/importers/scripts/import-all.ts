/**
 * Imports every shared third-party dataset (../shared/datasets, or $JUDGELAB_SHARED_DIR/datasets) with the
 * importers, validates each result, and prints read/written/skipped counts and timings.
 *
 *   pnpm exec tsx --conditions=source packages/importers/scripts/import-all.ts [--out DIR] [--no-validate]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { validateDataset } from "@judgelab/datasets";
import { findImporter, type ImportSettings } from "../src/index.js";

interface Job {
  readonly name: string;
  readonly format: string;
  readonly inputs: readonly string[];
  readonly settings?: ImportSettings;
}

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const shared = join(process.env.JUDGELAB_SHARED_DIR ?? resolve(repoRoot, "../shared"), "datasets");
const at = (...parts: string[]) => join(shared, ...parts);

const JOBS: readonly Job[] = [
  { name: "llmbar", format: "llmbar", inputs: [at("llmbar/verdicts_all.csv.gz"), at("llmbar/Dataset")] },
  { name: "pandalm", format: "pandalm", inputs: [at("pandalm")] },
  {
    name: "alpaca-eval",
    format: "alpaca-eval",
    inputs: [
      at("alpaca_eval/instructions.csv"),
      at("alpaca_eval/annotations_compact.csv.gz"),
      at("alpaca_eval/raw_annotations_sample"),
    ],
  },
  {
    name: "judging-the-judges",
    format: "judging-the-judges",
    inputs: [at("judging_the_judges/repetition_verdicts.csv.gz"), at("judging_the_judges/raw")],
  },
  { name: "vicuna-reviews", format: "vicuna-reviews", inputs: [at("vicuna80_gpt4_reviews")] },
  { name: "bt-citations", format: "bt-counts", inputs: [at("bradleyterry2/citations_binomial.csv")] },
  { name: "bt-baseball", format: "bt-counts", inputs: [at("bradleyterry2/baseball.csv")] },
  {
    name: "bt-cems",
    format: "bt-counts",
    inputs: [at("bradleyterry2/CEMS_preferences.csv")],
    settings: { judge: "student", "judge-kind": "human" },
  },
  {
    name: "bt-sound-fields",
    format: "bt-counts",
    inputs: [at("bradleyterry2/sound_fields_comparisons.csv")],
    settings: { condition: "instrument" },
  },
  { name: "bt-springall", format: "bt-counts", inputs: [at("bradleyterry2/springall_contests.csv")] },
  {
    name: "bt-football",
    format: "csv",
    inputs: [at("bradleyterry2/football.csv")],
    settings: {
      first: "home",
      second: "away",
      verdict: "result",
      values: "1:first;-1:second;0:tie",
      order: "known",
      condition: "season",
      "judge-kind": "gold",
      "judge-id": "match-result",
    },
  },
  {
    name: "arena-hard-battles",
    format: "arena-battles",
    inputs: [at("arena_hard_auto/arena_hard_battles_undocumented.jsonl")],
    settings: { "judge-kind": "llm", "judge-id": "arena-hard-judge" },
  },
];

const { values } = parseArgs({ options: { out: { type: "string" }, "no-validate": { type: "boolean" } } });
const outRoot = values.out === undefined ? await mkdtemp(join(tmpdir(), "judgelab-import-all-")) : resolve(values.out);
const rows: string[] = [];
let importSeconds = 0;
let importCpuSeconds = 0;
const started = performance.now();
for (const job of JOBS) {
  const importer = findImporter(job.format);
  if (importer === undefined) throw new Error(`no importer ${job.format}`);
  const out = join(outRoot, job.name);
  const jobStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  const { report } = await importer.import(job.inputs, {
    out,
    force: true,
    ...(job.settings === undefined ? {} : { settings: job.settings }),
  });
  const seconds = (performance.now() - jobStarted) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  importSeconds += seconds;
  importCpuSeconds += cpuSeconds;
  let valid = "skipped";
  if (values["no-validate"] !== true) {
    const validation = await validateDataset(out);
    valid = validation.ok ? "ok" : `${validation.problemCount} problems`;
  }
  const skipped = report.skipped.reduce((sum, entry) => sum + entry.count, 0);
  const { written } = report;
  rows.push(
    [
      job.name.padEnd(20),
      String(report.read).padStart(7),
      String(written.items).padStart(7),
      String(written.comparisons).padStart(8),
      String(skipped).padStart(7),
      `${seconds.toFixed(2)} s`.padStart(8),
      `${cpuSeconds.toFixed(2)} s`.padStart(8),
      valid,
    ].join("  "),
  );
}
console.log(
  ["dataset".padEnd(20), "   read", "  items", "   comps", "skipped", "  import", "     cpu", "valid"].join("  "),
);
for (const row of rows) console.log(row);
console.log(
  `imports: ${importSeconds.toFixed(1)} s wall, ${importCpuSeconds.toFixed(1)} s CPU; with validation: ${((performance.now() - started) / 1000).toFixed(1)} s; output in ${outRoot}`,
);
if (values.out === undefined) await rm(outRoot, { recursive: true, force: true });
