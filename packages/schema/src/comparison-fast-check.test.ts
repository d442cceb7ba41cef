import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { isCertainlyValidComparison } from "./comparison-fast-check.js";
import { comparisonSchema, recordJsonSchema } from "./index.js";

const base = {
  id: "c1",
  first: "a",
  second: "b",
  order: "known",
  verdict: "first",
  judge: "j",
  strength: "weak",
  preference: 0.5,
  confidence: 0.7,
  verdictLogprobs: { first: -0.1, second: -2.5 },
  prompt: "p",
  matchId: "m",
  repetition: 2,
  condition: "x",
  rationale: "r",
  createdAt: "2026-05-05T10:00:00Z",
  raw: { any: 1 },
  metadata: { k: "v" },
};

/** Values that are valid for some fields and invalid for others, including edge cases of each constraint. */
const candidates: unknown[] = [
  "",
  " ",
  "a",
  " a",
  "a ",
  "a b",
  "\u00a0a",
  "a\u3000",
  "é",
  "ü ",
  "\ta",
  "known",
  "unknown",
  "first",
  "second",
  "tie",
  "invalid",
  "weak",
  "strong",
  "2026-05-05",
  "2026-05-05T10:00:00Z",
  "2026-05-05 10:00",
  "5/5/2026",
  0,
  1,
  0.5,
  -1,
  1.5,
  2,
  2.5,
  9007199254740991,
  9007199254740992,
  -0,
  null,
  true,
  [],
  {},
  { a: 1 },
  [1],
  { first: -0.2 },
  { second: 0.3 },
  { tie: -1, first: -2 },
  { first: "-1" },
  { A: -1 },
  { first: -0, second: 0 },
];

const keys = [...Object.keys(base), "usage", "unknownField", "__proto__"];

describe("isCertainlyValidComparison", () => {
  it("was written for this JSON Schema (update the fast check when this snapshot changes)", () => {
    expect(recordJsonSchema("comparison")).toMatchSnapshot();
  });

  it("accepts typical valid records and leaves unknown fields and usage to the full validator", () => {
    expect(isCertainlyValidComparison({ ...base })).toBe(true);
    expect(
      isCertainlyValidComparison({ id: "c", first: "a", second: "b", order: "unknown", verdict: "tie", judge: "j" }),
    ).toBe(true);
    expect(isCertainlyValidComparison({ ...base, usage: { inputTokens: 1 } })).toBe(false);
    expect(isCertainlyValidComparison({ ...base, extra: 1 })).toBe(false);
    const { judge: _judge, ...missingJudge } = base;
    expect(isCertainlyValidComparison(missingJudge)).toBe(false);
  });

  it("never says valid when the schema says invalid, over every single and double field mutation", () => {
    // A mutation sets one field to one candidate value, or deletes it (undefined).
    const mutations: [string, unknown][] = keys.flatMap((key) =>
      [...candidates, undefined].map((value): [string, unknown] => [key, value]),
    );
    const apply = (record: Record<string, unknown>, [key, value]: [string, unknown]) => {
      if (value === undefined) delete record[key];
      else Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    };
    // Plain ajv on the generated JSON Schema (without the fast path that createRecordValidator adds).
    const { $id: _id, $schema: _schema, ...schema } = recordJsonSchema("comparison");
    const validate = new Ajv2020({ strict: false }).compile(schema);
    let accepted = 0;
    for (let one = 0; one < mutations.length; one++) {
      for (let two = one; two < mutations.length; two++) {
        if (mutations[one]?.[0] === mutations[two]?.[0] && one !== two) continue;
        const record: Record<string, unknown> = { ...base };
        apply(record, mutations[one] as [string, unknown]);
        apply(record, mutations[two] as [string, unknown]);
        if (!isCertainlyValidComparison(record)) continue;
        accepted++;
        if (!validate(record)) expect.fail(`fast check accepts an invalid record: ${JSON.stringify(record)}`);
      }
    }
    // Enough mutated records must pass the fast check for the comparison to mean something.
    expect(accepted).toBeGreaterThan(1000);
    // And zod, the source of truth, agrees with ajv on the unmutated record.
    expect(comparisonSchema.safeParse(base).success).toBe(true);
  });
});
