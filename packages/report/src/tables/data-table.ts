/** One cell of a {@link DataTable}: what every export format (csv, xlsx, Parquet) and a DataFrame can hold. */
export type TableCell = string | number | boolean | null;

/** A named table of rows with fixed columns: the unit of `judgelab export` and of {@link toDataFrame}. */
export interface DataTable {
  /** Dotted name, e.g. `comparisons` or `agreement.pairs` (a file name for csv/Parquet, a sheet name for xlsx). */
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A value as a cell: numbers, strings and booleans as they are, arrays as JSON text, anything missing as null. */
export function toCell(value: unknown): TableCell {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/** Nested objects become dotted columns (`metadata.turn`, `kappa.ci.lower`); arrays stay one JSON cell. */
export function flattenRecord(record: Readonly<Record<string, unknown>>, prefix = ""): Record<string, TableCell> {
  const flat: Record<string, TableCell> = {};
  for (const [key, value] of Object.entries(record)) {
    const column = `${prefix}${key}`;
    if (isPlainObject(value)) Object.assign(flat, flattenRecord(value, `${column}.`));
    else flat[column] = toCell(value);
  }
  return flat;
}

/**
 * A table of records: one row per record, the columns the union of their (flattened) fields, `leading` columns
 * first (when any record has them), then the others in order of first appearance. A missing field is null.
 */
export function tableFromRecords(
  name: string,
  records: readonly Readonly<Record<string, unknown>>[],
  leading: readonly string[] = [],
): DataTable {
  const flat = records.map((record) => flattenRecord(record));
  const seen = new Set<string>();
  for (const record of flat) for (const column of Object.keys(record)) seen.add(column);
  const columns = [...leading.filter((column) => seen.has(column))];
  for (const column of seen) if (!columns.includes(column)) columns.push(column);
  return { name, columns, rows: flat.map((record) => columns.map((column) => record[column] ?? null)) };
}

/** The rows of a table as objects keyed by column (a missing cell is null). */
export function tableRecords(table: DataTable): Record<string, TableCell>[] {
  return table.rows.map((row) =>
    Object.fromEntries(table.columns.map((column, index) => [column, row[index] ?? null])),
  );
}
