import { describe, expect, it } from "vitest";
import { chooseEngine, DUCKDB_GZIP_BYTES, DUCKDB_JSONL_BYTES } from "./choose-engine.js";

describe("chooseEngine", () => {
  const jsonl = (bytes: number) => ({ format: "jsonl" as const, path: "c.jsonl", bytes });
  it("keeps the engine asked for", () => {
    expect(chooseEngine("memory", jsonl(10 * DUCKDB_JSONL_BYTES)).engine).toBe("memory");
    expect(chooseEngine("duckdb", jsonl(10)).engine).toBe("duckdb");
  });

  it("auto: DuckDB for Parquet and above 1 GiB of JSONL or 200 MiB of gzip, else memory", () => {
    expect(chooseEngine("auto", { format: "parquet", path: "c.parquet", bytes: 10 }).engine).toBe("duckdb");
    expect(chooseEngine("auto", jsonl(DUCKDB_JSONL_BYTES)).engine).toBe("memory");
    expect(chooseEngine("auto", jsonl(DUCKDB_JSONL_BYTES + 1))).toEqual({
      engine: "duckdb",
      reason: "comparisons file of 1024 MiB > 1024 MiB (auto)",
    });
    const gzip = { format: "jsonl" as const, path: "c.jsonl.gz", bytes: DUCKDB_GZIP_BYTES + 1 };
    expect(chooseEngine("auto", gzip).engine).toBe("duckdb");
    expect(chooseEngine("auto", { ...gzip, bytes: DUCKDB_GZIP_BYTES }).engine).toBe("memory");
  });
});
