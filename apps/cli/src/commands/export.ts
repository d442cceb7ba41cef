import { existsSync, readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { DatasetError, formatValidationProblem } from "@judgelab/datasets";
import {
  EXCEL_MAX_ROWS,
  excelSheetNames,
  exportDatasetTables,
  TableExportError,
  type TableFormat,
  writeTables,
} from "@judgelab/report";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { parseIntegerOption, parseOptions, parseSeedOption } from "../parse-options.js";
import { displayPath, openDatasetInput } from "../paths.js";
import { plural } from "../plural.js";

const HELP = `Usage: judgelab export <dataset-dir|comparisons.jsonl|run-dir> --format parquet|csv|xlsx --out PATH
                       [--analysis [--seed S] [--bootstrap N]] [--force] [--json]

Writes a dataset's tables for spreadsheets, notebooks and data tools: comparisons (one row per comparison;
metadata fields as metadata.<key> columns, raw values as JSON text), items and judges.

  --format F     parquet: one <table>.parquet per table in the folder PATH (typed columns, snappy)
                 csv:     one <table>.csv per table in the folder PATH (RFC 4180 quoting, empty = missing)
                 xlsx:    one workbook PATH with one sheet per table (sheet names ≤ 31 characters: long
                          table names keep their end). A table over Excel's 1,048,576 rows (header
                          included) is an error suggesting csv or parquet; nothing is written
  --out PATH     the folder (parquet, csv) or the .xlsx file to write
  --analysis     also every table of the default analysis (as \`judgelab analyze\`): metrics (every single
                 figure as path, value), dataset.judges, agreement.pairs, agreement.matrix.*,
                 positionBias.perJudge (+ overTime, consistencyByGap), stability.pooled.rows.rows (the
                 pooled ratings), stability.perJudge.leaderboard.rows.rows (per-judge ratings), biases.*,
                 coherence.*, reference.*, … — whatever the analysis computed
  --seed S       seed of the analysis bootstraps (default 1)
  --bootstrap N  bootstrap rounds of the analysis (default 1000)
  --json         print {"out", "format", "tables": [{"name", "rows", "columns", "file"?, "sheet"?}]}
  --force        write into a non-empty folder (replacing files of the same name) or over an existing .xlsx

The csv and xlsx tables go through danfojs DataFrames (the same as \`toDataFrame()\` in the library API).
Exit codes: 0 ok, 1 failure, 2 usage or input error (invalid dataset, a table too large for xlsx).
`;

const FORMATS: readonly TableFormat[] = ["parquet", "csv", "xlsx"];

function checkOutput(out: string, format: TableFormat, force: boolean, shown: string): void {
  if (!existsSync(out)) return;
  const isDirectory = statSync(out).isDirectory();
  if (format === "xlsx" && isDirectory) throw new UsageError(`${shown} is a folder; --format xlsx writes one file`);
  if (format !== "xlsx" && !isDirectory)
    throw new UsageError(`${shown} is a file; --format ${format} writes a folder of files (one per table)`);
  if (format === "xlsx" && !force) throw new UsageError(`${shown} exists; pass --force to overwrite it`);
  if (format !== "xlsx" && !force && readdirSync(out).length > 0)
    throw new UsageError(
      `${shown} is not empty; pass --force to write the tables into it (files of the same name are replaced)`,
    );
}

/** `judgelab export`: a dataset's comparisons, items and judges (and with --analysis every metrics table). */
export const exportCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "export",
    argv,
    help: HELP,
    options: {
      format: { type: "string" },
      out: { type: "string" },
      analysis: { type: "boolean" },
      seed: { type: "string" },
      bootstrap: { type: "string" },
      force: { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) {
    throw new UsageError("give exactly one dataset, e.g. `judgelab export datasets/demo --format csv --out demo-csv`");
  }
  const format = values.format as TableFormat | undefined;
  if (format === undefined || !FORMATS.includes(format))
    throw new UsageError(`--format must be ${FORMATS.join(", ")}${format === undefined ? "" : `, got "${format}"`}`);
  if (values.out === undefined)
    throw new UsageError(`--out is required (${format === "xlsx" ? "a .xlsx file" : "a folder"})`);
  if (values.analysis !== true && (values.seed !== undefined || values.bootstrap !== undefined))
    throw new UsageError("--seed and --bootstrap apply to --analysis");
  const seed = parseSeedOption(values.seed);
  const bootstrapRounds = parseIntegerOption("bootstrap", values.bootstrap, 1000);
  if (bootstrapRounds < 1) throw new UsageError("--bootstrap must be at least 1");
  const out = resolve(io.cwd, values.out);
  checkOutput(out, format, values.force === true, displayPath(io.cwd, out));
  const target = await openDatasetInput(io.cwd, positionals[0] as string);
  try {
    const { tables } = await exportDatasetTables(target.path, {
      ...(values.analysis === true ? { analysis: { seed, bootstrapRounds } } : {}),
      ...(format === "xlsx" ? { excelMaxRows: EXCEL_MAX_ROWS } : {}),
    });
    const written = await writeTables(tables, { format, out });
    const sheets = format === "xlsx" ? excelSheetNames(tables.map((table) => table.name)) : [];
    const rows = tables.map(
      (
        table,
        index,
      ): { name: string; rows: number; columns: number; sheet?: string | undefined; file?: string | undefined } => ({
        name: table.name,
        rows: table.rows.length,
        columns: table.columns.length,
        ...(format === "xlsx" ? { sheet: sheets[index] } : { file: written[index] }),
      }),
    );
    if (values.json === true) {
      io.stdout(`${JSON.stringify({ out, format, tables: rows }, null, 2)}\n`);
      return ExitCode.ok;
    }
    for (const row of rows) {
      const where = row.sheet === undefined ? displayPath(io.cwd, row.file ?? out) : `sheet ${row.sheet}`;
      io.stdout(`${row.name.padEnd(44)} ${plural(row.rows, "row").padStart(14)}  ${where}\n`);
    }
    io.stdout(
      `wrote ${tables.length} tables of ${target.label} to ${displayPath(io.cwd, out)}` +
        `${values.analysis === true ? ` (analysis seed ${seed}, ${bootstrapRounds} bootstrap rounds)` : ""}\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof TableExportError) throw new UsageError(error.message);
    if (!(error instanceof DatasetError)) throw error;
    const lines = error.problems.map((problem) =>
      formatValidationProblem({ ...problem, file: displayPath(io.cwd, problem.file) }),
    );
    io.stderr(`${lines.join("\n")}\n${target.label}: invalid dataset; run \`judgelab validate\` for details\n`);
    return ExitCode.usage;
  } finally {
    target.close();
  }
};
