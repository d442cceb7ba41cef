import { describe, expect, it } from "vitest";
import { computeWinRates } from "./compute-win-rates.js";
import { scoreMatches } from "./score-matches.js";
import { wilsonInterval } from "./wilson-interval.js";

describe("wilsonInterval", () => {
  // R: prop.test(8, 10, correct = FALSE)$conf.int → 0.4901625 0.9433178 (the Wilson score interval).
  it("matches R's prop.test without continuity correction", () => {
    const interval = wilsonInterval({ successes: 8, trials: 10 });
    expect(interval.lower).toBeCloseTo(0.4901625, 6);
    expect(interval.upper).toBeCloseTo(0.9433178, 6);
  });

  it("stays inside [0, 1] at the edges and is [0, 1] without trials", () => {
    expect(wilsonInterval({ successes: 0, trials: 5 }).lower).toBe(0);
    expect(wilsonInterval({ successes: 5, trials: 5 }).upper).toBe(1);
    expect(wilsonInterval({ successes: 0, trials: 0 })).toEqual({ lower: 0, upper: 1 });
  });
});

describe("computeWinRates", () => {
  it("counts wins, losses and ties and excludes ties from the rate", () => {
    const outcomes = {
      size: 5,
      itemIds: ["a", "b", "c"],
      first: Int32Array.from([0, 1, 0, 2, 0]),
      second: Int32Array.from([1, 0, 2, 0, 1]),
      verdict: Uint8Array.from([0, 1, 2, 0, 3]),
    };
    const rates = computeWinRates(outcomes);
    expect(Array.from(rates.wins)).toEqual([2, 0, 1]);
    expect(Array.from(rates.losses)).toEqual([1, 2, 0]);
    expect(Array.from(rates.ties)).toEqual([1, 0, 1]);
    expect(Array.from(rates.comparisons)).toEqual([4, 2, 2]);
    expect(rates.winRate[0]).toBeCloseTo(2 / 3, 12);
    expect(rates.lower[0]).toBeCloseTo(wilsonInterval({ successes: 2, trials: 3 }).lower, 12);
  });
});

describe("scoreMatches (the match unit)", () => {
  const outcomes = {
    size: 7,
    itemIds: ["a", "b", "c"],
    // match 0: a vs b in both orders, a wins both → a wins; match 1: split 1–1 → tie;
    // match 2: panel of three on (c, a): c, a, c → c wins; row 6 has no match.
    first: Int32Array.from([0, 1, 0, 1, 2, 2, 2]),
    second: Int32Array.from([1, 0, 1, 0, 0, 0, 0]),
    verdict: Uint8Array.from([0, 1, 0, 0, 0, 1, 0]),
    match: Int32Array.from([0, 0, 1, 1, 2, 2, -1]),
    time: Float64Array.from([5, 3, 7, 8, 1, 2, 9]),
  };

  it("scores each match by majority, a split being a draw", () => {
    const withPanel = {
      ...outcomes,
      size: 8,
      first: Int32Array.from([...outcomes.first, 2]),
      second: Int32Array.from([...outcomes.second, 0]),
      verdict: Uint8Array.from([...outcomes.verdict, 0]),
      match: Int32Array.from([...outcomes.match.slice(0, 6), 2, -1]),
      time: Float64Array.from([...outcomes.time, 4]),
    };
    withPanel.match[6] = 2;
    withPanel.match[7] = -1;
    const matches = scoreMatches(withPanel);
    expect(matches.size).toBe(4);
    expect(Array.from(matches.verdict)).toEqual([0, 2, 0, 0]);
    // Match 0 showed a first, then b first: the presentation order is not one order.
    expect(Array.from(matches.orderKnown ?? [])).toEqual([0, 0, 1, 1]);
    expect(Array.from(matches.time ?? [])).toEqual([3, 7, 1, 4]);
  });

  it("keeps a match's judge when its rows share one, else −1", () => {
    const judged = { ...outcomes, judge: Int32Array.from([0, 0, 1, 0, 2, 2, 1]), judgeIds: ["x", "y", "z"] };
    expect(Array.from(scoreMatches(judged).judge ?? [])).toEqual([0, -1, 2, 1]);
  });

  it("rejects a match that mixes pairs", () => {
    const mixed = {
      ...outcomes,
      match: Int32Array.from([0, 0, 0, 1, 2, 2, -1]),
      first: Int32Array.from([0, 1, 2, 1, 2, 2, 2]),
    };
    expect(() => scoreMatches(mixed)).toThrow(/match 0 mixes pairs/);
  });

  it("returns rows unchanged without a match column", () => {
    const { match: _match, ...rows } = outcomes;
    expect(scoreMatches(rows)).toBe(rows);
  });
});
