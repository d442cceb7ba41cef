import { resolve } from "node:path";
import { findImporter, IMPORTERS, type ImportSettings } from "@judgelab/importers";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { formatImportReport, reportImportError } from "../import-summary.js";
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
  --map k=v,...    column mapping for the generic jsonl/csv/generic-parquet formats (and bt-counts): first=COLUMN,
                   second=COLUMN, then either verdict=COLUMN (a positional verdict: first/second/tie, A/B, 1/2)
                   or winner=COLUMN (the winning item's id or name), e.g.
                   --map first=model_a,second=model_b,winner=winner,judge=judge   (Chatbot Arena style)
                   --map first=answer_1,second=answer_2,verdict=label              (positional labels)
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

/** `judgelab import <format> <input...> --out <dir>`: converts third-party data into a canonical dataset. */
export const importCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "import",
    argv,
    help: (positionals) => (positionals[0] === undefined ? HELP : formatHelp(positionals[0])),
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
