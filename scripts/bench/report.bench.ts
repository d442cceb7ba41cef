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
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBenchTournament } from "./bench-tournament.js";

const comparisons = Number(process.argv[2] ?? 1_000_000);
const bootstrapRounds = Number(process.argv[3] ?? 1000);
const targetSeconds = 60;

const directory = await ensureBenchTournament(comparisons);
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
