import { checkParquetColumns, type ExpectedParquetType } from "../parquet/parquet-column-types.js";
import { openParquetFile, readParquetRecords } from "../parquet/read-parquet-records.js";
import type { SourceRecord } from "../read-source-records.js";
import type { ColumnMapping } from "./column-mapping.js";

/** The Parquet type each mapping key needs of its column (`--map first=…` names a string or integer column, …). */
export function mappedParquetTypes(mapping: ColumnMapping): Record<string, ExpectedParquetType> {
  const keys: [string | undefined, ExpectedParquetType][] = [
    [mapping.first, "string or integer"],
    [mapping.second, "string or integer"],
    [mapping.verdict, "string or integer"],
    [mapping.winner, "string or integer"],
    [mapping.judge, "string or integer"],
    [mapping.id, "string or integer"],
    [mapping.prompt, "string or integer"],
    [mapping.matchId, "string or integer"],
    [mapping.repetition, "integer"],
    [mapping.condition, "string or integer"],
    [mapping.rationale, "string"],
    [mapping.createdAt, "string or timestamp"],
    [mapping.strength, "string"],
    [mapping.preference, "number"],
    [mapping.order !== undefined && "field" in mapping.order ? mapping.order.field : undefined, "string"],
  ];
  const types: Record<string, ExpectedParquetType> = {};
  for (const [column, type] of keys) if (column !== undefined) types[column] = type;
  return types;
}

/**
 * Reads a Parquet file for the generic importer: before any row, every mapped column must exist with a usable type
 * (an input error names the missing ones and their expected types). A dotted field (`judge.model`) reads into a
 * struct column; only its top-level column is checked.
 */
export async function* readGenericParquet(file: string, mapping: ColumnMapping): AsyncGenerator<SourceRecord> {
  const opened = await openParquetFile(file);
  const names = new Set(opened.columns.map((column) => column.name));
  const required: Record<string, ExpectedParquetType> = {};
  for (const [column, type] of Object.entries(mappedParquetTypes(mapping))) {
    const top = names.has(column) ? column : (column.split(".")[0] ?? column);
    required[top] = top === column ? type : "any";
  }
  checkParquetColumns(file, opened.columns, { name: "mapped", required });
  yield* readParquetRecords(opened);
}
