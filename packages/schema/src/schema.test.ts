import { describe, expect, it } from "vitest";
import { comparisonSchema } from "./index.js";

describe("comparisonSchema", () => {
  it("rejects an unknown verdict", () => {
    const result = comparisonSchema.safeParse({
      id: "c1",
      first: "a",
      second: "b",
      order: "known",
      verdict: "A",
      judge: "j",
    });
    expect(result.success).toBe(false);
  });
});
