import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison, Reference } from "@judgelab/schema";
import { describeWithSharedData } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, readJsonl, sharedPath } from "../test-support/shared-datasets.js";
import { parsePandalmLabel, splitPandalmCmpKey } from "./map-pandalm-pair.js";
import { pandalmImporter } from "./pandalm-importer.js";

/** Cohen's κ = (p_o − p_e) / (1 − p_e) over paired labels (Cohen 1960). */
function cohenKappa(a: readonly string[], b: readonly string[]): number {
  const labels = [...new Set([...a, ...b])];
  const observed = a.filter((label, index) => label === b[index]).length / a.length;
  const expected = labels.reduce(
    (sum, label) =>
      sum + (a.filter((x) => x === label).length / a.length) * (b.filter((x) => x === label).length / b.length),
    0,
  );
  return (observed - expected) / (1 - expected);
}

describe("PandaLM labels", () => {
  it("parses 0/1/2, Tie and rejects garbage", () => {
    expect([0, "1", 2, "Tie", "garbage"].map(parsePandalmLabel)).toEqual(["tie", "a", "b", "tie", undefined]);
    expect(splitPandalmCmpKey("cerebras-gpt-6.7B_llama-7b")).toEqual(["cerebras-gpt-6.7B", "llama-7b"]);
    expect(splitPandalmCmpKey("a_b_c")).toBeUndefined();
  });
});

describeWithSharedData("datasets/pandalm", `PandaLM shared data (${sharedPath("pandalm")})`, () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let comparisons: Comparison[];
  let references: Reference[];
  beforeAll(async () => {
    temp = await makeTempDir();
    const { report } = await pandalmImporter.import([sharedPath("pandalm")], { out: temp.dir });
    expect(report.read).toBe(3 * 999);
    expect(report.skipped).toEqual([]);
    comparisons = await readJsonl<Comparison>(join(temp.dir, "comparisons.jsonl"));
    references = await readJsonl<Reference>(join(temp.dir, "references.jsonl"));
  });
  afterAll(() => temp.cleanup());

  it("imports 999 pairs judged by 3 annotators, GPT-3.5 and PandaLM-7B", async () => {
    expect(comparisons).toHaveLength(5 * 999);
    expect(new Set(comparisons.map((c) => c.prompt)).size).toBe(999);
    // gpt-3.5-turbo-testset-v1.json: 25 "garbage" results, kept as invalid with the raw value.
    const invalid = comparisons.filter((c) => c.verdict === "invalid");
    expect(invalid).toHaveLength(25);
    expect(invalid.every((c) => c.judge === "gpt-3.5-turbo" && c.raw === "garbage")).toBe(true);
    expect((await validateDataset(temp.dir)).ok).toBe(true);
  });

  it("reproduces the upstream README's majority-label counts (tie 105, 1: 422, 2: 472)", () => {
    const counts = { a: 0, b: 0, tie: 0 };
    for (const reference of references) if (reference.kind === "pair") counts[reference.winner]++;
    expect(counts).toEqual({ tie: 105, a: 422, b: 472 });
  });

  it("reproduces the annotators' Cohen κ (README 0.85 / 0.88 / 0.86; sklearn 0.85202, 0.87894, 0.86166)", () => {
    const labels = (judge: string) =>
      comparisons
        .filter((c) => c.judge === judge)
        .sort((x, y) => Number(x.prompt) - Number(y.prompt))
        .map((c) => c.verdict);
    const [one, two, three] = ["annotator1", "annotator2", "annotator3"].map(labels) as [string[], string[], string[]];
    expect(cohenKappa(one, two)).toBeCloseTo(0.8520226785167024, 10);
    expect(cohenKappa(one, three)).toBeCloseTo(0.8789438112500384, 10);
    expect(cohenKappa(two, three)).toBeCloseTo(0.8616614540762907, 10);
  });
});
