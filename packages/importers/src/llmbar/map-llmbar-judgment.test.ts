import { describe, expect, it } from "vitest";
import { llmbarJudge, mapLlmbarGold, mapLlmbarJudgment, parseLlmbarWinner } from "./map-llmbar-judgment.js";

const base = { subset: "LLMBar/Natural", evaluator: "GPT-4", strategy: "Vanilla", idx: 3 };

describe("mapLlmbarJudgment", () => {
  it("maps swap=False to output_1 first and swap=True to output_2 first, sharing a matchId", () => {
    const [original, swapped] = mapLlmbarJudgment({ ...base, winnerOriginal: "1", winnerSwapped: "1" });
    expect(original).toMatchObject({
      id: "LLMBar/Natural/3/GPT-4/Vanilla/orig",
      first: "LLMBar/Natural/3/output_1",
      second: "LLMBar/Natural/3/output_2",
      order: "known",
      verdict: "first",
      judge: "GPT-4/Vanilla",
      prompt: "LLMBar/Natural/3",
      condition: "Vanilla",
    });
    // The same winner (output_1) shown second is a "second" verdict: a consistent judge flips positions.
    expect(swapped).toMatchObject({
      first: "LLMBar/Natural/3/output_2",
      second: "LLMBar/Natural/3/output_1",
      verdict: "second",
    });
    expect(swapped.matchId).toBe(original.matchId);
  });

  it("keeps a position-biased judge's verdicts as the same position in both orders", () => {
    // winner_orig 1 (output_1, shown first) and winner_swap 2 (output_2, shown first): always the first position.
    const [original, swapped] = mapLlmbarJudgment({ ...base, winnerOriginal: "1", winnerSwapped: "2" });
    expect([original.verdict, swapped.verdict]).toEqual(["first", "first"]);
  });

  it("turns an unparsed winner into an invalid verdict with the raw value", () => {
    const [original, swapped] = mapLlmbarJudgment({ ...base, winnerOriginal: "", winnerSwapped: null });
    expect(original).toMatchObject({ verdict: "invalid", raw: "" });
    expect(swapped).toMatchObject({ verdict: "invalid", raw: null });
  });

  it("keeps attempts and Rating scores in metadata", () => {
    const [original] = mapLlmbarJudgment({
      ...base,
      winnerOriginal: "2",
      winnerSwapped: "2",
      attempts: 3,
      scores: [4, 7],
    });
    expect(original.metadata).toEqual({ attempts: 3, scores: [4, 7] });
  });
});

describe("LLMBar gold labels and judges", () => {
  it("maps label 2 to a gold comparison (order unknown) and a pair reference", () => {
    const { comparison, reference } = mapLlmbarGold("Processed/MT-Bench", 0, "2");
    expect(comparison).toMatchObject({ judge: "gold", order: "unknown", verdict: "second" });
    expect(reference).toEqual({
      kind: "pair",
      a: "Processed/MT-Bench/0/output_1",
      b: "Processed/MT-Bench/0/output_2",
      name: "gold",
      winner: "b",
      prompt: "Processed/MT-Bench/0",
    });
  });

  it("parses winners as strings or numbers and rejects others", () => {
    expect([parseLlmbarWinner("1"), parseLlmbarWinner(2), parseLlmbarWinner("tie"), parseLlmbarWinner(null)]).toEqual([
      "a",
      "b",
      undefined,
      undefined,
    ]);
  });

  it("names a judge after evaluator and strategy, with the family", () => {
    expect(llmbarJudge("ChatGPT-0301", "CoT")).toEqual({
      id: "ChatGPT-0301/CoT",
      kind: "llm",
      model: "ChatGPT-0301",
      family: "gpt",
      parameters: { strategy: "CoT" },
    });
  });
});

describe("LLMBar judge modes", () => {
  it("names the judge after the evaluator alone in mode evaluators, keeping the strategy as condition", () => {
    const [original] = mapLlmbarJudgment(
      {
        subset: "LLMBar/Natural",
        evaluator: "GPT-4",
        strategy: "CoT",
        idx: 0,
        winnerOriginal: "1",
        winnerSwapped: "1",
      },
      "evaluators",
    );
    expect(original).toMatchObject({ judge: "GPT-4", condition: "CoT", id: "LLMBar/Natural/0/GPT-4/CoT/orig" });
    expect(llmbarJudge("GPT-4", "CoT", "evaluators")).toEqual({
      id: "GPT-4",
      kind: "llm",
      model: "GPT-4",
      family: "gpt",
    });
  });
});
