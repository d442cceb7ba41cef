import { describe, expect, it } from "vitest";
import { fitBradleyTerry, MAX_DENSE_ITEMS } from "./fit-bradley-terry.js";
import { groupItems } from "./group-items.js";

describe("groupItems", () => {
  // Answers a1, a2 by model A; b1 by model B; x has no model.
  const outcomes = {
    size: 5,
    itemIds: ["a1", "a2", "b1", "x"],
    first: Int32Array.from([0, 2, 0, 3, 1]),
    second: Int32Array.from([2, 1, 1, 0, 2]),
    verdict: Uint8Array.from([0, 1, 2, 0, 1]),
    judge: Int32Array.from([0, 1, 0, 1, 1]),
    judgeIds: ["j0", "j1"],
  };
  const grouping = { groupOf: Int32Array.from([0, 0, 1, -1]), groupIds: ["A", "B"] };

  it("maps items to groups and counts what cannot be expressed", () => {
    const grouped = groupItems(outcomes, grouping);
    expect(grouped.sameGroupRows).toBe(1);
    expect(grouped.ungroupedRows).toBe(1);
    expect(grouped.outcomes.itemIds).toEqual(["A", "B"]);
    expect(Array.from(grouped.outcomes.first)).toEqual([0, 1, 0]);
    expect(Array.from(grouped.outcomes.second)).toEqual([1, 0, 1]);
    expect(Array.from(grouped.outcomes.verdict)).toEqual([0, 1, 1]);
    expect(Array.from(grouped.outcomes.judge ?? [])).toEqual([0, 1, 1]);
  });

  it("rejects a grouping of the wrong length", () => {
    expect(() => groupItems(outcomes, { groupOf: new Int32Array(2), groupIds: [] })).toThrow(/2 entries for 4 items/);
  });
});

describe("fitBradleyTerry size limit", () => {
  it("fits more rated items than the dense solver handles with the sparse one; a forced dense fit says what to do", () => {
    const itemCount = MAX_DENSE_ITEMS + 1;
    const outcomes = {
      size: itemCount,
      itemIds: Array.from({ length: itemCount }, (_, i) => `answer-${i}`),
      first: Int32Array.from({ length: itemCount }, (_, i) => i),
      second: Int32Array.from({ length: itemCount }, (_, i) => (i + 1) % itemCount),
      verdict: new Uint8Array(itemCount),
    };
    expect(() => fitBradleyTerry(outcomes, { solver: "dense" })).toThrow(
      /4001 rated items exceed .* use solver "sparse"/,
    );
    // A ring in which every item beats the next: the MLE is all items equal.
    const fit = fitBradleyTerry(outcomes);
    expect(fit.solver).toBe("sparse");
    expect(fit.converged).toBe(true);
    expect(Math.max(...fit.ratings.map((rating) => Math.abs(rating - 1000)))).toBeLessThan(1e-6);
  });
});
