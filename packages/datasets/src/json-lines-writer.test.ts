import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { JsonLinesWriter } from "./json-lines-writer.js";
import { readJsonLines } from "./read-json-lines.js";
import { useTempDir } from "./test-support/temp-files.js";

const temp = useTempDir("writer");

async function readValues(path: string) {
  const values = [];
  for await (const entry of readJsonLines(path)) values.push(entry.value);
  return values;
}

describe("JsonLinesWriter", () => {
  it("round-trips values through readJsonLines, creating parent folders", async () => {
    const path = temp.path("nested", "deeper", "out.jsonl");
    const values = [{ a: 1 }, { text: "line\nbreak ✓" }, [1, 2], "s", null];
    const writer = await JsonLinesWriter.open(path);
    for (const value of values) await writer.write(value);
    await writer.close();
    await writer.close();
    expect(writer.count).toBe(values.length);
    expect(readFileSync(path, "utf8").split("\n")).toHaveLength(values.length + 1);
    expect(await readValues(path)).toEqual(values);
  });

  it("appends with append: true", async () => {
    const path = temp.path("append.jsonl");
    const first = await JsonLinesWriter.open(path);
    await first.write({ n: 1 });
    await first.close();
    const second = await JsonLinesWriter.open(path, { append: true });
    await second.write({ n: 2 });
    await second.close();
    expect(await readValues(path)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("gzips .gz paths and keeps up under back-pressure", async () => {
    const path = temp.path("many.jsonl.gz");
    const writer = await JsonLinesWriter.open(path);
    for (let index = 0; index < 20_000; index++) await writer.write({ index, pad: "x".repeat(50) });
    await writer.close();
    const lines = gunzipSync(readFileSync(path)).toString("utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(20_000);
    expect(JSON.parse(lines[19_999] as string)).toMatchObject({ index: 19_999 });
  });

  it("refuses to write after close and refuses values JSON cannot hold", async () => {
    const writer = await JsonLinesWriter.open(temp.path("closed.jsonl"));
    await expect(writer.write(undefined)).rejects.toThrow(/cannot write undefined/);
    await writer.close();
    await expect(writer.write({})).rejects.toThrow(/write after close/);
  });
});
