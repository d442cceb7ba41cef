import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

/** Settings of an embedded DuckDB database (all optional). */
export interface DuckDbSessionOptions {
  /** DuckDB's `memory_limit`, e.g. "2GB": above it, operators spill to `tempDirectory`. Default "2GB". */
  readonly memoryLimit?: string;
  /** Where DuckDB spills; default DuckDB's own (`.tmp` beside a file database, none in memory). */
  readonly tempDirectory?: string;
  /** Worker threads; default DuckDB's (the cores). */
  readonly threads?: number;
}

/** Column name → values of one query's result: numbers (integers and doubles) or strings, null for NULL. */
export type QueryColumns = Record<string, (number | string | null)[]>;

/** One in-memory DuckDB database and connection; `close` releases both. */
export interface DuckDbSession {
  /** Runs statements and discards any result. */
  run(sql: string): Promise<void>;
  /**
   * Reads a result chunk by chunk into plain arrays. Cast BIGINT and HUGEINT columns to INTEGER or DOUBLE in the
   * SQL: 64-bit integers would arrive as bigint.
   */
  columns(sql: string): Promise<QueryColumns>;
  /** Creates `table(name VARCHAR, code INTEGER)` holding `values[code]` with its code. */
  writeDictionary(table: string, values: readonly string[]): Promise<void>;
  close(): void;
}

/**
 * Opens an in-memory DuckDB database. `@duckdb/node-api` (a native binary from an npm platform package) is
 * imported here, lazily, so commands that never use DuckDB do not load it.
 */
export async function openDuckDbSession(options: DuckDbSessionOptions = {}): Promise<DuckDbSession> {
  const duckdb = await import("@duckdb/node-api");
  const settings: Record<string, string> = { memory_limit: options.memoryLimit ?? "2GB" };
  if (options.tempDirectory !== undefined) settings.temp_directory = options.tempDirectory;
  if (options.threads !== undefined) settings.threads = String(options.threads);
  const instance: DuckDBInstance = await duckdb.DuckDBInstance.create(":memory:", settings);
  const connection: DuckDBConnection = await instance.connect();
  return {
    run: async (sql) => {
      await connection.run(sql);
    },
    columns: async (sql) => {
      const result = await connection.stream(sql);
      const names = result.columnNames();
      const out: QueryColumns = Object.fromEntries(names.map((name) => [name, []]));
      for (
        let chunk = await result.fetchChunk();
        chunk !== null && chunk.rowCount > 0;
        chunk = await result.fetchChunk()
      ) {
        names.forEach((name, index) => {
          const target = out[name] as (number | string | null)[];
          for (const value of chunk.getColumnValues(index)) target.push(toPlain(value, name));
        });
      }
      return out;
    },
    writeDictionary: async (table, values) => {
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} (name VARCHAR, code INTEGER)`);
      const appender = await connection.createAppender(table);
      values.forEach((value, code) => {
        appender.appendVarchar(value);
        appender.appendInteger(code);
        appender.endRow();
      });
      appender.closeSync();
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function toPlain(value: unknown, column: string): number | string | null {
  if (value === null || typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  throw new TypeError(`duckdb column ${column}: cast ${typeof value} values to INTEGER, DOUBLE or VARCHAR in the SQL`);
}
