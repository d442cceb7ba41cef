import type { Comparison } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { answerComparisonTemplate } from "./built-in-templates.js";
import type { JudgeRequest } from "./judge-contract.js";
import { createReplayJudge } from "./replay-judge.js";

const comparisons: Comparison[] = [
  {
    id: "c1",
    first: "a",
    second: "b",
    order: "known",
    verdict: "first",
    judge: "gpt-4",
    prompt: "q1",
    rationale: "A is right",
    usage: { inputTokens: 10, outputTokens: 3, latencyMs: 12 },
  },
  { id: "c2", first: "a", second: "b", order: "known", verdict: "second", judge: "gpt-4", prompt: "q1" },
  { id: "c3", first: "b", second: "c", order: "unknown", verdict: "first", judge: "gpt-4", strength: "strong" },
  { id: "c4", first: "c", second: "a", order: "known", verdict: "invalid", judge: "gpt-4", raw: { text: "???" } },
  { id: "c5", first: "a", second: "b", order: "known", verdict: "tie", judge: "human", prompt: "q1" },
];

function ask(first: string, second: string, options: { promptId?: string; repetition?: number } = {}): JudgeRequest {
  return {
    first: { id: first, text: first },
    second: { id: second, text: second },
    template: answerComparisonTemplate,
    repetition: options.repetition ?? 0,
    ...(options.promptId === undefined ? {} : { promptId: options.promptId }),
  };
}

describe("createReplayJudge", () => {
  const judge = createReplayJudge({ judge: "gpt-4", comparisons, dataset: "mt-bench" });

  it("serves the replayed judge's verdicts by ordered pair, prompt and repetition", async () => {
    expect(judge.size).toBe(4);
    await expect(judge.judge(ask("a", "b", { promptId: "q1" }))).resolves.toMatchObject({
      type: "verdict",
      verdict: "first",
      rationale: "A is right",
      usage: { inputTokens: 10, outputTokens: 3 },
      latencyMs: 12,
      parsedFrom: "replay",
    });
    await expect(judge.judge(ask("a", "b", { promptId: "q1", repetition: 1 }))).resolves.toMatchObject({
      verdict: "second",
    });
    await expect(judge.judge(ask("a", "b", { promptId: "q2" }))).resolves.toMatchObject({
      type: "failure",
      kind: "missing",
    });
    await expect(judge.judge(ask("b", "a", { promptId: "q1" }))).resolves.toMatchObject({
      type: "failure",
      kind: "missing",
    });
  });

  it("answers the swapped request of an unknown-order comparison with the verdict flipped", async () => {
    await expect(judge.judge(ask("b", "c"))).resolves.toMatchObject({ verdict: "first", strength: "strong" });
    await expect(judge.judge(ask("c", "b"))).resolves.toMatchObject({ verdict: "second", strength: "strong" });
  });

  it("turns recorded invalid verdicts into unparseable failures with the raw response", async () => {
    await expect(judge.judge(ask("c", "a"))).resolves.toMatchObject({
      type: "failure",
      kind: "unparseable",
      raw: { text: "???" },
    });
  });

  it("describes the replayed judge and dataset for cache keys", () => {
    expect(judge.describe()).toEqual({
      id: "gpt-4",
      kind: "llm",
      provider: "replay",
      model: "gpt-4",
      parameters: { replayOf: "gpt-4", dataset: "mt-bench" },
    });
  });

  it("rejects two comparisons answering the same request", () => {
    const duplicate = [comparisons[0]!, { ...comparisons[0]!, id: "c1b", repetition: 0 }];
    expect(() => createReplayJudge({ judge: "gpt-4", comparisons: duplicate })).toThrow(/"c1" and "c1b" both answer/);
  });
});
