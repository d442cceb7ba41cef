import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  chooseEngine,
  type DuckDbSessionOptions,
  type Engine,
  EngineInputError,
  type EngineOption,
  locateComparisonsFile,
} from "@judgelab/engine-duckdb";
import { UsageError } from "./cli-io.js";

/** Help text of `--engine` (rate, analyze). */
export const ENGINE_HELP = `  --engine E       auto (default), memory or duckdb. duckdb aggregates the comparisons in SQL with embedded
                   DuckDB and never loads the rows: JSONL, JSONL.gz or Parquet of any size (docs/scaling.md).
                   auto: duckdb for Parquet and for comparisons files over 1 GiB (over 200 MiB gzipped, about
                   5 million comparisons), unless an option needs the rows; else memory. DuckDB's memory limit:
                   JUDGELAB_DUCKDB_MEMORY_LIMIT (default 2GB; it spills to a temporary folder beyond it)`;

/** `--engine`: auto (default), memory or duckdb. */
export function parseEngineOption(value: string | undefined): EngineOption {
  const engine = value ?? "auto";
  if (engine !== "auto" && engine !== "memory" && engine !== "duckdb")
    throw new UsageError(`--engine takes auto, memory or duckdb, got "${engine}"`);
  return engine;
}

/**
 * The engine for `path` ({@link chooseEngine}). `needsRows` names what among the options needs the comparison
 * rows: with `--engine duckdb` that is a usage error, with auto the in-memory engine is used and `notice` says
 * why when the file alone would have chosen DuckDB.
 */
export function pickEngine(args: { option: EngineOption; path: string; needsRows: string | undefined }): {
  engine: Engine;
  reason: string;
  notice?: string;
} {
  const { option, needsRows } = args;
  let located: ReturnType<typeof locateComparisonsFile>;
  try {
    located = locateComparisonsFile(args.path);
  } catch (error) {
    // No comparisons file: the in-memory loader names what is missing in its own words.
    if (error instanceof EngineInputError && option !== "duckdb")
      return { engine: "memory", reason: "no comparisons file found" };
    if (error instanceof EngineInputError) throw new UsageError(error.message);
    throw error;
  }
  if (option === "memory" && located.format === "parquet")
    throw new UsageError("the in-memory engine reads JSONL only: use --engine duckdb (or auto) for Parquet");
  if (option === "memory") return { engine: "memory", reason: "--engine memory" };
  if (option === "duckdb" && needsRows !== undefined)
    throw new UsageError(
      `--engine duckdb aggregates in SQL and never loads the rows, but ${needsRows} needs them: use --engine memory`,
    );
  const chosen = chooseEngine(option, located);
  if (chosen.engine === "duckdb" && needsRows !== undefined) {
    if (located.format === "parquet")
      throw new UsageError(`${needsRows} needs the comparison rows, which only the duckdb engine reads from Parquet`);
    return {
      engine: "memory",
      reason: `${needsRows} needs the rows`,
      notice: `--engine auto: ${needsRows} needs the comparison rows, so the in-memory engine loads this ${(located.bytes / 1024 ** 2).toFixed(0)} MiB file`,
    };
  }
  return chosen;
}

/**
 * DuckDB settings for one command: the memory limit of `JUDGELAB_DUCKDB_MEMORY_LIMIT` (DuckDB's syntax, e.g.
 * "8GB"; default "2GB"), spilling to a fresh temporary folder that `dispose` removes.
 */
export function createDuckDbSettings(env: Readonly<Record<string, string | undefined>>): {
  session: DuckDbSessionOptions;
  dispose(): void;
} {
  const memoryLimit = env.JUDGELAB_DUCKDB_MEMORY_LIMIT ?? "2GB";
  if (!/^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(memoryLimit))
    throw new UsageError(`JUDGELAB_DUCKDB_MEMORY_LIMIT must look like 2GB or 512MiB, got "${memoryLimit}"`);
  const tempDirectory = mkdtempSync(join(tmpdir(), "judgelab-duckdb-"));
  return {
    session: { memoryLimit, tempDirectory },
    dispose: () => rmSync(tempDirectory, { recursive: true, force: true }),
  };
}
