import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { DatasetError, WhereClauseError } from "@judgelab/datasets";
import { KURATE_TRUE_SKILL } from "@judgelab/ratings";
import { type CreatedReport, createReport, type ReportStyleControl } from "@judgelab/report";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { asUsageError } from "../library-errors.js";
import { parseIntegerOption, parseNumberOption, parseOptions, parseSeedOption } from "../parse-options.js";
import { displayPath, openDatasetInput, repositoryRoot } from "../paths.js";
import { readFamiliesFile } from "../read-families-file.js";
import { judgelabVersions, printReportSummary, readGitSha } from "../report-support.js";
import { parseTiebreak } from "../tiebreak-option.js";
import { parseWhereOptions, WHERE_HELP } from "../where-option.js";

const HELP = `Usage: judgelab report <dataset-dir|comparisons.jsonl|run-dir> --out <dir> [--seed S] [--bootstrap N]
                       [--group FIELD | --no-group] [--families FILE] [--title T] [--item-noun papers] [--pages N] [--page ID]...
                       [--where F=V]... [--check-intervals D] [--no-png] [--tiebreak title-hash] [--preset kurate] [--json]
                       [--control length|tokens|markdown|FIELD[,…]] [--control-ridge X] [--control-missing zero]

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
--group FIELD  rate groups of items by an item field (e.g. producer: the models that wrote the answers)
--no-group     rate the items themselves. Default: the producers when every item names one and producers wrote
               several items each (answers by models, as AlpacaEval); the report says which unit it rates
--families F   model families for self-preference: JSON {"<name prefix>": "<family>" | null} over the
               built-in exact-prefix table (see \`judgelab analyze --help\`)
--pages N      item pages for the N best-rated items (default 40); --page ID adds one item's page
--check-intervals D  add the coverage check (judgelab check-intervals) with D simulated datasets and 200
               bootstrap rounds each to the stability section: a table and a chart of how often naive,
               clustered and sandwich 95% intervals cover the truth at this dataset's design
--item-noun    what the items are called in the prose (default "items")
--no-png       skip the PNG copies of the charts
--control LIST add "Ratings controlled for style": Bradley–Terry with these covariates (as judgelab rate
               --control) side by side with plain Bradley–Terry; --control-ridge and --control-missing as in rate.
               The section "Ratings corrected for judge bias" (a scale γ and a position effect δ per judge) is
               always attempted; both use 95% Wald intervals.
               Both rate the same unit as the leaderboard (--group / --no-group above).
--preset kurate  the tournament score as the live Kurate site computes it: TrueSkill with Python trueskill's
               default draw probability 0.10 (its module-level rate_1vs1 uses that environment) and
               --tiebreak title-hash; default: draw probability 0 without ties, the tie share with ties
--tiebreak title-hash  order equal tournament scores within a category by the SHA-256 of the title, as the
               seed system does, so category ranks ("#52 of 2292") can match the published site; default:
               equal scores share a rank
${WHERE_HELP}
--json         prints {"out", "files", "charts", "itemPages", "headlines", "timingsMs", "seconds"}

A run folder (from \`judgelab run\`) is reported from its log as it is now (a run killed mid-way leaves a stale
dataset/ behind), with the items and judges of its dataset/ export. --out must be a folder (or not exist yet): an
existing file there is refused before any analysis. An empty dataset is an error (exit 2).
With per-pair references (e.g. Kurate's human majority) or per-item reference scores (reviewer means) the report
has a section "Against the reference": agreement with the human majority (Wilson interval; a reference tie is a
disagreement unless the judge said tie), with the reviewer-score order (pairwise, Spearman), and by rating gap.
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
      group: { type: "string" },
      "no-group": { type: "boolean" },
      where: { type: "string", multiple: true },
      tiebreak: { type: "string" },
      preset: { type: "string" },
      families: { type: "string" },
      "check-intervals": { type: "string" },
      json: { type: "boolean" },
      control: { type: "string" },
      "control-ridge": { type: "string" },
      "control-missing": { type: "string" },
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
  if (values.group !== undefined && values["no-group"] === true)
    throw new UsageError("give --group FIELD or --no-group, not both");
  const control = parseReportControl(values);
  const where = parseWhereOptions(values.where);
  const { kurate, tiebreak } = parseReportPreset(values.preset, values.tiebreak);
  const checkDatasets = parseCheckIntervals(values["check-intervals"]);
  const out = resolveOutFolder(io.cwd, values.out);
  const input = await openDatasetInput(io.cwd, positionals[0] as string);
  const root = repositoryRoot();
  const started = performance.now();
  let report: CreatedReport;
  try {
    report = await createReport({
      datasetPath: input.path,
      datasetLabel: input.label,
      outDir: out,
      seed,
      bootstrapRounds,
      title: values.title,
      itemNoun: values["item-noun"],
      maxItemPages: pages,
      group: values["no-group"] === true ? false : values.group,
      families:
        values.families === undefined ? undefined : readFamiliesFile(resolve(io.cwd, values.families), values.families),
      includeItemPages: values.page,
      png: values["no-png"] !== true,
      control,
      where,
      tiebreak,
      ...(kurate ? { trueSkill: KURATE_TRUE_SKILL } : {}),
      ...(checkDatasets === undefined ? {} : { checkIntervals: { datasets: checkDatasets, rounds: 200 } }),
      command: ["judgelab", "report", ...argv].join(" "),
      gitSha: await readGitSha(root),
      packageVersions: judgelabVersions(root),
      onProgress: values.json === true ? undefined : (message) => io.stderr(`report: ${message}\n`),
    });
  } catch (error) {
    if (error instanceof DatasetError || error instanceof WhereClauseError) throw new UsageError(error.message);
    throw asUsageError(error) ?? error;
  } finally {
    input.close();
  }
  printReportSummary(io, {
    report,
    out: displayPath(io.cwd, out),
    json: values.json === true,
    seconds: (performance.now() - started) / 1000,
  });
  return ExitCode.ok;
};

/** `--control`, `--control-ridge`, `--control-missing` of the report (as in `judgelab rate`). */
function parseReportControl(values: Record<string, unknown>): ReportStyleControl | undefined {
  if (values.control === undefined) {
    for (const flag of ["control-ridge", "control-missing"])
      if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --control`);
    return undefined;
  }
  const names = String(values.control)
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0)
    throw new UsageError("--control takes a comma-separated list, e.g. --control length,markdown");
  const ridge = parseNumberOption("control-ridge", values["control-ridge"] as string | undefined, 0);
  if (!(ridge >= 0)) throw new UsageError(`--control-ridge must be ≥ 0, got ${ridge}`);
  const missing = values["control-missing"];
  if (missing !== undefined && missing !== "zero")
    throw new UsageError(`--control-missing takes "zero", got "${String(missing)}"`);
  return { names, ridge, ...(missing === "zero" ? { missing: "zero" as const } : {}) };
}

/** --preset kurate (TrueSkill as the site runs it, title-hash tie-break by default) and --tiebreak. */
function parseReportPreset(
  preset: string | undefined,
  tiebreakValue: string | undefined,
): { kurate: boolean; tiebreak: "title-hash" | undefined } {
  if (preset !== undefined && preset !== "kurate") throw new UsageError(`--preset takes "kurate", got "${preset}"`);
  const kurate = preset === "kurate";
  return { kurate, tiebreak: parseTiebreak(tiebreakValue ?? (kurate ? "title-hash" : undefined)) };
}

/** --check-intervals N: how many datasets the coverage check simulates (at least 1). */
function parseCheckIntervals(value: string | undefined): number | undefined {
  const checkDatasets = value === undefined ? undefined : parseIntegerOption("check-intervals", value, 200);
  if (checkDatasets !== undefined && checkDatasets < 1) throw new UsageError("--check-intervals must be at least 1");
  return checkDatasets;
}

/** --out as an absolute path; an existing file there is refused before any analysis. */
function resolveOutFolder(cwd: string, given: string): string {
  const out = resolve(cwd, given);
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new UsageError(`--out ${given} is an existing file: give a folder to write the report into`);
  }
  return out;
}
