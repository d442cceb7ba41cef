import type { MetricsDocument } from "@judgelab/analytics";
import { type DataTable, type TableCell, tableFromRecords, toCell } from "./data-table.js";

/** Fields that name a row (a judge, an item, a judge pair): copied into the tables nested under that row. */
const KEY_FIELDS = ["judge", "judgeA", "judgeB", "item", "a", "b", "condition", "name"];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const isRowArray = (value: unknown): value is Record<string, unknown>[] =>
  Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
const isMatrix = (value: unknown, size: number): value is unknown[][] =>
  Array.isArray(value) && value.length === size && value.every((row) => Array.isArray(row) && row.length === size);

interface Collected {
  /** Rows by table path (rows of one nested table from every parent row land together), in order of appearance. */
  readonly rows: Map<string, { rows: Record<string, unknown>[]; keys: string[] }>;
  readonly tables: DataTable[];
  readonly scalars: { path: string; value: TableCell }[];
}

/**
 * Splits a row into its own cells and the row arrays nested in it (`perJudge[].leaderboard.rows`), which become
 * tables of their own carrying this row's key fields.
 */
function splitRow(row: Record<string, unknown>, keys: Record<string, TableCell>, path: string, out: Collected) {
  const own: Record<string, unknown> = { ...keys };
  const rowKeys: Record<string, TableCell> = { ...keys };
  for (const field of KEY_FIELDS) if (typeof row[field] === "string") rowKeys[field] = row[field] as string;
  const visit = (value: Record<string, unknown>, prefix: string, target: Record<string, unknown>) => {
    for (const [key, field] of Object.entries(value)) {
      if (isRowArray(field)) collectRows(field, `${path}.${prefix}${key}`, rowKeys, out);
      else if (isPlainObject(field)) {
        const nested: Record<string, unknown> = {};
        visit(field, `${prefix}${key}.`, nested);
        if (Object.keys(nested).length > 0) target[key] = nested;
      } else target[key] = field;
    }
  };
  visit(row, "", own);
  return own;
}

function collectRows(rows: Record<string, unknown>[], path: string, keys: Record<string, TableCell>, out: Collected) {
  let entry = out.rows.get(path);
  if (entry === undefined) {
    entry = { rows: [], keys: [...new Set([...Object.keys(keys), ...KEY_FIELDS])] };
    out.rows.set(path, entry);
    // Placeholder keeps the table's place among the matrices; filled in by metricsTables.
    out.tables.push({ name: path, columns: [], rows: [] });
  }
  for (const row of rows) entry.rows.push(splitRow(row, keys, path, out));
}

/** A labelled square matrix (`matrix.judges` + `matrix.kappa`) as a table: one row per label, one column per label. */
function matrixTable(path: string, rowLabel: string, labels: readonly string[], matrix: unknown[][]): DataTable {
  return {
    name: path,
    columns: [rowLabel, ...labels],
    rows: matrix.map((row, index) => [labels[index] ?? null, ...row.map(toCell)]),
  };
}

function walk(value: unknown, path: string, out: Collected): void {
  if (isRowArray(value)) {
    collectRows(value, path, {}, out);
    return;
  }
  if (!isPlainObject(value)) {
    out.scalars.push({ path, value: toCell(value) });
    return;
  }
  const labelKey = Object.keys(value).find(
    (key) => Array.isArray(value[key]) && (value[key] as unknown[]).every((label) => typeof label === "string"),
  );
  const labels = labelKey === undefined ? undefined : (value[labelKey] as string[]);
  for (const [key, field] of Object.entries(value)) {
    const child = path === "" ? key : `${path}.${key}`;
    if (labels !== undefined && key !== labelKey && isMatrix(field, labels.length) && labels.length > 0) {
      out.tables.push(matrixTable(child, labelKey!.replace(/s$/, ""), labels, field));
    } else if (Array.isArray(field) && !isRowArray(field)) {
      out.scalars.push({ path: child, value: toCell(field.length === 0 ? null : field) });
    } else walk(field, child, out);
  }
}

/**
 * Every table of a metrics document, for export and DataFrames: each array of rows becomes a table named by its
 * path (`agreement.pairs`, `positionBias.perJudge`, `stability.pooled.rows.rows` — the pooled ratings), nested
 * objects become dotted columns (`kappa.ci.lower`), row arrays nested in a row become tables of their own that
 * carry the row's key (`stability.perJudge.leaderboard.rows` with a `judge` column), labelled square matrices
 * become one row per label (`agreement.matrix.kappa`). Every other figure goes to the `metrics` table
 * (`path`, `value`), so nothing of the document is left out; unavailable sections appear there with their reason.
 */
export function metricsTables(document: MetricsDocument): DataTable[] {
  const out: Collected = { rows: new Map(), tables: [], scalars: [] };
  for (const [key, value] of Object.entries(document)) walk(value, key, out);
  const tables = out.tables.map((table) => {
    const entry = out.rows.get(table.name);
    return entry === undefined ? table : tableFromRecords(table.name, entry.rows, entry.keys);
  });
  const scalars: DataTable = {
    name: "metrics",
    columns: ["path", "value"],
    rows: out.scalars.map((entry) => [entry.path, entry.value]),
  };
  return [scalars, ...tables];
}
