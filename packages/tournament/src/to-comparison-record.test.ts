import { answerComparisonTemplate, createSimulatedJudge } from "@judgelab/judges";
import { comparisonSchema } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { PriceTable } from "./price-table.js";
import { toComparisonRecord } from "./to-comparison-record.js";

describe("toComparisonRecord", () => {
  it("keeps a verdict's confidence, verdict logprobs and logprob-weighted preference, and the record validates", async () => {
    const judge = createSimulatedJudge({ id: "sim", seed: 1, tieRate: 0.2, confidenceTemperature: 1 });
    const template = answerComparisonTemplate;
    const result = await judge.judge({
      first: { id: "a", text: "A", metadata: { quality: 1 } },
      second: { id: "b", text: "B", metadata: { quality: 0 } },
      template,
      repetition: 0,
    });
    const record = toComparisonRecord({
      planned: { id: "c1", matchId: "m1", round: 1, first: "a", second: "b", judge: "sim", repetition: 0 },
      result,
      judge,
      prices: new PriceTable({}),
      batch: false,
      templateHash: template.hash,
      createdAt: "2026-05-05T00:00:00Z",
    });
    expect(record.confidence).toBeGreaterThan(0);
    expect(record.preference).toBeGreaterThan(0);
    expect(Object.keys(record.verdictLogprobs ?? {})).toEqual(["first", "second", "tie"]);
    expect(comparisonSchema.safeParse(record).success).toBe(true);
  });
});
