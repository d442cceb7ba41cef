import type { ComparisonSource } from "./comparison-source.js";
import type { DuckDbSession } from "./duckdb-session.js";
import { EngineInputError } from "./engine-input-error.js";

/** A string as a SQL literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The comparison fields the engine reads (JSON name → column alias in `source_rows`). */
const FIELDS = [
  ["first", "f"],
  ["second", "s"],
  ["order", "o"],
  ["verdict", "v"],
  ["judge", "j"],
  ["matchId", "m"],
] as const;

/** Optional fields: a Parquet file without the column reads NULL. */
const OPTIONAL = new Set(["matchId"]);

/**
 * Creates the view `source_rows(rn, f, s, o, v, j, m)` over the comparisons file: `rn` is the 0-based row in file
 * order (row_number() over DuckDB's insertion-order-preserving scan), the rest the fields as VARCHAR. JSONL is
 * read with fixed columns (other fields are ignored; a missing field is NULL), Parquet by column name.
 */
export async function createSourceView(session: DuckDbSession, source: ComparisonSource): Promise<void> {
  const path = sqlString(source.path);
  let reader: string;
  let columns: string;
  if (source.format === "jsonl") {
    const types = FIELDS.map(([name]) => `${sqlString(name)}: 'VARCHAR'`).join(", ");
    reader = `read_json(${path}, format = 'newline_delimited', columns = {${types}})`;
    columns = FIELDS.map(([name, alias]) => `"${name}" AS ${alias}`).join(", ");
  } else {
    reader = `read_parquet(${path})`;
    const present = new Set(
      (await session.columns(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${reader})`)).column_name,
    );
    columns = FIELDS.map(([name, alias]) => {
      if (present.has(name)) return `CAST("${name}" AS VARCHAR) AS ${alias}`;
      if (OPTIONAL.has(name)) return `NULL::VARCHAR AS ${alias}`;
      throw new EngineInputError(`${source.path}: field ${name}: the Parquet file has no such column`);
    }).join(", ");
  }
  await session.run(
    `CREATE OR REPLACE TEMP VIEW source_rows AS SELECT (row_number() OVER ()) - 1 AS rn, ${columns} FROM ${reader}`,
  );
}
