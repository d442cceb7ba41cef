import { describe, expect, it } from "vitest";
import { buildJudgeResult } from "./build-judge-result.js";
import { answerComparisonTemplate, paperImpactTemplate } from "./built-in-templates.js";
import { defineJudgeTemplate } from "./prompt-template.js";
import { parseStructuredVerdict, verdictJsonSchema, verdictZodSchema } from "./structured-verdict.js";

const withTies = defineJudgeTemplate({
  id: "ties",
  version: "1",
  user: "{{first.text}} {{second.text}}",
  labels: { first: "Response 1", second: "Response 2" },
  answer: {
    kind: "json",
    winnerField: "best",
    rationaleField: "why",
    winnerValues: { first: "one", second: "two", tie: "even" },
  },
});

describe("verdict schemas", () => {
  it("builds a strict JSON schema with the template's fields and values", () => {
    expect(verdictJsonSchema(paperImpactTemplate)).toEqual({
      type: "object",
      properties: {
        winner: { type: "string", enum: ["paper1", "paper2"], description: "paper1 = Paper 1, paper2 = Paper 2" },
        reasoning: { type: "string", description: "Why this one wins. At most 150 words." },
      },
      required: ["winner", "reasoning"],
      additionalProperties: false,
    });
    expect(verdictJsonSchema(withTies)).toMatchObject({ properties: { best: { enum: ["one", "two", "even"] } } });
    expect(verdictJsonSchema(answerComparisonTemplate)).toBeUndefined();
    expect(verdictZodSchema(answerComparisonTemplate)).toBeUndefined();
  });

  it("validates structured answers with zod and falls back to the tolerant parser", () => {
    expect(parseStructuredVerdict({ best: "even", why: "same" }, withTies)).toMatchObject({
      verdict: "tie",
      rationale: "same",
      structured: true,
    });
    expect(parseStructuredVerdict('{"winner":"paper2","reasoning":"r"}', paperImpactTemplate)).toMatchObject({
      verdict: "second",
      structured: true,
    });
    expect(parseStructuredVerdict('{"winner":"Paper 1","reasoning":"r"}', paperImpactTemplate)).toMatchObject({
      verdict: "first",
      structured: false,
    });
    expect(parseStructuredVerdict("I think Paper 2 is more impactful.", paperImpactTemplate)).toMatchObject({
      verdict: "second",
      structured: false,
    });
    expect(parseStructuredVerdict('{"winner": "paper3"}', paperImpactTemplate)).toMatchObject({
      type: "failure",
      structured: false,
    });
  });
});

describe("buildJudgeResult", () => {
  const common = { usage: { inputTokens: 10, outputTokens: 2 }, raw: { id: "r" }, latencyMs: 5 };

  it("lets provider signals win and keeps verdicts found in truncated answers", () => {
    const answer = '{"winner":"paper1","reasoning":"r"}';
    expect(
      buildJudgeResult({ template: paperImpactTemplate, answer, structured: true, ending: "complete", ...common }),
    ).toMatchObject({
      type: "verdict",
      verdict: "first",
      parsedFrom: "structured",
      text: answer,
    });
    expect(
      buildJudgeResult({ template: paperImpactTemplate, answer, structured: true, ending: "length", ...common }),
    ).toMatchObject({
      type: "verdict",
    });
    expect(
      buildJudgeResult({
        template: paperImpactTemplate,
        answer: '{"win',
        structured: true,
        ending: "length",
        ...common,
      }),
    ).toMatchObject({ type: "failure", kind: "truncated", text: '{"win' });
    expect(
      buildJudgeResult({
        template: paperImpactTemplate,
        answer,
        structured: true,
        ending: "content-filter",
        ...common,
      }),
    ).toMatchObject({ type: "failure", kind: "content-filter" });
    expect(
      buildJudgeResult({
        template: paperImpactTemplate,
        answer: "",
        structured: true,
        ending: "complete",
        refusal: "No.",
        ...common,
      }),
    ).toMatchObject({ type: "failure", kind: "refusal", text: "No." });
    expect(
      buildJudgeResult({
        template: answerComparisonTemplate,
        answer: "  ",
        structured: false,
        ending: "complete",
        ...common,
      }),
    ).toMatchObject({ type: "failure", kind: "empty", usage: common.usage, raw: common.raw });
  });
});
