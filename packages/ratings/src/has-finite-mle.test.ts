import { describe, expect, it } from "vitest";
import { countComparisonGroups, describeMleProblem, hasFiniteMle } from "./has-finite-mle.js";
import { aggregatePairCells } from "./pair-cells.js";

/** Cells from "a>b" (a, shown first, beat b) and "a=b" (tie) tokens over items 0..itemCount−1. */
function cellsOf(results: string, itemCount: number) {
  const tokens = results.split(" ").map((token) => {
    const match = /^(\d+)([>=])(\d+)$/.exec(token);
    if (match === null) throw new Error(`bad token ${token}`);
    return [Number(match[1]), Number(match[3]), match[2] === ">" ? 0 : 2] as const;
  });
  return aggregatePairCells({
    size: tokens.length,
    itemIds: Array.from({ length: itemCount }, (_, i) => `i${i}`),
    first: Int32Array.from(tokens, ([a]) => a),
    second: Int32Array.from(tokens, ([, b]) => b),
    verdict: Uint8Array.from(tokens, ([, , verdict]) => verdict),
  });
}

describe("hasFiniteMle (strong connectivity of the win graph)", () => {
  it("accepts a cycle and rejects an unbeaten item", () => {
    expect(hasFiniteMle(cellsOf("0>1 1>2 2>0", 3))).toBe(true);
    expect(hasFiniteMle(cellsOf("0>1 1>2 0>2", 3))).toBe(false);
  });

  it("rejects two groups where one group beat the other every time, even if each item won and lost", () => {
    // {0, 1} and {2, 3} each beat each other in turn; the groups meet once and 0 beats 2.
    expect(hasFiniteMle(cellsOf("0>1 1>0 2>3 3>2 0>2", 4))).toBe(false);
    // One tie across the groups joins them both ways.
    expect(hasFiniteMle(cellsOf("0>1 1>0 2>3 3>2 0=2", 4))).toBe(true);
  });

  it("ignores items without comparisons", () => {
    expect(hasFiniteMle(cellsOf("0>1 1>0", 5))).toBe(true);
  });
});

describe("describeMleProblem", () => {
  it("names disconnected groups before separation, and is null for a well-posed design", () => {
    const twoGroups = cellsOf("0>1 1>0 2>3 3>2", 4);
    expect(countComparisonGroups(twoGroups)).toBe(2);
    expect(describeMleProblem(twoGroups)).toMatch(/2 groups of items never compared with each other/);
    expect(describeMleProblem(cellsOf("0>1 1>2 0>2", 3))).toMatch(/never lost \(or never won\)/);
    expect(describeMleProblem(cellsOf("0>1 1>2 2>0", 3))).toBeNull();
  });
});
