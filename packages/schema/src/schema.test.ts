import { describe, expect, it } from "vitest";
import {
  assessmentSchema,
  comparisonSchema,
  datasetManifestSchema,
  fieldProblemsFromZodIssues,
  itemSchema,
  judgeSchema,
  referenceSchema,
} from "./index.js";

const comparison = { id: "c1", first: "a", second: "b", order: "known", verdict: "first", judge: "j" };

/** Field problems of a zod safeParse, as `field: message` strings. */
function problems(
  schema: { safeParse: (value: unknown) => { success: boolean; error?: { issues: unknown[] } } },
  value: unknown,
) {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return fieldProblemsFromZodIssues(result.error?.issues as never).map(
    (problem) => `${problem.field}: ${problem.message}`,
  );
}

describe("record schemas accept complete, valid records", () => {
  it.each([
    [
      "item",
      itemSchema,
      {
        id: "p1",
        title: "T",
        text: "…",
        category: "AI",
        categories: ["AI"],
        producer: "gpt-4",
        producerFamily: "gpt",
        length: 12,
        metadata: { venue: "x" },
      },
    ],
    [
      "judge",
      judgeSchema,
      {
        id: "gpt-5.2",
        kind: "llm",
        provider: "openai",
        model: "gpt-5.2",
        family: "gpt",
        parameters: { temperature: 0 },
      },
    ],
    [
      "comparison",
      comparisonSchema,
      {
        ...comparison,
        strength: "strong",
        preference: 0.7,
        prompt: "q1",
        matchId: "m1",
        repetition: 0,
        condition: "cot",
        rationale: "short",
        createdAt: "2026-05-05T10:00:00Z",
        usage: { inputTokens: 10, outputTokens: 2, costUsd: 0.001, latencyMs: 120 },
        raw: { anything: [1] },
        metadata: {},
      },
    ],
    [
      "assessment",
      assessmentSchema,
      {
        item: "p1",
        judge: "j",
        scores: { overall: 7.2, rigor: 6 },
        scale: { min: 1, max: 10 },
        createdAt: "2026-05-05",
      },
    ],
    ["item reference", referenceSchema, { kind: "item", item: "p1", name: "human mean", score: 3.5, label: "accept" }],
    ["pair reference", referenceSchema, { kind: "pair", a: "p1", b: "p2", name: "gold", winner: "tie", prompt: "q" }],
    [
      "manifest",
      datasetManifestSchema,
      {
        schemaVersion: 1,
        name: "n",
        counts: { items: 1, judges: 1, comparisons: 0 },
        files: { items: "i.jsonl" },
        published: { x: 1 },
      },
    ],
  ])("%s", (_name, schema, value) => {
    expect(problems(schema, value)).toEqual([]);
  });
});

describe("record schemas reject invalid records with field paths", () => {
  it("comparison: bad verdict, order and strength; missing fields", () => {
    expect(problems(comparisonSchema, { ...comparison, verdict: "A", order: "maybe", strength: ">>" })).toEqual([
      'order: Invalid option: expected one of "known"|"unknown"',
      'verdict: Invalid option: expected one of "first"|"second"|"tie"|"invalid"',
      'strength: Invalid option: expected one of "weak"|"strong"',
    ]);
    expect(problems(comparisonSchema, { id: "c1" }).map((line) => line.split(":")[0])).toEqual([
      "first",
      "second",
      "order",
      "verdict",
      "judge",
    ]);
  });

  it("ids must be non-empty without surrounding whitespace", () => {
    expect(problems(itemSchema, { id: "" })).toEqual([
      "id: must be a non-empty string",
      "id: must not start or end with whitespace",
    ]);
    expect(problems(itemSchema, { id: " p1" })).toEqual(["id: must not start or end with whitespace"]);
    expect(problems(itemSchema, { id: "a b" })).toEqual([]);
  });

  it("schemas are strict: unknown fields are errors for zod (the bulk validator moves them to metadata instead)", () => {
    expect(problems(itemSchema, { id: "p1", venue: "x" })).toEqual(["venue: is not a known field"]);
    expect(problems(comparisonSchema, { ...comparison, usage: { tokens: 1 } })).toEqual([
      "usage.tokens: is not a known field",
    ]);
  });

  it("judge kind, numeric ranges, timestamps, references and manifests", () => {
    expect(problems(judgeSchema, { id: "j", kind: "robot" })).toHaveLength(1);
    expect(
      problems(comparisonSchema, { ...comparison, preference: 1.5, repetition: -1 }).map((line) => line.split(":")[0]),
    ).toEqual(["preference", "repetition"]);
    expect(
      problems(comparisonSchema, { ...comparison, confidence: 1.2, verdictLogprobs: { first: 0.1, second: -1 } }),
    ).toEqual([
      "confidence: must be a probability in [0, 1]",
      "verdictLogprobs.first: must be a log-probability (≤ 0)",
    ]);
    expect(problems(comparisonSchema, { ...comparison, verdictLogprobs: { A: -1 } })).toEqual([
      "verdictLogprobs.A: is not a known field",
    ]);
    expect(problems(comparisonSchema, { ...comparison, createdAt: "5/5/2026" })).toEqual([
      "createdAt: must be an ISO 8601 date or timestamp",
    ]);
    expect(problems(assessmentSchema, { item: "p", judge: "j", scores: { overall: "high" } })).toHaveLength(1);
    expect(problems(referenceSchema, { kind: "pair", a: "x", b: "y", name: "g", winner: "c" })).toHaveLength(1);
    expect(problems(datasetManifestSchema, { schemaVersion: 2, name: "n" })).toHaveLength(1);
  });
});
