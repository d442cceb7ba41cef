import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";
import { describeWithSharedData } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listInputFiles } from "../read-source-records.js";
import { makeTempDir, readJsonl, sharedPath } from "../test-support/shared-datasets.js";
import { llmbarImporter, parseLlmbarDatasetPath, parseLlmbarResultPath } from "./llmbar-importer.js";

describe("LLMBar paths", () => {
  it("reads subset, evaluator and strategy from a result.json path", () => {
    expect(parseLlmbarResultPath("/x/Dataset/LLMBar/Adversarial/Neighbor/evaluators/GPT-4/CoT/result.json")).toEqual({
      subset: "LLMBar/Adversarial/Neighbor",
      evaluator: "GPT-4",
      strategy: "CoT",
    });
    expect(parseLlmbarResultPath("runs/Natural/evaluators/PaLM2/Swap/result.json").subset).toBe("Natural");
    expect(() => parseLlmbarResultPath("/x/result.json")).toThrow(/evaluators/);
    expect(parseLlmbarDatasetPath("/x/Dataset/Processed/LLMEval^2/dataset.json")).toBe("Processed/LLMEval^2");
  });
});

const winnerOf = (c: Comparison) => (c.verdict === "first" ? c.first : c.verdict === "second" ? c.second : c.verdict);

/** Upstream statistics of one run: correct_False, correct_True and equal as counts, and the pair count. */
function upstreamCounts(statistics: Record<string, string>): [number, number, number, number] {
  const count = (text: string | undefined) => Number(String(text).split(" / ")[0]);
  const total = Number(String(statistics.equal).split(" / ")[1]?.split(" ")[0]);
  return [count(statistics.correct_False), count(statistics.correct_True), count(statistics.equal), total];
}

/** The same counts from imported comparisons: agreement with gold per order, and same winner in both orders. */
function importedCounts(
  run: readonly Comparison[],
  gold: ReadonlyMap<string | undefined, string>,
): [number, number, number, number] {
  const original = run.filter((c) => c.id.endsWith("/orig"));
  const swapped = run.filter((c) => c.id.endsWith("/swap"));
  const swappedWinner = new Map(swapped.map((c) => [c.matchId, winnerOf(c)]));
  return [
    original.filter((c) => winnerOf(c) === gold.get(c.prompt)).length,
    swapped.filter((c) => winnerOf(c) === gold.get(c.prompt)).length,
    original.filter((c) => swappedWinner.get(c.matchId) === winnerOf(c)).length,
    original.length,
  ];
}

describeWithSharedData("datasets/llmbar", `LLMBar shared data (${sharedPath("llmbar")})`, () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let comparisons: Comparison[];
  beforeAll(async () => {
    temp = await makeTempDir();
    const out = join(temp.dir, "csv");
    const { report } = await llmbarImporter.import([sharedPath("llmbar/verdicts_all.csv.gz")], { out });
    expect(report.read).toBe(40_413);
    expect(report.skipped).toEqual([]);
    expect((await validateDataset(out)).ok).toBe(true);
    comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
  });
  afterAll(() => temp.cleanup());

  it("imports the 40,413 verdict rows of 499 runs as two comparisons each, plus one gold label per pair", () => {
    const judged = comparisons.filter((comparison) => comparison.judge !== "gold");
    expect(judged).toHaveLength(80_826);
    const runs = new Set(judged.map((c) => `${c.prompt?.split("/").slice(0, -1).join("/")}|${c.judge}`));
    expect(runs.size).toBe(499);
    // 174 empty winner_orig and 174 empty winner_swap cells in the CSV (counted with zcat | cut | sort | uniq -c).
    expect(judged.filter((comparison) => comparison.verdict === "invalid")).toHaveLength(348);
    expect(comparisons.filter((comparison) => comparison.judge === "gold")).toHaveLength(1200);
  });

  it("reproduces correct_False, correct_True and equal of all 239 upstream statistics.json files", async () => {
    const gold = new Map(comparisons.filter((c) => c.judge === "gold").map((c) => [c.prompt, winnerOf(c)]));
    const runs = new Map<string, Comparison[]>();
    for (const c of comparisons) {
      if (c.judge === "gold") continue;
      const key = `${c.prompt?.split("/").slice(0, -1).join("/")}|${c.judge}`;
      runs.set(key, [...(runs.get(key) ?? []), c]);
    }
    const files = await listInputFiles([sharedPath("llmbar/Dataset")], (path) =>
      /evaluators\/.*\/statistics\.json$/.test(path),
    );
    expect(files).toHaveLength(239);
    for (const file of files) {
      const { subset, evaluator, strategy } = parseLlmbarResultPath(file.replace(/statistics\.json$/, "result.json"));
      const statistics = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
      const run = runs.get(`${subset}|${evaluator}/${strategy}`) ?? [];
      expect({ file, counts: importedCounts(run, gold) }).toEqual({ file, counts: upstreamCounts(statistics) });
    }
  });

  it("reads a result.json run with texts and rationales (Natural/GPT-4/Vanilla: correct 95 and 96, equal 95)", async () => {
    const out = join(temp.dir, "natural-gpt4");
    const run = sharedPath("llmbar/Dataset/LLMBar/Natural/evaluators/GPT-4/Vanilla/result.json");
    await llmbarImporter.import([run], { out });
    const imported = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    const gold = new Map(imported.filter((c) => c.judge === "gold").map((c) => [c.prompt, winnerOf(c)]));
    expect(
      importedCounts(
        imported.filter((c) => c.judge !== "gold"),
        gold,
      ),
    ).toEqual([95, 96, 95, 100]);
    expect(imported.filter((c) => c.judge !== "gold").every((c) => typeof c.rationale === "string")).toBe(true);
    const items = await readJsonl<{ id: string; text?: string }>(join(out, "items.jsonl"));
    expect(items.every((item) => typeof item.text === "string")).toBe(true);
  });
});
