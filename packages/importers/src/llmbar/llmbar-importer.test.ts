import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_SHARED_DATASETS, makeTempDir, readJsonl, sharedPath } from "../test-support/shared-datasets.js";
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

describe.skipIf(!HAS_SHARED_DATASETS)(`LLMBar shared data (${sharedPath("llmbar")})`, () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("imports the 40,413 verdict rows of 499 runs as two comparisons each, plus one gold label per pair", async () => {
    const out = join(temp.dir, "csv");
    const { report } = await llmbarImporter.import([sharedPath("llmbar/verdicts_all.csv.gz")], { out });
    expect(report.read).toBe(40_413);
    expect(report.skipped).toEqual([]);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    const judged = comparisons.filter((comparison) => comparison.judge !== "gold");
    expect(judged).toHaveLength(80_826);
    const runs = new Set(
      judged.map((comparison) => `${comparison.prompt?.split("/").slice(0, -1).join("/")}|${comparison.judge}`),
    );
    expect(runs.size).toBe(499);
    // 174 empty winner_orig and 174 empty winner_swap cells in the CSV (counted with zcat | cut | sort | uniq -c).
    expect(judged.filter((comparison) => comparison.verdict === "invalid")).toHaveLength(348);
    expect(report.written.references).toBe(report.written.comparisons - 80_826);
    expect((await validateDataset(out)).ok).toBe(true);
  });

  it("reproduces the upstream statistics.json of Natural/GPT-4/Vanilla from a result.json run", async () => {
    const out = join(temp.dir, "natural-gpt4");
    const run = sharedPath("llmbar/Dataset/LLMBar/Natural/evaluators/GPT-4/Vanilla/result.json");
    await llmbarImporter.import([run], { out });
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    const gold = new Map(comparisons.filter((c) => c.judge === "gold").map((c) => [c.prompt, c.verdict]));
    const winnerOf = (c: Comparison) =>
      c.verdict === "first" ? c.first : c.verdict === "second" ? c.second : c.verdict;
    const goldWinner = (c: Comparison) => `${c.prompt}/output_${gold.get(c.prompt) === "first" ? 1 : 2}`;
    const original = comparisons.filter((c) => c.id.endsWith("/orig"));
    const swapped = comparisons.filter((c) => c.id.endsWith("/swap"));
    expect(original).toHaveLength(100);
    // statistics.json: correct_False 95/100, correct_True 96/100, equal 95/100.
    expect(original.filter((c) => winnerOf(c) === goldWinner(c))).toHaveLength(95);
    expect(swapped.filter((c) => winnerOf(c) === goldWinner(c))).toHaveLength(96);
    const swappedById = new Map(swapped.map((c) => [c.matchId, winnerOf(c)]));
    expect(original.filter((c) => swappedById.get(c.matchId) === winnerOf(c))).toHaveLength(95);
    const items = await readJsonl<{ id: string; text?: string }>(join(out, "items.jsonl"));
    expect(items.every((item) => typeof item.text === "string")).toBe(true);
  });
});
