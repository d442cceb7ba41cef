import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteFile } from "hyparquet-writer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openParquetFile, plainParquetValue, readParquetRecords } from "./read-parquet-records.js";

describe("readParquetRecords", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "judgelab-parquet-read-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("reads row group after row group with continuous row indices; int64 as numbers, timestamps as ISO text", async () => {
    const file = join(dir, "groups.parquet");
    const rows = 25;
    parquetWriteFile({
      filename: file,
      rowGroupSize: [4, 7],
      columnData: [
        { name: "k", data: Array.from({ length: rows }, (_, i) => `row-${i}`), type: "STRING" },
        { name: "n", data: Array.from({ length: rows }, (_, i) => BigInt(i * 1000)), type: "INT64" },
        {
          name: "t",
          data: Array.from({ length: rows }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i))),
          type: "TIMESTAMP",
        },
      ],
    });
    const opened = await openParquetFile(file);
    expect(opened.metadata.row_groups.map((group) => Number(group.num_rows))).toEqual([4, 7, 7, 7]);
    expect(opened.columns).toEqual([
      { name: "k", type: "string" },
      { name: "n", type: "int64" },
      { name: "t", type: "timestamp" },
    ]);
    const read = [];
    for await (const record of readParquetRecords(opened)) read.push(record);
    expect(read.map((record) => record.at.index)).toEqual(Array.from({ length: rows }, (_, i) => i));
    expect(read.map((record) => record.value.k)).toEqual(Array.from({ length: rows }, (_, i) => `row-${i}`));
    expect(read[24]?.value).toEqual({ k: "row-24", n: 24000, t: "2024-01-25T00:00:00.000Z" });
  });

  it("plain values: 64-bit integers beyond 2^53 keep every digit as text; nested lists and structs are walked", () => {
    expect(plainParquetValue(2n ** 60n)).toBe("1152921504606846976");
    expect(plainParquetValue(-5n)).toBe(-5);
    expect(plainParquetValue([{ a: 1n, b: [2n] }])).toEqual([{ a: 1, b: [2] }]);
  });
});
