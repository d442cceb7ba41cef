import { describe, expect, it } from "vitest";
import { buildJudgeResult } from "./build-judge-result.js";
import { answerComparisonTemplate, paperImpactTemplate } from "./built-in-templates.js";
import { defineJudgeTemplate } from "./prompt-template.js";
import { type DecodingStep, readVerdictLogprobs, verdictSpellings } from "./verdict-logprobs.js";

const step = (token: string, top: Array<[string, number]> = []): DecodingStep => ({
  token,
  logprob: top.find(([name]) => name === token)?.[1] ?? -0.01,
  top: top.map(([name, logprob]) => ({ token: name, logprob })),
});

describe("verdictSpellings", () => {
  it("keeps what tells the winner values apart, or the marker letters of text answers", () => {
    expect([...verdictSpellings(paperImpactTemplate)]).toEqual([
      ["paper1", "first"],
      ["paper2", "second"],
      ["1", "first"],
      ["2", "second"],
    ]);
    expect([...verdictSpellings(answerComparisonTemplate)]).toEqual([
      ["a", "first"],
      ["b", "second"],
      ["c", "tie"],
      ["tie", "tie"],
    ]);
  });
});

describe("readVerdictLogprobs", () => {
  it("normalises the verdict token's alternatives over the verdicts (paper1 / paper2 JSON answer)", () => {
    // {"winner": "paper1", "reasoning": "..."} with P(1) = 0.6, P(2) = 0.3 and an unrelated rival 0.1.
    const steps = [
      step('{"'),
      step("winner"),
      step('": "'),
      step("paper"),
      step("1", [
        ["1", Math.log(0.6)],
        ["2", Math.log(0.3)],
        ["_", Math.log(0.1)],
      ]),
      step('", "'),
      step("reasoning"),
      step('": "'),
      step("Paper"),
      step(" 2", [[" 2", -0.01]]),
    ];
    const read = readVerdictLogprobs({ steps, template: paperImpactTemplate, verdict: "first" });
    expect(read?.confidence).toBeCloseTo(0.6 / 0.9, 12);
    expect(read?.preference).toBeCloseTo(0.3 / 0.9, 12);
    expect(read?.verdictLogprobs.first).toBeCloseTo(Math.log(0.6), 12);
    expect(read?.verdictLogprobs.second).toBeCloseTo(Math.log(0.3), 12);
    expect(read?.verdictLogprobs.tie).toBeUndefined();
  });

  it("reads a winner value kept in one token (`paper1`)", () => {
    const steps = [
      step('{"winner": "'),
      step("paper2", [
        ["paper2", Math.log(0.8)],
        ["paper1", Math.log(0.15)],
      ]),
      step('"}'),
    ];
    const read = readVerdictLogprobs({ steps, template: paperImpactTemplate, verdict: "second" });
    expect(read?.confidence).toBeCloseTo(0.8 / 0.95, 12);
  });

  it("reads the [[X]] marker of a text answer (not an earlier mention), sums spellings and halves ties", () => {
    const steps = [
      step("Assistant"),
      step(" A", [[" A", -0.01]]),
      step(" is"),
      step(" worse"),
      step(".\n\n[["),
      step("B", [
        ["B", Math.log(0.5)],
        [" B", Math.log(0.1)],
        ["A", Math.log(0.2)],
        ["C", Math.log(0.2)],
      ]),
      step("]]"),
    ];
    const read = readVerdictLogprobs({ steps, template: answerComparisonTemplate, verdict: "second" });
    expect(read?.confidence).toBeCloseTo(0.6, 12);
    expect(read?.preference).toBeCloseTo(0.6 + 0.1, 12);
    expect(read?.verdictLogprobs).toEqual({
      first: expect.closeTo(Math.log(0.2), 12),
      second: expect.closeTo(Math.log(0.6), 12),
      tie: expect.closeTo(Math.log(0.2), 12),
    });
  });

  it("counts a chosen token missing from the alternatives (Gemini) and gives nothing when the verdict token is absent", () => {
    const gemini = [step("[["), { token: "A", logprob: Math.log(0.5), top: [{ token: "B", logprob: Math.log(0.5) }] }];
    expect(
      readVerdictLogprobs({ steps: gemini, template: answerComparisonTemplate, verdict: "first" })?.confidence,
    ).toBe(0.5);
    expect(readVerdictLogprobs({ steps: [step("hello")], template: paperImpactTemplate, verdict: "first" })).toBe(
      undefined,
    );
  });
});

