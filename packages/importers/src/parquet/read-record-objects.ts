import type { ImportReportBuilder } from "../import-report.js";
import { readJsonObjects, type SourceRecord } from "../read-source-records.js";
import { isParquetPath, type OpenedParquetFile, openParquetFile, readParquetRecords } from "./read-parquet-records.js";

/**
 * Yields the rows of Parquet files as objects, counting each as read. `checkSchema` sees each file's columns
 * before any row is read (and throws an input error naming what is missing); its return value, when a function,
 * turns each row into the record the format's mapping reads (e.g. one of two layouts into the other).
 */
export async function* readParquetObjects(
  files: readonly string[],
  report: ImportReportBuilder,
  checkSchema: (opened: OpenedParquetFile) => ((row: Record<string, unknown>) => Record<string, unknown>) | undefined,
): AsyncGenerator<SourceRecord<Record<string, unknown>>> {
  for (const file of files) {
    const opened = await openParquetFile(file);
    const convert = checkSchema(opened);
    for await (const { at, value } of readParquetRecords(opened)) {
      report.countRead(file);
      yield { at, value: convert === undefined ? value : convert(value) };
    }
  }
}

/**
 * Yields the record objects of JSON array, JSONL and Parquet files alike (decided by each file's name), so one
 * row mapping serves every container; see {@link readJsonObjects} and {@link readParquetObjects}.
 */
export async function* readRecordObjects(
  files: readonly string[],
  report: ImportReportBuilder,
  checkParquetSchema: Parameters<typeof readParquetObjects>[2],
): AsyncGenerator<SourceRecord<Record<string, unknown>>> {
  for (const file of files) {
    if (isParquetPath(file)) yield* readParquetObjects([file], report, checkParquetSchema);
    else yield* readJsonObjects([file], report);
  }
}
