import { resolve } from "node:path";
import { DatasetError } from "@judgelab/datasets";
import {
  findImporter,
  IMPORTERS,
  ImportInputError,
  type ImportReport,
  type ImportSettings,
  type SourceLocation,
} from "@judgelab/importers";
import { type CliIo, type Command, ExitCode, UsageError } from "../cli-io.js";
import { parseOptions } from "../parse-options.js";

function formatList(): string {
  const width = Math.max(...Object.keys(IMPORTERS).map((name) => name.length));
  return Object.values(IMPORTERS)
    .map((importer) => `  ${importer.format.padEnd(width)}  ${importer.description}`)
    .join("\n");
}

const HELP = `Usage: judgelab import <format> <input...> --out <dataset-dir> [--json] [--force]
                       [--map key=COLUMN,...] [--set key=value ...] [--name NAME] [--license TEXT] [--source URL]

Converts third-party judgment data into a canonical dataset folder (dataset.json, items.jsonl, judges.jsonl,
comparisons.jsonl, and assessments.jsonl / references.jsonl when the source has them). Inputs are files or
folders (folders are searched for the format's files). Prints what was read, written and skipped (with
reasons and counts) and the data's license. Nothing is dropped silently: unparseable verdicts are kept as
verdict "invalid" with the source value in "raw"; records that cannot become comparisons are counted under
a reason.

Formats:
${formatList()}

Options:
  --out DIR        dataset folder to write (created; must be empty unless --force)
  --force          replace the dataset files in an existing folder (other files are left alone)
  --map k=v,...    column mapping for the generic jsonl/csv formats (and bt-counts), e.g.
                   --map first=model_a,second=model_b,winner=winner,judge=judge
  --set key=value  a format setting (repeatable); \`judgelab import <format> --help\` lists them; a key the
                   format does not know, or a mapped column no record has, is an error (exit 2)
  --allow-empty    write the dataset even when nothing was imported (by default an import that reads 0 records,
                   or skips every record, exits 2 naming the input and the skip reasons)
  --name NAME      dataset name in dataset.json
  --license TEXT   license to record (overrides the format's)
  --source URL     source to record
  --json           print {"format", "out", "seconds", "report": {format, inputs, read, readByFile: [{file,
                   records}], written: {items, judges, comparisons, assessments, references}, skipped:
                   [{reason, count, examples: [{file, line?, index?}]}], warnings: [{message, count,
                   examples}], license?, notes: [string]}}

Exit codes: 0 imported, 2 bad arguments or input (the message names the file and line), 1 other failures.
`;

function formatHelp(format: string): string {
  const importer = findImporter(format);
  if (importer === undefined) return HELP;
  const settings = Object.entries(importer.settings ?? {});
  const lines = [`Usage: judgelab import ${format} <input...> --out <dataset-dir> [options]`, "", importer.description];
  if (importer.license !== undefined) lines.push("", `License of the public data: ${importer.license}`);
  if (settings.length > 0) {
    const width = Math.max(...settings.map(([key]) => key.length));
    lines.push(
      "",
      "Settings (--set key=value, or --map key=value,...):",
      ...settings.map(([key, text]) => `  ${key.padEnd(width)}  ${text}`),
    );
  }
  return `${lines.join("\n")}\n\nRun \`judgelab import --help\` for the common options.\n`;
}

/** Parses `key=value` pairs from `--map a=b,c=d` and repeated `--set key=value`. */
export function parseSettings(maps: readonly string[], sets: readonly string[]): ImportSettings {
  const settings: Record<string, string> = {};
  const add = (pair: string, flag: string) => {
    const index = pair.indexOf("=");
    if (index <= 0) throw new UsageError(`${flag} expects key=value, got "${pair}"`);
    settings[pair.slice(0, index).trim()] = pair.slice(index + 1).trim();
  };
  for (const map of maps) for (const pair of map.split(",").filter((part) => part.trim() !== "")) add(pair, "--map");
  for (const pair of sets) add(pair, "--set");
  return settings;
}

function licenseLine(report: ImportReport): string {
  if (report.license === undefined) return "license   unknown: check the source's terms before sharing the dataset";
  const nonCommercial =
    /\bNC\b/.test(report.license) && !/non-commercial/i.test(report.license) ? " — non-commercial use only" : "";
  return `license   ${report.license}${nonCommercial}`;
}

