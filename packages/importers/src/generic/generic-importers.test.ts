import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";
import { itWithSharedData } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportInputError } from "../import-input-error.js";
import { makeTempDir, readJsonl, sharedPath, writeJsonl } from "../test-support/shared-datasets.js";
import { resolveColumnMapping } from "./column-mapping.js";
import { csvImporter, jsonlImporter } from "./generic-importers.js";
import { genericVerdict, mapGenericRecord, readField } from "./map-generic-record.js";

describe("column mapping", () => {
  it("requires first, second and a verdict or winner field", async () => {
    await expect(resolveColumnMapping({ first: "a" })).rejects.toBeInstanceOf(ImportInputError);
    await expect(resolveColumnMapping({ first: "a", second: "b" })).rejects.toThrow(/verdict=COLUMN/);
    await expect(resolveColumnMapping({ first: "a", second: "b", verdict: "v", values: "x:maybe" })).rejects.toThrow(
      /values/,
    );
  });

  it("maps built-in and custom verdict words, nested fields and winners", async () => {
    expect(["A", "model_b", "Tie", "0", "left", "??"].map((value) => genericVerdict(value, {}))).toEqual([
      "first",
      "second",
      "tie",
      "tie",
      "first",
      undefined,
    ]);
    expect(genericVerdict("-1", { "-1": "second" })).toBe("second");
    expect(readField({ judge: { model: "gpt-4" } }, "judge.model")).toBe("gpt-4");
    const mapping = await resolveColumnMapping({
      first: "x",
      second: "y",
      winner: "w",
      order: "known",
      repetition: "r",
    });
    expect(mapGenericRecord({ x: "m1", y: "m2", w: "m2", r: "3" }, mapping, "f:1")).toEqual({
      comparison: {
        id: "f:1",
        first: "m1",
        second: "m2",
        order: "known",
        verdict: "second",
        judge: "judge",
        repetition: 3,
      },
    });
    expect(mapGenericRecord({ x: "m1", w: "m1" }, mapping, "f:2")).toEqual({ skip: "no value in x or y" });
  });
});

describe("generic imports", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("imports JSONL with a mapping file; unreadable verdicts stay invalid with raw", async () => {
    const file = join(temp.dir, "judgments.jsonl");
    const lines = [
      { a: "p1", b: "p2", choice: "A", who: { name: "gpt-4" }, task: "t1", pair: "m1" },
      { a: "p2", b: "p1", choice: "B", who: { name: "gpt-4" }, task: "t1", pair: "m1" },
      { a: "p1", b: "p3", choice: "maybe", who: { name: "claude" }, task: "t2" },
    ];
    await writeJsonl(file, lines);
    const mappingFile = join(temp.dir, "mapping.json");
    await writeFile(
      mappingFile,
      JSON.stringify({
        first: "a",
        second: "b",
        verdict: "choice",
        judge: "who.name",
        prompt: "task",
        match: "pair",
        order: "known",
      }),
    );
    const out = join(temp.dir, "jsonl");
    const { report } = await jsonlImporter.import([file], { out, settings: { mapping: mappingFile } });
    expect(report.read).toBe(3);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons.map((c) => [c.first, c.verdict, c.judge, c.matchId])).toEqual([
      ["p1", "first", "gpt-4", "m1"],
      ["p2", "second", "gpt-4", "m1"],
      ["p1", "invalid", "claude", undefined],
    ]);
    expect(comparisons[2]?.raw).toBe("maybe");
  });

  itWithSharedData(
    "datasets/bradleyterry2",
    "imports BradleyTerry2's football results (1/0/−1) with a value mapping",
    async () => {
      const out = join(temp.dir, "football");
      const { report } = await csvImporter.import([sharedPath("bradleyterry2/football.csv")], {
        out,
        settings: {
          first: "home",
          second: "away",
          verdict: "result",
          values: "1:first;-1:second;0:tie",
          order: "known",
          condition: "season",
          "judge-id": "match-result",
          "judge-kind": "gold",
        },
      });
      expect(report.read).toBe(1900);
      expect(report.written.comparisons).toBe(1900);
      const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
      expect(comparisons[0]).toMatchObject({
        first: "Hul",
        second: "Sto",
        verdict: "second",
        order: "known",
        condition: "2008-9",
      });
      expect(comparisons.filter((c) => c.verdict === "invalid")).toHaveLength(0);
      expect((await validateDataset(out)).ok).toBe(true);
    },
  );
});
