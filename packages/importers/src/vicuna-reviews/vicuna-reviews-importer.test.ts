import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison, Item } from "@judgelab/schema";
import { describeWithSharedData } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SELF_COMPARISON_REASON } from "../dataset-collector.js";
import { makeTempDir, readJsonl, sharedPath, writeJsonl } from "../test-support/shared-datasets.js";
import { verdictFromScorePair, vicunaReviewJudge } from "./map-vicuna-review.js";
import { vicunaReviewsImporter } from "./vicuna-reviews-importer.js";

describe("Vicuna review mapping", () => {
  it("turns a score pair into a verdict and rejects FastChat's [-1, -1]", () => {
    expect(verdictFromScorePair([9, 8.5])).toEqual({ verdict: "first", scores: [9, 8.5] });
    expect(verdictFromScorePair([7, 7])).toEqual({ verdict: "tie", scores: [7, 7] });
    expect(verdictFromScorePair(["6", "8"])).toEqual({ verdict: "second", scores: [6, 8] });
    expect(verdictFromScorePair([-1, -1])).toEqual({ verdict: "invalid" });
    expect(verdictFromScorePair(undefined)).toEqual({ verdict: "invalid" });
  });

  it("names the judge from the file name, a setting, or GPT-4", () => {
    expect(vicunaReviewJudge("gpt-3.5-turbo_review_bard_vicuna.jsonl")).toBe("gpt-3.5-turbo");
    expect(vicunaReviewJudge("review_bard_vicuna-13b.jsonl")).toBe("gpt-4");
    expect(vicunaReviewJudge("review_bard_vicuna-13b.jsonl", "claude")).toBe("claude");
  });
});

describe("Vicuna reviews from small files", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("joins reviews with answers and questions; unparsed scores stay invalid with raw", async () => {
    const answers = [
      { answer_id: "a1", model_id: "llama-13b:v1", question_id: 1, text: "answer one" },
      { answer_id: "a2", model_id: "vicuna-13b:v1", question_id: 1, text: "answer two!" },
    ];
    const reviews = [
      {
        review_id: "r1",
        question_id: 1,
        answer1_id: "a1",
        answer2_id: "a2",
        reviewer_id: 1,
        text: "7 9\nok",
        score: [7, 9],
      },
      {
        review_id: "r2",
        question_id: 1,
        answer1_id: "a2",
        answer2_id: "a1",
        reviewer_id: 1,
        text: "?",
        score: [-1, -1],
      },
    ];
    await writeJsonl(join(temp.dir, "answer_x.jsonl"), answers);
    await writeJsonl(join(temp.dir, "question.jsonl"), [{ question_id: 1, text: "q?", category: "generic" }]);
    await writeJsonl(join(temp.dir, "claude_review_x.jsonl"), reviews);
    const out = join(temp.dir, "out");
    const { report } = await vicunaReviewsImporter.import([temp.dir], { out });
    expect(report.read).toBe(2);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons[0]).toMatchObject({
      first: "1/llama-13b:v1",
      second: "1/vicuna-13b:v1",
      order: "known",
      verdict: "second",
      judge: "claude",
      metadata: { scores: [7, 9], reviewerId: "1" },
    });
    expect(comparisons[1]).toMatchObject({ verdict: "invalid", raw: [-1, -1] });
    const items = await readJsonl<Item>(join(out, "items.jsonl"));
    expect(items[1]).toMatchObject({
      id: "1/vicuna-13b:v1",
      producer: "vicuna-13b:v1",
      category: "generic",
      length: 11,
    });
  });
});

describeWithSharedData(
  "datasets/vicuna80_gpt4_reviews",
  `Vicuna-80 shared reviews (${sharedPath("vicuna80_gpt4_reviews")})`,
  () => {
    it("imports 18 review files of 80 reviews; the vicuna-vs-itself file is skipped with a reason", async () => {
      const temp = await makeTempDir();
      try {
        const { report } = await vicunaReviewsImporter.import([sharedPath("vicuna80_gpt4_reviews")], { out: temp.dir });
        expect(report.read).toBe(18 * 80);
        expect(report.skipped).toEqual([expect.objectContaining({ reason: SELF_COMPARISON_REASON, count: 80 })]);
        expect(report.written).toMatchObject({ comparisons: 17 * 80, judges: 2, items: 7 * 80 });
        expect((await validateDataset(temp.dir)).ok).toBe(true);
      } finally {
        await temp.cleanup();
      }
    });
  },
);
