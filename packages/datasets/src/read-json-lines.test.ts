import { describe, expect, it } from "vitest";
import { readJsonLines } from "./read-json-lines.js";
import { readLineBatches } from "./read-line-batches.js";
import { useTempDir } from "./test-support/temp-files.js";

const temp = useTempDir("read-json-lines");

async function collect(path: string | AsyncIterable<Uint8Array>, options = {}) {
  const out = [];
  for await (const entry of readJsonLines(path, options)) out.push(entry);
  return out;
}

describe("readJsonLines", () => {
  it("reads values with 1-based line numbers and skips blank lines", async () => {
    const file = temp.write("plain.jsonl", '{"a":1}\n\n   \n{"a":2}\n');
    expect(await collect(file)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { a: 2 } },
    ]);
  });

  it("handles CRLF line ends and a UTF-8 byte order mark", async () => {
    const file = temp.write("crlf.jsonl", '\uFEFF{"a":"x"}\r\n{"a":"é"}\r\n');
    expect(await collect(file)).toEqual([
      { line: 1, value: { a: "x" } },
      { line: 2, value: { a: "é" } },
    ]);
  });

  it("decompresses .gz transparently, and detects gzip by its magic bytes too", async () => {
    const text = '{"a":1}\n{"a":2}\n';
    const gz = temp.write("packed.jsonl.gz", text);
    expect((await collect(gz)).map((entry) => entry.value)).toEqual([{ a: 1 }, { a: 2 }]);
    const { readFileSync } = await import("node:fs");
    const renamed = temp.write("packed-without-extension.jsonl", readFileSync(gz));
    expect((await collect(renamed)).map((entry) => entry.value)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("reports a non-JSON line and keeps reading", async () => {
    const file = temp.write("bad.jsonl", '{"a":1}\nnot json\n{"a":3}\n');
    const entries = await collect(file);
    expect(entries[1]).toMatchObject({ line: 2 });
    expect(entries[1]?.error).toMatch(/^not valid JSON/);
    expect(entries[2]).toEqual({ line: 3, value: { a: 3 } });
  });

  it("reports a truncated last line (no trailing newline, not JSON), accepts a complete one", async () => {
    const truncated = await collect(temp.write("truncated.jsonl", '{"a":1}\n{"a":'));
    expect(truncated[1]?.error).toMatch(/^truncated last line/);
    expect(truncated[1]?.line).toBe(2);
    const complete = await collect(temp.write("unterminated-ok.jsonl", '{"a":1}\n{"a":2}'));
    expect(complete).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
    ]);
  });

  it("splits correctly across chunk boundaries, including inside multi-byte characters", async () => {
    const records = Array.from({ length: 200 }, (_, index) => ({ index, text: "ünïcødé ✓ ".repeat(index % 7) }));
    const file = temp.write("chunks.jsonl", records.map((record) => `${JSON.stringify(record)}\r\n`).join(""));
    const entries = await collect(file, { chunkSize: 7 });
    expect(entries.map((entry) => entry.value)).toEqual(records);
    expect(entries.at(-1)?.line).toBe(200);
  });

  it("does not buffer an overlong line: reports it and continues", async () => {
    const file = temp.write("overlong.jsonl", `{"a":1}\n"${"x".repeat(5000)}"\n{"a":3}\n`);
    const entries = await collect(file, { chunkSize: 64, maxLineLength: 100 });
    expect(entries.map((entry) => entry.line)).toEqual([1, 2, 3]);
    expect(entries[1]?.error).toMatch(/longer than the maximum of 100 characters/);
    expect(entries[2]?.value).toEqual({ a: 3 });
  });

  it("reads nothing from an empty file or a file of blank lines", async () => {
    expect(await collect(temp.write("empty.jsonl", ""))).toEqual([]);
    expect(await collect(temp.write("blank.jsonl", "\n\r\n  \n"))).toEqual([]);
  });

  it("streams: yields the first lines before the source has produced the rest", async () => {
    let produced = 0;
    let firstSeenAfter = -1;
    async function* source() {
      for (let chunk = 0; chunk < 100; chunk++) {
        produced++;
        yield Buffer.from(`{"chunk":${chunk}}\n`);
      }
    }
    for await (const batch of readLineBatches(source())) {
      if (firstSeenAfter === -1) firstSeenAfter = produced;
      expect(batch.lines.length).toBeGreaterThan(0);
    }
    expect(firstSeenAfter).toBe(1);
    expect(produced).toBe(100);
  });
});