/** `  (e.g. file:line)` or `  (e.g. file #index)` for the first example of a skip reason or warning. */
function exampleSuffix(example: SourceLocation | undefined): string {
  if (example === undefined) return "";
  const position =
    example.line !== undefined ? `:${example.line}` : example.index !== undefined ? ` #${example.index}` : "";
  return `  (e.g. ${example.file}${position})`;
}

/** Human-readable summary of an import report. */
export function formatImportReport(report: ImportReport, out: string, seconds: number): string {
  const { written } = report;
  const writtenParts = [`${written.items} items`, `${written.judges} judges`, `${written.comparisons} comparisons`];
  if (written.assessments > 0) writtenParts.push(`${written.assessments} assessments`);
  if (written.references > 0) writtenParts.push(`${written.references} references`);
  const skippedTotal = report.skipped.reduce((sum, entry) => sum + entry.count, 0);
  const lines = [
    `imported ${report.format} into ${out} in ${seconds.toFixed(1)} s`,
    `read      ${report.read} records from ${report.readByFile.length} file${report.readByFile.length === 1 ? "" : "s"}`,
    `written   ${writtenParts.join(", ")}`,
    `skipped   ${skippedTotal}${skippedTotal === 0 ? "" : ":"}`,
    ...report.skipped.map(
      (entry) => `  ${String(entry.count).padStart(8)}  ${entry.reason}${exampleSuffix(entry.examples[0])}`,
    ),
  ];
  if (report.warnings.length > 0) {
    lines.push("warnings");
    for (const entry of report.warnings)
      lines.push(`  ${String(entry.count).padStart(8)}  ${entry.message}${exampleSuffix(entry.examples[0])}`);
  }
  if (report.notes.length > 0) lines.push("notes", ...report.notes.map((note) => `  - ${note}`));
  lines.push(licenseLine(report));
  return `${lines.join("\n")}\n`;
}

/** Maps importer errors to exit codes; returns undefined for errors the dispatcher should handle. */
export function reportImportError(error: unknown, io: CliIo): number | undefined {
  if (error instanceof ImportInputError) throw new UsageError(error.message);
  if (error instanceof DatasetError) {
    io.stderr(`${error.message}\n`);
    return ExitCode.failure;
  }
  return undefined;
}

/** `judgelab import <format> <input...> --out <dir>`: converts third-party data into a canonical dataset. */
export const importCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "import",
    argv,
    options: {
      out: { type: "string" },
      json: { type: "boolean" },
      force: { type: "boolean" },
      map: { type: "string", multiple: true },
      set: { type: "string", multiple: true },
      name: { type: "string" },
      license: { type: "string" },
      source: { type: "string" },
      "allow-empty": { type: "boolean" },
    },
  });
  const [format, ...inputs] = positionals;
  if (values.help === true) {
    io.stdout(format === undefined ? HELP : formatHelp(format));
    return ExitCode.ok;
  }
  if (format === undefined)
    throw new UsageError("name a format, e.g. `judgelab import llmbar verdicts_all.csv.gz --out llmbar`");
  const importer = findImporter(format);
  if (importer === undefined) {
    throw new UsageError(`unknown format "${format}"; known formats: ${Object.keys(IMPORTERS).join(", ")}`);
  }
  if (inputs.length === 0) throw new UsageError(`name at least one input file or folder for ${format}`);
  if (values.out === undefined) throw new UsageError("--out <dataset-dir> is required");
  const out = resolve(io.cwd, values.out);
  const started = performance.now();
  try {
    const { report } = await importer.import(
      inputs.map((input) => resolve(io.cwd, input)),
      {
        out,
        force: values.force === true,
        settings: parseSettings(values.map ?? [], values.set ?? []),
        allowEmpty: values["allow-empty"] === true,
        ...(values.name === undefined ? {} : { name: values.name }),
        ...(values.license === undefined ? {} : { license: values.license }),
        ...(values.source === undefined ? {} : { source: values.source }),
      },
    );
    const seconds = (performance.now() - started) / 1000;
    io.stdout(
      values.json === true
        ? `${JSON.stringify({ format, out, seconds, report }, null, 2)}\n`
        : formatImportReport(report, out, seconds),
    );
    return ExitCode.ok;
  } catch (error) {
    const code = reportImportError(error, io);
    if (code !== undefined) return code;
    throw error;
  }
};
