import { DatasetError } from "@judgelab/datasets";
import { ImportInputError, type ImportReport, type SourceLocation } from "@judgelab/importers";
import { type CliIo, ExitCode, UsageError } from "./cli-io.js";

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
