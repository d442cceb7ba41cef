import type { ComparisonSource } from "./comparison-source.js";

/** Which engine aggregates the comparisons. */
export type Engine = "memory" | "duckdb";

/** What the user asked for: an engine, or "auto" ({@link chooseEngine}). */
export type EngineOption = Engine | "auto";

/** Above this many bytes of plain JSONL comparisons, "auto" chooses DuckDB (about 5 million comparisons). */
export const DUCKDB_JSONL_BYTES = 1024 ** 3;
/** Above this many bytes of gzip-compressed JSONL, "auto" chooses DuckDB (compression is about 5–8×). */
export const DUCKDB_GZIP_BYTES = 200 * 1024 ** 2;

/**
 * The engine for `source`: the one asked for, or with "auto" DuckDB for Parquet (the in-memory loader reads
 * JSONL only) and for comparisons files above {@link DUCKDB_JSONL_BYTES} (1 GiB, ~5 M comparisons at ~200
 * bytes a line; the in-memory table then needs ~0.5 GB and the JSON parse dominates) or
 * {@link DUCKDB_GZIP_BYTES} compressed; else the in-memory engine, which supports every method and section.
 */
export function chooseEngine(
  option: EngineOption,
  source: Pick<ComparisonSource, "format" | "path" | "bytes">,
): {
  engine: Engine;
  reason: string;
} {
  if (option !== "auto") return { engine: option, reason: `--engine ${option}` };
  if (source.format === "parquet") return { engine: "duckdb", reason: "a Parquet file (auto)" };
  const gzip = source.path.toLowerCase().endsWith(".gz");
  const limit = gzip ? DUCKDB_GZIP_BYTES : DUCKDB_JSONL_BYTES;
  const size = `${(source.bytes / 1024 ** 2).toFixed(0)} MiB`;
  return source.bytes > limit
    ? { engine: "duckdb", reason: `comparisons file of ${size} > ${limit / 1024 ** 2} MiB (auto)` }
    : { engine: "memory", reason: `comparisons file of ${size} ≤ ${limit / 1024 ** 2} MiB (auto)` };
}
