import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readComparisonRecords } from "./read-comparison-records.js";

const record = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, first: "a", second: "b", order: "known", verdict: "first", judge: "j", ...extra });

function writeComparisons(lines: readonly string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "judgelab-read-comparisons-")), "comparisons.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

async function readAll(file: string, prefilter?: (line: string) => boolean) {
  const records = [];
  for await (const comparison of readComparisonRecords(file, prefilter === undefined ? {} : { prefilter })) {
    records.push(comparison);
  }
  return records;
}

describe("readComparisonRecords", () => {
  it("streams typed records, skipping blank lines and lines the prefilter rejects", async () => {
    const file = writeComparisons([record("c1"), "", record("c2", { rationale: "keep" }), record("c3")]);
    expect((await readAll(file)).map((comparison) => comparison.id)).toEqual(["c1", "c2", "c3"]);
    expect((await readAll(file, (line) => line.includes("keep"))).map((comparison) => comparison.id)).toEqual(["c2"]);
  });

  it("moves an unknown top-level field under metadata, as loading does", async () => {
    const [comparison] = await readAll(writeComparisons([record("c1", { extra: 1 })]));
    expect(comparison?.metadata).toEqual({ extra: 1 });
  });

  it("names the file, line and field of a record that no longer validates instead of skipping it", async () => {
    const file = writeComparisons([record("c1"), record("c2", { verdict: "maybe" }), "{not json"]);
    await expect(readAll(file)).rejects.toThrow(/comparisons\.jsonl:2: verdict/);
    await expect(readAll(writeComparisons([record("c1"), "{not json"]))).rejects.toThrow(/comparisons\.jsonl:2/);
  });
});
