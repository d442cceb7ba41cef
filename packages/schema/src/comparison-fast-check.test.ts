import { describe, expect, it } from "vitest";
import { isCertainlyValidComparison } from "./comparison-fast-check.js";
import { comparisonSchema, recordJsonSchema } from "./index.js";

/** Deterministic pseudo-random numbers (mulberry32) so failures reproduce. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const base = {
  id: "c1",
  first: "a",
  second: "b",
  order: "known",
  verdict: "first",
  judge: "j",
  strength: "weak",
  preference: 0.5,
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

  it("never says valid when zod says invalid, on 20,000 random mutations", () => {
    const random = mulberry32(20260505);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    let accepted = 0;
    for (let trial = 0; trial < 20_000; trial++) {
      const record: Record<string, unknown> = JSON.parse(JSON.stringify(base));
      const mutations = 1 + Math.floor(random() * 3);
      for (let step = 0; step < mutations; step++) {
        const key = pick(keys);
        if (random() < 0.2) delete record[key];
        else
          Object.defineProperty(record, key, {
            value: pick(candidates),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      const fast = isCertainlyValidComparison(record);
      if (fast) {
        accepted++;
        const result = comparisonSchema.safeParse(record);
        expect(result.success, JSON.stringify(record)).toBe(true);
      }
    }
    // The mutations must leave enough valid records for the check to mean something.
    expect(accepted).toBeGreaterThan(1000);
  });
});
