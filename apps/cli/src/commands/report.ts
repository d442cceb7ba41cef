import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DatasetError } from "@judgelab/datasets";
import { type CreatedReport, createReport } from "@judgelab/report";
import { type CliIo, type Command, ExitCode, UsageError } from "../cli-io.js";
import { parseIntegerOption, parseOptions } from "../parse-options.js";

const HELP = `Usage: judgelab report <dataset-dir|comparisons.jsonl|run-dir> --out <dir> [--seed S] [--bootstrap N]
                       [--title T] [--item-noun papers] [--pages N] [--page ID]... [--check-intervals D]
                       [--no-png] [--json]

Writes a research report on ranking reliability for a dataset: who was compared by whom, headline findings with
95% intervals, then ratings (Bradley–Terry with bootstrap CIs and rank intervals, the seed system's TrueSkill
score), stability, judge agreement, position bias and other biases, each with charts and a plain-language reading.

Files written to --out:
  report.html        self-contained (inline SVG and CSS, no scripts, no network); open it from disk
  report.md          the same report in Markdown with PNG charts
  metrics.json       every figure (the analytics metrics document, schema version 1)
  run-metadata.json  dataset content hash, seed, command, package versions, git commit
  charts/*.vl.json   vega-lite specs; charts/*.svg and charts/*.png renderings
  items/*.html       tournament pages of the best-rated items (score±CI, rank in category, record, history)

--seed S       seed of every bootstrap (default 1); the same seed gives the same figures
--bootstrap N  bootstrap resamples (default 1000; fewer is faster but noisier)
--pages N      item pages for the N best-rated items (default 40); --page ID adds one item's page
--check-intervals D  add the coverage check (judgelab check-intervals) with D simulated datasets and 200
               bootstrap rounds each to the stability section: a table and a chart of how often naive,
               clustered and sandwich 95% intervals cover the truth at this dataset's design
--item-noun    what the items are called in the prose (default "items")
--no-png       skip the PNG copies of the charts
--json         prints {"out", "files", "charts", "itemPages", "headlines", "timingsMs", "seconds"}

A run folder (from \`judgelab run\`) is reported through the dataset exported into its dataset/ folder.
`;

/** The repository root (this file is apps/cli/src/commands/report.ts, or apps/cli/dist/commands/report.js). */
export function repositoryRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
}

/** A path as the user would type it: relative to their directory when inside it. */
export function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return shown === "" ? "." : shown.startsWith("..") || isAbsolute(shown) ? path : shown;
}

/** The git commit of the code, or undefined outside a git checkout (the CLI may shell out; libraries do not). */
export async function readGitSha(root: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)("git", ["rev-parse", "HEAD"], { cwd: root, timeout: 5000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Versions of the judgelab packages, for run-metadata.json. */
export function judgelabVersions(root: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const folder of [
    "apps/cli",
    "packages/report",
    "packages/analytics",
    "packages/ratings",
    "packages/datasets",
    "packages/tournament",
  ]) {
    try {
      const manifest = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) as {
        name: string;
        version: string;
      };
      versions[manifest.name] = manifest.version;
    } catch {
      // a package missing from a trimmed install is simply not listed
    }
  }
  return versions;
}

/** Resolves the dataset of a dataset folder, a comparisons file or a run folder; throws a UsageError otherwise. */
export function resolveReportInput(path: string): string {
  if (!existsSync(path))
    throw new UsageError(`${path} does not exist: give a dataset folder, comparisons .jsonl or run folder`);
  if (!statSync(path).isDirectory()) return path;
  if (
    existsSync(join(path, "dataset.json")) ||
    existsSync(join(path, "comparisons.jsonl")) ||
    existsSync(join(path, "comparisons.jsonl.gz"))
  )
    return path;
  if (existsSync(join(path, "run.json"))) {
    const exported = join(path, "dataset");
    if (existsSync(join(exported, "comparisons.jsonl"))) return exported;
    throw new UsageError(
      `${path} is a run folder without an exported dataset (${exported}); export it first, then report that folder`,
    );
  }
  throw new UsageError(
    `${path} has no dataset.json or comparisons.jsonl: give a dataset folder, a comparisons .jsonl file or a run folder`,
  );
}