describe("buildJudgeResult confidences", () => {
  const common = {
    structured: true,
    ending: "complete" as const,
    usage: { inputTokens: 1, outputTokens: 1 },
    raw: {},
    latencyMs: 1,
  };
  const withConfidence = defineJudgeTemplate({
    id: "stated",
    version: "1",
    user: "{{first.text}} {{second.text}}",
    labels: { first: "A", second: "B" },
    answer: {
      kind: "json",
      winnerField: "winner",
      rationaleField: "why",
      winnerValues: { first: "A", second: "B" },
      confidenceField: "confidence",
    },
  });

  it("records a stated confidence in [0, 1] (a percentage read as a share) and ignores one out of range", () => {
    const read = (answer: Record<string, unknown>) => buildJudgeResult({ ...common, template: withConfidence, answer });
    expect(read({ winner: "B", why: "x", confidence: 0.8 })).toMatchObject({ verdict: "second", confidence: 0.8 });
    expect(read({ winner: "A", why: "x", confidence: 85 })).toMatchObject({ verdict: "first", confidence: 0.85 });
    expect(read({ winner: "A", why: "x", confidence: -3 })).not.toHaveProperty("confidence");
  });

  it("prefers logprobs over a stated confidence", () => {
    const result = buildJudgeResult({
      ...common,
      template: withConfidence,
      answer: '{"winner": "A", "why": "x", "confidence": 0.99}',
      steps: [
        step('{"winner": "'),
        step("A", [
          ["A", Math.log(0.7)],
          ["B", Math.log(0.3)],
        ]),
      ],
    });
    expect(result).toMatchObject({ verdict: "first", confidence: expect.closeTo(0.7, 12) });
  });
});

describe("stated confidence through a provider's structured output", () => {
  it("an Anthropic tool-call answer with the template's confidenceField gives the verdict a confidence", async () => {
    const { startFakeAnthropicServer } = await import("./test-support/fake-anthropic-server.js");
    const { createAnthropicMessagesJudge } = await import("./adapters/anthropic-messages-judge.js");
    const { scoredRequest } = await import("./adapters/adapter-conformance.test-helper.js");
    const server = await startFakeAnthropicServer({ apiKey: "sk-ant-test" });
    try {
      const template = defineJudgeTemplate({
        id: "stated-confidence",
        version: "1",
        user: "Which is better?\n{{first.text}}\n{{second.text}}",
        labels: { first: "A", second: "B" },
        answer: {
          kind: "json",
          winnerField: "winner",
          rationaleField: "why",
          winnerValues: { first: "A", second: "B" },
          confidenceField: "confidence",
        },
      });
      const judge = createAnthropicMessagesJudge({
        model: "claude-test",
        apiKey: "sk-ant-test",
        baseURL: server.origin,
      });
      const result = await judge.judge(scoredRequest(template, 1, 3));
      const body = server.log.at(-1)!.body as { tools: Array<{ input_schema: { required: string[] } }> };
      const tool = body.tools[0]!;
      expect(tool.input_schema.required).toEqual(["winner", "why", "confidence"]);
      // The fake states P(second) = 1 − σ(1 − 3).
      expect(result).toMatchObject({
        type: "verdict",
        verdict: "second",
        confidence: expect.closeTo(1 - 1 / (1 + Math.exp(2)), 12),
      });
    } finally {
      await server.close();
    }
  });
});
