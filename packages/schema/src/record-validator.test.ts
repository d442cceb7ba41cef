import { describe, expect, it } from "vitest";
import {
  assessmentSchema,
  comparisonSchema,
  createRecordValidator,
  datasetManifestSchema,
  fieldPathFromPointer,
  itemSchema,
  judgeSchema,
  type RecordKind,
  referenceSchema,
} from "./index.js";

const comparison = { id: "c1", first: "a", second: "b", order: "known", verdict: "first", judge: "j" };

function check(kind: RecordKind, value: unknown) {
  const moved: string[] = [];
  const problems = createRecordValidator(kind).check(value, moved);
  return { problems: problems.map((problem) => `${problem.field}: ${problem.message}`), moved };
}

describe("createRecordValidator (ajv)", () => {
  it("reports field problems in readable form", () => {
    expect(
      check("comparison", { ...comparison, verdict: "A", first: " a", repetition: 1.5, usage: { inputTokens: -1 } })
        .problems,
    ).toEqual([
      'first: must not start or end with whitespace, got " a"',
      'verdict: must be one of first, second, tie, invalid, got "A"',
      "repetition: must be an integer number, got 1.5",
      "usage.inputTokens: must be >= 0, got -1",
    ]);
    expect(check("comparison", { id: 7 }).problems).toEqual([
      "first: is required",
      "second: is required",
      "order: is required",
      "verdict: is required",
      "judge: is required",
      "id: must be a string, got 7",
    ]);
    expect(check("item", { id: "" }).problems).toEqual([
      "id: must be a non-empty string",
      'id: must not start or end with whitespace, got ""',
    ]);
    expect(check("manifest", { schemaVersion: 2, name: "x" }).problems).toEqual(["schemaVersion: must be 1, got 2"]);
    expect(check("item", { id: "p", categories: ["a", 3] }).problems).toEqual([
      "categories[1]: must be a string, got 3",
    ]);
  });

  it("reports a record that is not an object", () => {
    expect(check("item", [1]).problems).toEqual(["(record): must be a JSON object, got an array"]);
    expect(check("judge", "j").problems).toEqual(['(record): must be a JSON object, got "j"']);
    expect(check("reference", null).problems).toEqual(["(record): must be a JSON object, got null"]);
  });

  it("moves unknown top-level fields under metadata, keeping existing metadata", () => {
    const record: Record<string, unknown> = { id: "p1", venue: "ICLR", metadata: { year: 2024 } };
    const result = check("item", record);
    expect(result).toEqual({ problems: [], moved: ["venue"] });
    expect(record).toEqual({ id: "p1", metadata: { year: 2024, venue: "ICLR" } });
  });

  it("refuses to move a field that would overwrite metadata, and rejects unknown nested fields", () => {
    expect(check("item", { id: "p1", venue: "a", metadata: { venue: "b" } }).problems).toEqual([
      "venue: is not a known field and metadata already has a field of that name",
    ]);
    expect(check("comparison", { ...comparison, usage: { tokens: 3 } }).problems).toEqual([
      "usage.tokens: is not a known field",
    ]);
  });

  it("dispatches references on kind, with fields known per kind", () => {
    expect(check("reference", { kind: "pair", a: "x", b: "y", name: "gold", winner: "a", item: "z" })).toEqual({
      problems: [],
      moved: ["item"],
    });
    expect(check("reference", { kind: "item", item: "x" }).problems).toEqual(["name: is required"]);
    expect(check("reference", { name: "x" }).problems).toEqual(["kind: is required"]);
    expect(check("reference", { kind: "gold" }).problems).toEqual(['kind: must be one of item, pair, got "gold"']);
  });

  it("agrees with zod on valid and invalid records", () => {
    const cases: [RecordKind, { safeParse: (value: unknown) => { success: boolean } }, unknown][] = [
      ["item", itemSchema, { id: "p1", title: "x", length: 3 }],
      ["item", itemSchema, { id: "p1", length: -3 }],
      ["judge", judgeSchema, { id: "j", kind: "llm" }],
      ["judge", judgeSchema, { id: "j", kind: "llama" }],
      ["comparison", comparisonSchema, { ...comparison, createdAt: "2026-05-05" }],
      ["comparison", comparisonSchema, { ...comparison, createdAt: "yesterday" }],
      ["comparison", comparisonSchema, { ...comparison, preference: 2 }],
      ["comparison", comparisonSchema, { ...comparison, confidence: 0.8, verdictLogprobs: { first: -0.2, tie: -3 } }],
      ["comparison", comparisonSchema, { ...comparison, confidence: -0.1 }],
      ["comparison", comparisonSchema, { ...comparison, verdictLogprobs: { second: 0.5 } }],
      ["assessment", assessmentSchema, { item: "p", judge: "j", scores: { overall: 7 } }],
      ["assessment", assessmentSchema, { item: "p", judge: "j", scores: [] }],
      ["reference", referenceSchema, { kind: "item", item: "p", name: "h", score: 2 }],
      ["reference", referenceSchema, { kind: "pair", a: "p", b: "q", name: "h", winner: "b" }],
      ["reference", referenceSchema, { kind: "pair", a: "p", b: "q", name: "h" }],
      ["manifest", datasetManifestSchema, { schemaVersion: 1, name: "d" }],
      ["manifest", datasetManifestSchema, { schemaVersion: 1, name: "" }],
    ];
    for (const [kind, schema, value] of cases) {
      const zodOk = schema.safeParse(structuredClone(value)).success;
      const ajvOk = createRecordValidator(kind).check(structuredClone(value)).length === 0;
      expect(ajvOk, `${kind} ${JSON.stringify(value)}`).toBe(zodOk);
    }
  });
});

describe("fieldPathFromPointer", () => {
  it("turns JSON pointers into dotted paths with indices, unescaping ~0 and ~1", () => {
    expect(fieldPathFromPointer("")).toBe("");
    expect(fieldPathFromPointer("/usage/inputTokens")).toBe("usage.inputTokens");
    expect(fieldPathFromPointer("/categories/0")).toBe("categories[0]");
    expect(fieldPathFromPointer("/metadata/a~1b~0c")).toBe("metadata.a/b~c");
  });
});
