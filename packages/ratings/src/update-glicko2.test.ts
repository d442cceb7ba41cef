import { describe, expect, it } from "vitest";
import { computeGlicko2 } from "./compute-glicko2.js";
import { updateGlicko2 } from "./update-glicko2.js";

describe("updateGlicko2", () => {
  // Glickman (2013), "Example of the Glicko-2 system", http://www.glicko.net/glicko/glicko2.pdf: a 1500/200/0.06
  // player beats 1400/30, loses to 1550/100 and 1700/300 with τ = 0.5 → r' = 1464.06, RD' = 151.52,
  // σ' = 0.05999. The paper rounds μ' = −0.2069 and φ' = 0.8722 before converting back; the unrounded result is
  // 1464.05, so the rating is checked on the Glicko-2 scale to the paper's four decimals.
  it("reproduces Glickman's worked example", () => {
    const opponent = (rating: number, deviation: number) => ({ rating, deviation, volatility: 0.06 });
    const next = updateGlicko2({
      player: { rating: 1500, deviation: 200, volatility: 0.06 },
      games: [
        { opponent: opponent(1400, 30), score: 1 },
        { opponent: opponent(1550, 100), score: 0 },
        { opponent: opponent(1700, 300), score: 0 },
      ],
      settings: { tau: 0.5 },
    });
    const scale = 400 / Math.LN10;
    expect((next.rating - 1500) / scale).toBeCloseTo(-0.2069, 4);
    expect(next.deviation / scale).toBeCloseTo(0.8722, 4);
    expect(Math.abs(next.rating - 1464.06)).toBeLessThan(0.02);
    expect(next.deviation).toBeCloseTo(151.52, 1);
    expect(Math.abs(next.volatility - 0.05999)).toBeLessThan(1e-5);
  });

  it("only widens the deviation of a player without games (step 6)", () => {
    const next = updateGlicko2({ player: { rating: 1500, deviation: 200, volatility: 0.06 }, games: [] });
    expect(next.rating).toBe(1500);
    expect(next.deviation).toBeCloseTo(Math.sqrt((200 / (400 / Math.LN10)) ** 2 + 0.06 ** 2) * (400 / Math.LN10), 10);
  });
});

describe("computeGlicko2", () => {
  it("rates a period against pre-period opponents and orders a clear winner first", () => {
    const outcomes = {
      size: 6,
      itemIds: ["a", "b", "c"],
      first: Int32Array.from([0, 0, 1, 0, 0, 1]),
      second: Int32Array.from([1, 2, 2, 1, 2, 2]),
      verdict: Uint8Array.from([0, 0, 0, 0, 0, 2]),
    };
    const result = computeGlicko2(outcomes, { comparisonsPerPeriod: 3 });
    expect(result.periods).toBe(2);
    expect(result.rating[0]).toBeGreaterThan(result.rating[1]!);
    expect(result.rating[1]).toBeGreaterThan(result.rating[2]!);
    // One period only: the first update equals updateGlicko2 on the three games against 1500/350 opponents.
    const single = computeGlicko2({ ...outcomes, size: 3 }, { comparisonsPerPeriod: 10 });
    const fresh = { rating: 1500, deviation: 350, volatility: 0.06 };
    const expected = updateGlicko2({
      player: fresh,
      games: [
        { opponent: fresh, score: 1 },
        { opponent: fresh, score: 1 },
      ],
    });
    expect(single.rating[0]).toBeCloseTo(expected.rating, 10);
  });
});
