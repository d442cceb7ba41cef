import { readFileSync } from "node:fs";
import type { Comparison } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { loadDataset } from "./load-dataset.js";
import { comparison, jsonl, useTempDir, writeDatasetFixture } from "./test-support/temp-files.js";
import { DatasetError } from "./validation-report.js";
import { writeDataset } from "./write-dataset.js";

const temp = useTempDir("write-load");

async function* streamComparisons(count: number): AsyncGenerator<Comparison> {
  for (let index = 0; index < count; index++) {
    yield comparison(`c${index}`, `i${index % 5}`, `i${(index + 1) % 5}`, {
      verdict: index % 2 === 0 ? "first" : "second",
      judge: index % 3 === 0 ? "j2" : "j1",
    }) as Comparison;
  }
}

describe("writeDataset + loadDataset", () => {
  it("round-trips a dataset, streaming comparisons, with dataset.json counts written last", async () => {
    const dir = temp.path("round-trip");
    const items = Array.from({ length: 6 }, (_, index) => ({ id: `i${index}`, title: `Item ${index}` }));
    const judges = [
      { id: "j1", kind: "llm" as const, family: "gpt" },
      { id: "j2", kind: "human" as const },
    ];
    const counts = await writeDataset(dir, {
      manifest: { schemaVersion: 1, name: "round-trip", license: "CC0-1.0" },
      items,
      judges,
      comparisons: streamComparisons(50),
      assessments: [{ item: "i0", judge: "j1", scores: { overall: 7 } }],
      references: [{ kind: "pair", a: "i0", b: "i1", name: "gold", winner: "a" }],
    });
    expect(counts).toEqual({ items: 6, judges: 2, comparisons: 50, assessments: 1, references: 1 });
    expect(JSON.parse(readFileSync(`${dir}/dataset.json`, "utf8"))).toEqual({
      schemaVersion: 1,
      name: "round-trip",
      license: "CC0-1.0",
      counts,
    });
    const loaded = await loadDataset(dir, { keepComparisons: true });
    expect(loaded.items).toEqual(items);
    expect(loaded.judges).toEqual(judges);
    expect(loaded.assessments).toHaveLength(1);
    expect(loaded.references).toHaveLength(1);
    const expected: Comparison[] = [];
    for await (const record of streamComparisons(50)) expected.push(record);
    expect(loaded.comparisons).toEqual(expected);
    // Item codes follow items.jsonl (i5 has no comparison but still has a code); judge codes follow judges.jsonl.
    expect(loaded.table.itemIds).toEqual(items.map((item) => item.id));
    expect(loaded.table.judgeIds).toEqual(["j1", "j2"]);
    expect(loaded.table.size).toBe(50);
    expect(loaded.table.itemIds[loaded.table.second[4]!]).toBe("i0");
  });

  it("rewrites a folder without leaving optional files of the earlier write behind", async () => {
    const dir = temp.path("rewrite");
    const base = {
      manifest: { schemaVersion: 1 as const, name: "rewrite" },
      items: [{ id: "a" }, { id: "b" }],
      judges: [],
    };
    await writeDataset(dir, { ...base, comparisons: [], assessments: [{ item: "gone", judge: "x", scores: {} }] });
    const counts = await writeDataset(dir, { ...base, comparisons: [comparison("c1", "a", "b") as Comparison] });
    expect(counts).toEqual({ items: 2, judges: 0, comparisons: 1, assessments: 0, references: 0 });
    const loaded = await loadDataset(dir);
    expect(loaded.assessments).toEqual([]);
    // No judges given: no judges.jsonl, so the judges are implied by the comparisons.
    expect(loaded.report.judgesImplied).toBe(true);
    expect(loaded.table.judgeIds).toEqual(["j1"]);
  });

  it("refuses to write an invalid record, naming the file and line", async () => {
    const bad = [comparison("c1", "a", "b"), comparison("c2", "a", "b", { verdict: "A" })] as Comparison[];
    const error = await writeDataset(temp.path("bad-write"), {
      manifest: { schemaVersion: 1, name: "bad" },
      items: [{ id: "a" }, { id: "b" }],
      judges: [],
      comparisons: bad,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).problems).toEqual([
      {
        file: temp.path("bad-write", "comparisons.jsonl"),
        line: 2,
        field: "verdict",
        message: 'must be one of first, second, tie, invalid, got "A"',
      },
    ]);
  });
});

describe("loadDataset", () => {
  it("throws a DatasetError with the problems when the dataset is invalid", async () => {
    const dir = writeDatasetFixture(temp, "invalid", {
      "comparisons.jsonl": jsonl(comparison("c1", "a", "nope")),
    });
    const error = await loadDataset(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).problemCount).toBe(1);
    expect((error as DatasetError).message).toContain('comparisons.jsonl:1: second: unknown item id "nope"');
  });

  it("loads a standalone comparisons file with implied items and judges, without keeping records", async () => {
    const file = temp.write(
      "alone.jsonl",
      jsonl(comparison("c1", "x", "y"), comparison("c2", "y", "z", { judge: "j9" })),
    );
    const loaded = await loadDataset(file);
    expect(loaded.comparisons).toBeUndefined();
    expect(loaded.items).toEqual([]);
    expect(loaded.table.itemIds).toEqual(["x", "y", "z"]);
    expect(loaded.table.judgeIds).toEqual(["j1", "j9"]);
    expect(loaded.manifest).toEqual({ schemaVersion: 1, name: "alone" });
  });
});
