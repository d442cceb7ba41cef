import { describe, expect, it } from "vitest";
import { aggregatePairCells } from "./pair-cells.js";
import { rankByConfidenceInterval, rankByScore } from "./rank-items.js";
import { summarizeBootstrap } from "./summarize-bootstrap.js";

describe("ranks", () => {
  it("ranks by score with shared ranks and NaN for unrated items", () => {
    expect(Array.from(rankByScore([3, 5, 3, Number.NaN, 1]))).toEqual([2, 1, 2, Number.NaN, 4]);
  });

  // Arena: rank(a) = 1 + #{b : lower(b) > upper(a)}.
  it("applies Arena's rank-by-CI rule", () => {
    const ranks = rankByConfidenceInterval({ lower: [10, 8, 2, 0], upper: [12, 11, 9, 1] });
    // Item 2 (upper 9) is beaten with confidence by item 0 (lower 10) only; item 3 by three items.
    expect(Array.from(ranks)).toEqual([1, 1, 2, 4]);
    expect(Array.from(rankByConfidenceInterval({ lower: [10, 3], upper: [12, 9] }))).toEqual([1, 2]);
  });

  it("summarises bootstrap samples into percentile and rank intervals", () => {
    // Three items, four rounds; item 2 is unrated in round 3.
    const samples = Float64Array.from([3, 2, 1, 3, 1, 2, 1, 3, 2, 3, 2, Number.NaN]);
    const summary = summarizeBootstrap({
      itemIds: ["a", "b", "c"],
      estimate: Float64Array.from([3, 2, 1]),
      samples,
      rounds: 4,
      level: 0.5,
    });
    // Item a: values [1, 3, 3, 3] → type-7 quantiles 0.25 → 2.5, 0.75 → 3.
    expect(summary.lower[0]).toBeCloseTo(2.5, 12);
    expect(summary.upper[0]).toBe(3);
    // Item c: values [1, 2, 2] (NaN left out).
    expect(summary.median[2]).toBe(2);
    // Ranks of a per round: 1, 1, 3, 1 → inverted-CDF 25% = 1, 75% = 1.
    expect(summary.rankLower[0]).toBe(1);
    expect(summary.rankUpper[0]).toBe(1);
    expect(Array.from(summary.rank)).toEqual([1, 2, 3]);
  });
});

describe("aggregatePairCells", () => {
  const outcomes = {
    size: 6,
    itemIds: ["a", "b", "c"],
    first: Int32Array.from([0, 1, 0, 1, 2, 0]),
    second: Int32Array.from([1, 0, 1, 0, 0, 2]),
    verdict: Uint8Array.from([0, 0, 2, 1, 3, 1]),
    orderKnown: Uint8Array.from([1, 1, 1, 0, 1, 1]),
  };

  it("pools orders into canonical cells and counts invalid rows", () => {
    const cells = aggregatePairCells(outcomes);
    expect(cells.size).toBe(2);
    expect(cells.invalidCount).toBe(1);
    // (a, b): a wins row 0, b wins row 1 (shown first), tie row 2, a wins row 3 (b first, second wins).
    expect([cells.first[0], cells.second[0], cells.firstWins[0], cells.secondWins[0], cells.ties[0]]).toEqual([
      0, 1, 2, 1, 1,
    ]);
    expect(Array.from(cells.positional)).toEqual([0, 0]);
  });

  it("keeps presentation order where it is known", () => {
    const cells = aggregatePairCells(outcomes, { keepOrder: true });
    // (a first, b), (b first, a), (b, a) with unknown order → canonical (a, b) non-positional, (a first, c).
    expect(cells.size).toBe(4);
    expect(Array.from(cells.positional)).toEqual([1, 1, 0, 1]);
  });

  it("names the row of bad input", () => {
    expect(() => aggregatePairCells({ ...outcomes, first: Int32Array.from([0, 1, 0, 1, 2, 5]) })).toThrow(
      /row 5: item code 5/,
    );
    expect(() => aggregatePairCells({ ...outcomes, second: Int32Array.from([0, 0, 1, 0, 0, 2]) })).toThrow(
      /row 0: item a compared with itself/,
    );
    expect(() => aggregatePairCells({ ...outcomes, verdict: Uint8Array.from([0, 7, 0, 0, 0, 0]) })).toThrow(
      /row 1: verdict 7/,
    );
  });
});