/** Prints the report's outcome: text summary or the documented JSON shape. */
export function printReportSummary(
  io: CliIo,
  options: { report: CreatedReport; out: string; json: boolean; seconds: number },
): void {
  const { report } = options;
  if (options.json) {
    const summary = {
      out: options.out,
      files: report.files,
      charts: report.charts,
      itemPages: report.itemPages,
      headlines: report.headlines,
      timingsMs: report.timingsMs,
      seconds: Number(options.seconds.toFixed(2)),
    };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const lines = [
    `Report written to ${options.out}/report.html (${report.charts.length} charts, ${report.itemPages} item pages, ${options.seconds.toFixed(1)} s)`,
    "",
    "Headline findings:",
    ...report.headlines.map((line) => `  - ${line}`),
    "",
    `Open ${options.out}/report.html in a browser, or read ${options.out}/report.md.`,
  ];
  io.stdout(`${lines.join("\n")}\n`);
}

/** `judgelab report`: a research report (HTML, Markdown, charts, metrics) for a dataset or run folder. */
export const reportCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "report",
    argv,
    options: {
      out: { type: "string" },
      seed: { type: "string" },
      bootstrap: { type: "string" },
      title: { type: "string" },
      "item-noun": { type: "string" },
      pages: { type: "string" },
      page: { type: "string", multiple: true },
      "no-png": { type: "boolean" },
      "check-intervals": { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (values.help === true) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if (positionals.length !== 1)
    throw new UsageError("give one dataset folder, e.g. `judgelab report datasets/seed-page --out reports/seed-page`");
  if (values.out === undefined) throw new UsageError("--out <dir> is required: the folder to write the report into");
  const seed = parseIntegerOption("seed", values.seed, 1);
  const bootstrapRounds = parseIntegerOption("bootstrap", values.bootstrap, 1000);
  if (bootstrapRounds < 1) throw new UsageError("--bootstrap must be at least 1 (1000 or more for published figures)");
  const pages = parseIntegerOption("pages", values.pages, 40);
  if (pages < 0) throw new UsageError("--pages must be 0 or more");
  const checkDatasets =
    values["check-intervals"] === undefined
      ? undefined
      : parseIntegerOption("check-intervals", values["check-intervals"], 200);
  if (checkDatasets !== undefined && checkDatasets < 1) throw new UsageError("--check-intervals must be at least 1");
  const input = resolveReportInput(resolve(io.cwd, positionals[0] as string));
  const out = resolve(io.cwd, values.out);
  const root = repositoryRoot();
  const started = performance.now();
  let report: CreatedReport;
  try {
    report = await createReport({
      datasetPath: input,
      datasetLabel: displayPath(io.cwd, input),
      outDir: out,
      seed,
      bootstrapRounds,
      title: values.title,
      itemNoun: values["item-noun"],
      maxItemPages: pages,
      includeItemPages: values.page,
      png: values["no-png"] !== true,
      ...(checkDatasets === undefined ? {} : { checkIntervals: { datasets: checkDatasets, rounds: 200 } }),
      command: ["judgelab", "report", ...argv].join(" "),
      gitSha: await readGitSha(root),
      packageVersions: judgelabVersions(root),
      onProgress: values.json === true ? undefined : (message) => io.stderr(`report: ${message}\n`),
    });
  } catch (error) {
    if (error instanceof DatasetError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
  printReportSummary(io, {
    report,
    out: displayPath(io.cwd, out),
    json: values.json === true,
    seconds: (performance.now() - started) / 1000,
  });
  return ExitCode.ok;
};
