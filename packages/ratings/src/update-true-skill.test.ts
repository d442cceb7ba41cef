import { describe, expect, it } from "vitest";
import { computeTrueSkill } from "./compute-true-skill.js";
import { formatSeedScore, rankWithinCategory } from "./format-seed-score.js";
import { KURATE_TRUE_SKILL } from "./kurate-true-skill.js";
import { SEED_TRUE_SKILL, updateTrueSkill } from "./update-true-skill.js";

// Python trueskill's default environment (draw probability 0.10), as the live Kurate site uses it.
const python = KURATE_TRUE_SKILL;
const fresh = { mu: 25, sigma: 25 / 3 };

describe("updateTrueSkill parity with the Python trueskill package", () => {
  // trueskill.org documentation, "Head-to-head (1 vs. 1) match rule": rate_1vs1(Rating(), Rating()) →
  // (Rating(mu=29.396, sigma=7.171), Rating(mu=20.604, sigma=7.171)) with the default 10% draw probability.
  it("reproduces the documented 1-vs-1 win", () => {
    const [winner, loser] = updateTrueSkill({ a: fresh, b: fresh, outcome: 0, environment: python });
    expect(winner.mu).toBeCloseTo(29.396, 3);
    expect(loser.mu).toBeCloseTo(20.604, 3);
    expect(winner.sigma).toBeCloseTo(7.171, 3);
    expect(loser.sigma).toBeCloseTo(7.171, 3);
  });

  // Same page: rate_1vs1(r1, r2, drawn=True) → both Rating(mu=25.000, sigma=6.458).
  it("reproduces the documented 1-vs-1 draw", () => {
    const [a, b] = updateTrueSkill({ a: fresh, b: fresh, outcome: 2, environment: python });
    expect(a.mu).toBeCloseTo(25, 9);
    expect(b.mu).toBeCloseTo(25, 9);
    expect(a.sigma).toBeCloseTo(6.458, 3);
  });

  // PyPI trueskill 0.2.1 description: r1, r2 = Rating(mu=25, sigma=8.333), Rating(mu=30, sigma=8.333);
  // rate_1vs1(r1, r2) → (Rating(mu=30.768, sigma=7.030), Rating(mu=24.232, sigma=7.030)).
  it("reproduces the PyPI example of an upset", () => {
    const [a, b] = updateTrueSkill({
      a: { mu: 25, sigma: 8.333 },
      b: { mu: 30, sigma: 8.333 },
      outcome: 0,
      environment: python,
    });
    expect(a.mu).toBeCloseTo(30.768, 3);
    expect(b.mu).toBeCloseTo(24.232, 3);
    expect(a.sigma).toBeCloseTo(7.03, 3);
  });

  it("mirrors a loss of a as a win of b", () => {
    const [a1, b1] = updateTrueSkill({
      a: { mu: 27, sigma: 5 },
      b: { mu: 22, sigma: 7 },
      outcome: 1,
      environment: SEED_TRUE_SKILL,
    });
    const [b2, a2] = updateTrueSkill({
      a: { mu: 22, sigma: 7 },
      b: { mu: 27, sigma: 5 },
      outcome: 0,
      environment: SEED_TRUE_SKILL,
    });
    expect(a1).toEqual(a2);
    expect(b1).toEqual(b2);
  });

  it("refuses a draw when the draw probability is 0", () => {
    expect(() => updateTrueSkill({ a: fresh, b: fresh, outcome: 2, environment: SEED_TRUE_SKILL })).toThrow(
      /drawProbability > 0/,
    );
  });

  it("stays finite after an extreme upset", () => {
    const [a, b] = updateTrueSkill({
      a: { mu: 0, sigma: 1 },
      b: { mu: 60, sigma: 1 },
      outcome: 0,
      environment: SEED_TRUE_SKILL,
    });
    expect(Number.isFinite(a.mu) && Number.isFinite(b.mu) && a.mu > 0 && b.mu < 60).toBe(true);
  });
});

describe("computeTrueSkill", () => {
  const outcomes = {
    size: 3,
    itemIds: ["a", "b", "c"],
    first: Int32Array.from([0, 1, 2]),
    second: Int32Array.from([1, 2, 0]),
    verdict: Uint8Array.from([0, 0, 3]),
    time: Float64Array.from([30, 10, 20]),
  };

  it("replays rows in time order with draw probability 0 when there are no ties", () => {
    const result = computeTrueSkill(outcomes);
    expect(result.environment.drawProbability).toBe(0);
    // time order: row 1 (b beats c), row 2 (invalid, skipped), row 0 (a beats b).
    const [b1, c1] = updateTrueSkill({ a: fresh, b: fresh, outcome: 0, environment: SEED_TRUE_SKILL });
    const [a2, b2] = updateTrueSkill({ a: fresh, b: b1, outcome: 0, environment: SEED_TRUE_SKILL });
    expect(result.mu[0]).toBe(a2.mu);
    expect(result.mu[1]).toBe(b2.mu);
    expect(result.sigma[2]).toBe(c1.sigma);
    expect(Array.from(result.matches)).toEqual([1, 2, 1]);
  });

  it("uses the observed tie share as draw probability when ties occur", () => {
    const result = computeTrueSkill({ ...outcomes, verdict: Uint8Array.from([2, 0, 0]) });
    expect(result.environment.drawProbability).toBeCloseTo(1 / 3, 12);
  });
});

describe("seed-system display (docs/metrics.md)", () => {
  it("shows μ 40, σ 2 as 1540±40 and a new item as 1200±167", () => {
    expect(formatSeedScore(40, 2).display).toBe("1540±40");
    expect(formatSeedScore(25, 25 / 3)).toEqual({ score: 1200, plusMinus: 167, display: "1200±167" });
    // The seed page's 1565±40: σ ≈ 2.0 and μ ≈ 42.5.
    expect(formatSeedScore(42.5, 2).display).toBe("1565±40");
  });

  it("ranks within category with shared ranks for equal scores", () => {
    const ranks = rankWithinCategory({ scores: [10, 30, 20, 30, 5], categories: ["x", "x", "y", "x", undefined] });
    expect(ranks.map((rank) => rank?.display ?? null)).toEqual(["#3 of 3", "#1 of 3", "#1 of 1", "#1 of 3", null]);
  });
});
