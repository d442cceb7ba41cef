import { resolve } from "node:path";
import { DatasetError } from "@judgelab/datasets";
import { type CreatedReport, createReport } from "@judgelab/report";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { parseIntegerOption, parseOptions, parseSeedOption } from "../parse-options.js";
import { displayPath, repositoryRoot, resolveDatasetInput } from "../paths.js";
import { judgelabVersions, printReportSummary, readGitSha } from "../report-support.js";

const HELP = `Usage: judgelab report <dataset-dir|comparisons.jsonl|run-dir> --out <dir> [--seed S] [--bootstrap N]
                       [--title T] [--item-noun papers] [--pages N] [--page ID]... [--no-png] [--json]

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

--seed S       seed of every bootstrap (default 1, as every command); the same seed gives the same figures
--bootstrap N  bootstrap resamples (default 1000; fewer is faster but noisier)
--pages N      item pages for the N best-rated items (default 40); --page ID adds one item's page
--item-noun    what the items are called in the prose (default "items")
--no-png       skip the PNG copies of the charts
--json         prints {"out", "files", "charts", "itemPages", "headlines", "timingsMs", "seconds"}

A run folder (from \`judgelab run\`) is reported through the dataset exported into its dataset/ folder.
`;

/** `judgelab report`: a research report (HTML, Markdown, charts, metrics) for a dataset or run folder. */
export const reportCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "report",
    argv,
    help: HELP,
    options: {
      out: { type: "string" },
      seed: { type: "string" },
      bootstrap: { type: "string" },
      title: { type: "string" },
      "item-noun": { type: "string" },
      pages: { type: "string" },
      page: { type: "string", multiple: true },
      "no-png": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError("give one dataset folder, e.g. `judgelab report datasets/seed-page --out reports/seed-page`");
  if (values.out === undefined) throw new UsageError("--out <dir> is required: the folder to write the report into");
  const seed = parseSeedOption(values.seed);
  const bootstrapRounds = parseIntegerOption("bootstrap", values.bootstrap, 1000);
  if (bootstrapRounds < 1) throw new UsageError("--bootstrap must be at least 1 (1000 or more for published figures)");
  const pages = parseIntegerOption("pages", values.pages, 40);
  if (pages < 0) throw new UsageError("--pages must be 0 or more");
  const input = resolveDatasetInput(resolve(io.cwd, positionals[0] as string));
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
