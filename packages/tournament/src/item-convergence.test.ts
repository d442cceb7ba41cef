import { describe, expect, it } from "vitest";
import { expandMatches } from "./expand-matches.js";
import { needsMatches, wilsonHalfWidth } from "./item-convergence.js";
import { tournamentConfigSchema } from "./tournament-config.js";
import { computeStandings, type Game } from "./tournament-standings.js";

const stop = tournamentConfigSchema.parse({
  items: { synthetic: { count: 2 } },
  judges: [{ id: "j", provider: "simulated", model: "m" }],
}).stop;

/** Item 0 plays `wins` wins and `losses` losses against fresh opponents 1, 2, …. */
function standingsOf(wins: number, losses: number) {
  const games: Game[] = [];
  const matches: [number, number][] = [];
  for (let k = 0; k < wins + losses; k++) {
    games.push({ a: 0, b: k + 1, score: k < wins ? 1 : 0 });
    matches.push([0, k + 1]);
  }
  return computeStandings({ itemCount: wins + losses + 1, games, matches });
}

describe("needsMatches (the seed system's stop rules)", () => {
  it("undefeated and winless items keep playing past σ and the match target, up to the hard cap", () => {
    expect(needsMatches({ item: 0, standings: standingsOf(60, 0), stop, inTop: false })).toBe(true);
    expect(needsMatches({ item: 0, standings: standingsOf(0, 60), stop, inTop: false })).toBe(true);
    expect(needsMatches({ item: 0, standings: standingsOf(100, 0), stop, inTop: false })).toBe(false);
    expect(
      needsMatches({
        item: 0,
        standings: standingsOf(100, 0),
        stop: { ...stop, keepPlayingUndefeated: false },
        inTop: false,
      }),
    ).toBe(false);
  });

  it("an item with wins and losses has converged after maxMatchesPerItem", () => {
    expect(needsMatches({ item: 0, standings: standingsOf(30, 19), stop: { ...stop, sigma: 0 }, inTop: false })).toBe(
      true,
    );
    expect(needsMatches({ item: 0, standings: standingsOf(30, 20), stop: { ...stop, sigma: 0 }, inTop: false })).toBe(
      false,
    );
  });

  it("uses σ ≤ 2.5, and σ ≤ 2.0 inside the top group", () => {
    let n = 1;
    while (standingsOf(n, n).sigma[0]! > 2.5) n++;
    const standings = standingsOf(n, n);
    const sigma = standings.sigma[0]!;
    expect(sigma).toBeGreaterThan(2.0);
    expect(sigma).toBeLessThan(2.5);
    expect(needsMatches({ item: 0, standings, stop, inTop: false })).toBe(false);
    expect(needsMatches({ item: 0, standings, stop, inTop: true })).toBe(true);
  });

  it("with a Wilson target, needs matches until the win-rate half-width is small enough", () => {
    // 20 wins, 10 losses: Wilson 95% [0.488, 0.808] → half-width 0.160 (docs/metrics.md formula).
    expect(wilsonHalfWidth(20, 30)).toBeCloseTo(0.16, 2);
    const standings = standingsOf(20, 10);
    expect(needsMatches({ item: 0, standings, stop: { ...stop, sigma: 10 }, inTop: false })).toBe(false);
    expect(
      needsMatches({ item: 0, standings, stop: { ...stop, sigma: 10, wilsonHalfWidth: 0.15 }, inTop: false }),
    ).toBe(true);
  });
});

describe("expandMatches", () => {
  const itemIds = ["a", "b", "c", "d"];
  const matches: [number, number][] = [
    [0, 1],
    [2, 3],
    [0, 2],
  ];
  const base = { round: 2, matches, itemIds, judgeIds: ["x", "y"], repetitions: 1, seed: 5, matchOffset: 3 } as const;

  it("rotates judges over the whole run and names comparisons deterministically", () => {
    const comparisons = expandMatches({ ...base, order: "fixed", assignment: "rotate" });
    expect(comparisons.map((c) => c.id)).toEqual(["r2m0.y.ab.0", "r2m1.x.ab.0", "r2m2.y.ab.0"]);
    expect(comparisons.map((c) => `${c.first}${c.second}`)).toEqual(["ab", "cd", "ac"]);
  });

  it("random order flips a seeded coin per match and judge, about half the time", () => {
    const many = Array.from({ length: 400 }, (_, k) => [k, k + 1] as [number, number]);
    const ids = Array.from({ length: 401 }, (_, k) => `i${k}`);
    const comparisons = expandMatches({ ...base, matches: many, itemIds: ids, order: "random", assignment: "rotate" });
    const swapped = comparisons.filter((c) => c.id.includes(".ba.")).length;
    expect(swapped).toBeGreaterThan(160);
    expect(swapped).toBeLessThan(240);
    expect(expandMatches({ ...base, matches: many, itemIds: ids, order: "random", assignment: "rotate" })).toEqual(
      comparisons,
    );
  });

  it("both orders with a panel and repetitions", () => {
    const comparisons = expandMatches({
      ...base,
      matches: [[0, 1]],
      order: "both",
      assignment: "panel",
      repetitions: 2,
    });
    expect(comparisons.map((c) => c.id)).toEqual([
      "r2m0.x.ab.0",
      "r2m0.x.ab.1",
      "r2m0.x.ba.0",
      "r2m0.x.ba.1",
      "r2m0.y.ab.0",
      "r2m0.y.ab.1",
      "r2m0.y.ba.0",
      "r2m0.y.ba.1",
    ]);
  });
});
