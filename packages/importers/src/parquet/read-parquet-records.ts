import { asyncBufferFromFile, type FileMetaData, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { ImportInputError } from "../import-input-error.js";
import type { SourceRecord } from "../read-source-records.js";
import { describeParquetColumns, type ParquetColumn } from "./parquet-column-types.js";

/** True for `.parquet` file names. */
export function isParquetPath(path: string): boolean {
  return /\.parquet$/i.test(path);
}

/** A Parquet file's footer and top-level columns; a file that is not Parquet (or is cut short) is an input error. */
export interface OpenedParquetFile {
  readonly path: string;
  readonly metadata: FileMetaData;
  readonly columns: readonly ParquetColumn[];
}

function corrupt(path: string, error: unknown): ImportInputError {
  return new ImportInputError(`${path}: not a readable Parquet file (${(error as Error).message})`, {
    file: path,
    cause: error,
  });
}

/** Opens a Parquet file: reads and parses its footer (schema, row groups) without reading any data page. */
export async function openParquetFile(path: string): Promise<OpenedParquetFile> {
  try {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    return { path, metadata, columns: describeParquetColumns(metadata) };
  } catch (error) {
    throw corrupt(path, error);
  }
}

/**
 * Plain JSON-like values from what hyparquet decodes: 64-bit integers become numbers (or decimal strings beyond
 * 2^53), timestamps ISO 8601 strings; lists and structs are walked.
 */
export function plainParquetValue(value: unknown): unknown {
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plainParquetValue);
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    const plain: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) plain[key] = plainParquetValue(field);
    return plain;
  }
  return value;
}

/**
 * Yields the rows of a Parquet file as plain objects, one row group at a time (memory holds one row group), with
 * their 0-based row index. A data page that cannot be decoded is an {@link ImportInputError} naming the file and
 * the row group: a corrupt file is not a dataset, and never a crash.
 */
export async function* readParquetRecords(
  opened: OpenedParquetFile,
  options: { columns?: readonly string[] } = {},
): AsyncGenerator<SourceRecord<Record<string, unknown>>> {
  const { path, metadata } = opened;
  const file = await asyncBufferFromFile(path);
  let rowStart = 0;
  for (const [group, rowGroup] of metadata.row_groups.entries()) {
    const rowEnd = rowStart + Number(rowGroup.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({
        file,
        metadata,
        rowStart,
        rowEnd,
        ...(options.columns === undefined ? {} : { columns: [...options.columns] }),
      });
    } catch (error) {
      throw new ImportInputError(
        `${path}: row group ${group} (rows ${rowStart}–${rowEnd - 1}) cannot be decoded (${(error as Error).message})`,
        { file: path, cause: error },
      );
    }
    for (let row = 0; row < rows.length; row++) {
      yield {
        at: { file: path, index: rowStart + row },
        value: plainParquetValue(rows[row]) as Record<string, unknown>,
      };
    }
    rowStart = rowEnd;
  }
}
