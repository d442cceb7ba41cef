import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DataFrame } from "danfojs-node";
import type { DataTable, TableCell } from "./data-table.js";
import { toDataFrame } from "./to-data-frame.js";

/** Rows of one Excel worksheet, the header row included (Excel 2007+: 2^20). */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Characters one Excel cell holds. */
export const EXCEL_MAX_CELL_CHARS = 32_767;

/** The export formats of {@link writeTables}. */
export type TableFormat = "csv" | "xlsx" | "parquet";

/** A table that a format cannot hold (e.g. more rows than an Excel sheet): the message says what to use instead. */
export class TableExportError extends Error {
  override readonly name = "TableExportError";
}

/** File (csv/Parquet) or sheet base name of a table: its dotted name with anything but [\w.-] replaced by `_`. */
export function tableFileName(name: string): string {
  return name.replace(/[^\w.-]/g, "_");
}

/**
 * Excel sheet names: at most 31 characters, none of `: \ / ? * [ ]`, unique without regard to case. A long
 * dotted name keeps its end (`…pooled.rows.rows`), the part that says what the table is; clashes get `~2`, `~3`.
 */
export function excelSheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const clean = name.replace(/[:\\/?*[\]]/g, "_");
    let sheet = clean.length <= 31 ? clean : clean.slice(clean.length - 31).replace(/^\.+/, "");
    for (let n = 2; used.has(sheet.toLowerCase()); n++) sheet = `${sheet.slice(0, 31 - `~${n}`.length)}~${n}`;
    used.add(sheet.toLowerCase());
    return sheet;
  });
}

/** Throws a {@link TableExportError} when `rows` rows and a header do not fit an Excel sheet of `maxRows` rows. */
export function checkExcelRowCount(name: string, rows: number, maxRows = EXCEL_MAX_ROWS): void {
  if (rows + 1 <= maxRows) return;
  throw new TableExportError(
    `table ${name} has ${rows.toLocaleString("en-US")} rows; an Excel sheet holds at most ` +
      `${maxRows.toLocaleString("en-US")} rows (header included): export it with --format csv or --format parquet`,
  );
}

/**
 * Checks that every table fits an Excel sheet before anything is written: rows + header ≤ 1,048,576 and cells
 * ≤ 32,767 characters; otherwise a {@link TableExportError} naming the table and suggesting csv or Parquet.
 */
export function checkExcelLimits(tables: readonly DataTable[], maxRows = EXCEL_MAX_ROWS): void {
  for (const table of tables) {
    checkExcelRowCount(table.name, table.rows.length, maxRows);
    for (const [index, row] of table.rows.entries()) {
      const column = row.findIndex((cell) => typeof cell === "string" && cell.length > EXCEL_MAX_CELL_CHARS);
      if (column >= 0) {
        throw new TableExportError(
          `table ${table.name}, row ${index + 1}, column ${table.columns[column]}: ${(row[column] as string).length} ` +
            `characters; an Excel cell holds at most ${EXCEL_MAX_CELL_CHARS}: export with --format csv or --format parquet`,
        );
      }
    }
  }
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled); null and NaN are empty. */
function csvField(value: unknown): string {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A DataFrame as CSV text. danfo 1.2.0's own `toCSV` joins cells with commas without quoting, which breaks on a
 * rationale holding a comma or a newline; this writes the frame's columns and values with RFC 4180 quoting.
 */
export function dataFrameToCsv(frame: DataFrame): string {
  const lines = [frame.columns.map(csvField).join(",")];
  for (const row of frame.values as unknown[][]) {
    const line = row.map(csvField).join(",");
    // A one-column row with a missing value would be a blank line, which CSV readers skip: quote it.
    lines.push(line === "" ? '""' : line);
  }
  return `${lines.join("\n")}\n`;
}

async function writeWorkbook(tables: readonly DataTable[], path: string): Promise<string[]> {
  const XLSX = await import("xlsx");
  const book = XLSX.utils.book_new();
  const sheets = excelSheetNames(tables.map((table) => table.name));
  for (const [index, table] of tables.entries()) {
    const frame = await toDataFrame(table);
    const values = (table.rows.length === 0 ? [] : (frame.values as unknown[][])).map((row) =>
      row.map((cell) => (cell === null || (typeof cell === "number" && Number.isNaN(cell)) ? undefined : cell)),
    );
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([[...frame.columns], ...values]), sheets[index]);
  }
  await writeFile(path, XLSX.write(book, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer);
  return [path];
}

/** Parquet type of a column: BOOLEAN, INT32 (integers within ±2^31), DOUBLE, else STRING (mixed values as text). */
function parquetColumn(name: string, cells: TableCell[]) {
  const present = cells.filter((cell) => cell !== null);
  if (present.length > 0 && present.every((cell) => typeof cell === "boolean"))
    return { name, data: cells, type: "BOOLEAN" as const };
  if (present.length > 0 && present.every((cell) => typeof cell === "number")) {
    const int32 = present.every((cell) => Number.isInteger(cell) && Math.abs(cell as number) < 2 ** 31);
    return { name, data: cells, type: int32 ? ("INT32" as const) : ("DOUBLE" as const) };
  }
  return { name, data: cells.map((cell) => (cell === null ? null : String(cell))), type: "STRING" as const };
}

async function writeParquetTables(tables: readonly DataTable[], dir: string): Promise<string[]> {
  const { parquetWriteFile } = await import("hyparquet-writer");
  const written: string[] = [];
  for (const table of tables) {
    const filename = join(dir, `${tableFileName(table.name)}.parquet`);
    parquetWriteFile({
      filename,
      columnData: table.columns.map((column, index) =>
        parquetColumn(
          column,
          table.rows.map((row) => row[index] ?? null),
        ),
      ),
    });
    written.push(filename);
  }
  return written;
}

/**
 * Writes tables as `csv` (one `<name>.csv` per table in the folder `out`, through a danfo DataFrame), `xlsx` (one
 * workbook `out`, one sheet per table, through danfo; limits checked first) or `parquet` (one `<name>.parquet`
 * per table, hyparquet-writer: typed columns, snappy). Returns the files written.
 */
export async function writeTables(
  tables: readonly DataTable[],
  options: { format: TableFormat; out: string; excelMaxRows?: number },
): Promise<string[]> {
  if (options.format === "xlsx") {
    checkExcelLimits(tables, options.excelMaxRows);
    return writeWorkbook(tables, options.out);
  }
  await mkdir(options.out, { recursive: true });
  if (options.format === "parquet") return writeParquetTables(tables, options.out);
  const written: string[] = [];
  for (const table of tables) {
    const path = join(options.out, `${tableFileName(table.name)}.csv`);
    await writeFile(path, dataFrameToCsv(await toDataFrame(table)));
    written.push(path);
  }
  return written;
}
