import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Comparison } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { arenaBattlesImporter } from "./arena-battles/arena-battles-importer.js";
import { ComparisonStore, comparisonOutcome } from "./comparison-store.js";
import { DatasetCollector, REPEATED_JUDGMENT_REASON } from "./dataset-collector.js";
import { ImportReportBuilder } from "./import-report.js";
import { makeTempDir, writeJsonl } from "./test-support/shared-datasets.js";

const make = (index: number): Comparison => ({
  id: `c${index}`,
  first: `a${index}`,
  second: `b${index}`,
  order: "unknown",
  verdict: index % 3 === 0 ? "tie" : "first",
  judge: `j${index % 2}`,
});

async function collect(records: Iterable<Comparison> | AsyncIterable<Comparison>): Promise<Comparison[]> {
  const list: Comparison[] = [];
  for await (const record of records) list.push(record);
  return list;
}

describe("ComparisonStore", () => {
  it("keeps order, outcomes and judges across spills, and removes its temporary file", async () => {
    const store = new ComparisonStore({ spillThreshold: 3 });
    const added = Array.from({ length: 8 }, (_, index) => make(index));
    for (const comparison of added) store.add(comparison);
    expect(store.isSpilled).toBe(true);
    expect(store.size).toBe(8);
    expect([...store.judges].sort()).toEqual(["j0", "j1"]);
    expect(store.find("c0")).toEqual({ judge: make(0).judge, outcome: "tie" });
    expect(store.find("c7")).toEqual({
      judge: make(7).judge,
      outcome: comparisonOutcome(make(7)),
      comparison: make(7),
    });
    expect(await collect(store.records())).toEqual(added);
    const spillFile = (store as unknown as { spillDir: string }).spillDir;
    await store.dispose();
    expect(existsSync(spillFile)).toBe(false);
  });

  it("detects a repeated judgment after it was spilled", () => {
    const report = new ImportReportBuilder("test");
    const collector = new DatasetCollector(report, { spillThreshold: 1 });
    collector.addComparison(make(1));
    collector.addComparison(make(2));
    expect(collector.addComparison({ ...make(1), first: "b1", second: "a1", verdict: "second" })).toBe(false);
    expect(report.build({ inputs: [], written: collector.counts() }).skipped[0]).toMatchObject({
      reason: REPEATED_JUDGMENT_REASON,
      count: 1,
    });
  });

  it("writes the same dataset whether comparisons were spilled or not", async () => {
    const temp = await makeTempDir();
    try {
      const battles = Array.from({ length: 25 }, (_, index) => ({
        model_a: `m${index % 4}`,
        model_b: `m${(index + 1) % 5}`,
        winner: ["model_a", "model_b", "tie"][index % 3],
        judge: `u${index % 3}`,
      }));
      const file = join(temp.dir, "battles.jsonl");
      await writeJsonl(file, battles);
      await arenaBattlesImporter.import([file], { out: join(temp.dir, "memory") });
      await arenaBattlesImporter.import([file], { out: join(temp.dir, "spilled"), spillThreshold: 4 });
      for (const name of ["comparisons.jsonl", "items.jsonl", "judges.jsonl", "dataset.json"]) {
        expect(readFileSync(join(temp.dir, "spilled", name), "utf8")).toBe(
          readFileSync(join(temp.dir, "memory", name), "utf8"),
        );
      }
    } finally {
      await temp.cleanup();
    }
  });
});
