/**
 * Report at scale: generates a simulated tournament of 1,000,000 comparisons (1,000 papers in one category with
 * a latent quality, 3 judges with different position biases and noise, random presentation order, no ties,
 * timestamps in order) as a dataset folder in os.tmpdir(), then times what a user runs: the built CLI,
 * `node apps/cli/dist/main.js report <dataset> --out <dir>` (load + validate, analyse with 1000 bootstrap
 * resamples on worker threads, TrueSkill, item pages, charts as SVG + PNG, HTML/Markdown), built first with
 * `pnpm turbo build` (cached when up to date). Target: under 60 s of wall-clock time.
 * Usage: pnpm bench report [comparisons] [bootstrap]   (defaults 1000000 comparisons, 1000 resamples)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const comparisons = Number(process.argv[2] ?? 1_000_000);
const bootstrapRounds = Number(process.argv[3] ?? 1000);
const itemCount = 1000;
const targetSeconds = 60;

/** mulberry32, seeded: the same dataset on every run. */
function createUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(directory: string): Promise<void> {
  mkdirSync(directory, { recursive: true });
  const uniform = createUniform(20260505);
  const quality = Array.from(
    { length: itemCount },
    () => 1.5 * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
  );
  const judges = [
    { id: "gemini-3", positionBias: 0.35, noise: 1.1 },
    { id: "gpt-5.2", positionBias: -0.6, noise: 0.9 },
    { id: "claude-opus-4.6", positionBias: 0.1, noise: 1 },
  ];
  writeFileSync(
    path.join(directory, "items.jsonl"),
    `${quality.map((q, index) => JSON.stringify({ id: `paper-${index}`, title: `Simulated paper ${index}`, category: "Artificial Intelligence", metadata: { quality: Number(q.toFixed(4)) } })).join("\n")}\n`,
  );
  writeFileSync(
    path.join(directory, "judges.jsonl"),
    `${judges.map((judge) => JSON.stringify({ id: judge.id, kind: "simulated", model: judge.id, parameters: { positionBias: judge.positionBias, noise: judge.noise } })).join("\n")}\n`,
  );
  const out = createWriteStream(path.join(directory, "comparisons.jsonl"));
  const start = Date.UTC(2026, 0, 1);
  let buffer = "";
  for (let row = 0; row < comparisons; row++) {
    const first = Math.floor(uniform() * itemCount);
    let second = Math.floor(uniform() * (itemCount - 1));
    if (second >= first) second++;
    const judge = judges[row % 3]!;
    const eta = (quality[first]! - quality[second]!) / judge.noise + judge.positionBias;
    const verdict = uniform() < 1 / (1 + Math.exp(-eta)) ? "first" : "second";
    buffer += `${JSON.stringify({ id: `c${row}`, first: `paper-${first}`, second: `paper-${second}`, order: "known", verdict, judge: judge.id, rationale: `Simulated verdict: ${verdict}.`, createdAt: new Date(start + 1000 * row).toISOString() })}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
  writeFileSync(
    path.join(directory, "dataset.json"),
    `${JSON.stringify({ schemaVersion: 1, name: `bench-report-${comparisons}`, description: "Simulated tournament for the report benchmark", counts: { items: itemCount, judges: 3, comparisons } }, null, 2)}\n`,
  );
}

const directory = path.join(tmpdir(), `judgelab-bench-report-${comparisons}`);
if (!existsSync(path.join(directory, "dataset.json"))) {
  const started = performance.now();
  await generate(directory);
  process.stdout.write(
    `generated ${comparisons} comparisons in ${((performance.now() - started) / 1000).toFixed(1)} s: ${directory}\n`,
  );
}
const outDir = path.join(tmpdir(), `judgelab-bench-report-out-${comparisons}`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
execFileSync("pnpm", ["turbo", "build", "--output-logs=errors-only"], { cwd: root, stdio: "ignore" });
const started = performance.now();
const child = spawnSync(
  process.execPath,
  [
    path.join(root, "apps/cli/dist/main.js"),
    "report",
    directory,
    "--out",
    outDir,
    "--seed",
    "1",
    "--bootstrap",
    String(bootstrapRounds),
    "--item-noun",
    "papers",
    "--pages",
    "20",
    "--json",
  ],
  { encoding: "utf8", maxBuffer: 64 << 20 },
);
const seconds = (performance.now() - started) / 1000;
if (child.status !== 0) {
  process.stderr.write(`judgelab report failed (${child.status ?? child.signal}):\n${child.stderr}\n`);
  process.exit(1);
}
const report = JSON.parse(child.stdout) as { timingsMs: Record<string, number>; charts: unknown[]; itemPages: number };
process.stdout.write(
  `judgelab report of ${comparisons} comparisons (${bootstrapRounds} bootstrap resamples): ${seconds.toFixed(1)} s wall (target < ${targetSeconds} s); stages ms ${JSON.stringify(report.timingsMs)}; ${report.charts.length} charts, ${report.itemPages} item pages\n${outDir}/report.html\n`,
);
process.exitCode = seconds < targetSeconds ? 0 : 1;
