import { describe, expect, it } from "vitest";
import { bootstrapRows } from "./bootstrap-rows.js";
import { computeElo } from "./compute-elo.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { readFixture } from "./test-support/fixtures.js";

describe("computeElo (Chatbot Arena's online Elo)", () => {
  // fixtures/online-elo.json: FastChat's compute_online_elo (scripts/reference/compute_online_elo.py) on 400
  // seeded battles among 6 models, with "tie" and "tie (bothbad)" both scored as half a win.
  it("matches FastChat's compute_online_elo", () => {
    const fixture = readFixture<{ battles: [string, string, string][]; ratings: Record<string, number> }>(
      "online-elo.json",
    );
    const itemIds = Object.keys(fixture.ratings).sort();
    const code = new Map(itemIds.map((id, index) => [id, index]));
    const outcomes = {
      size: fixture.battles.length,
      itemIds,
      first: Int32Array.from(fixture.battles, ([a]) => code.get(a) as number),
      second: Int32Array.from(fixture.battles, ([, b]) => code.get(b) as number),
      verdict: Uint8Array.from(fixture.battles, ([, , winner]) =>
        winner === "model_a" ? 0 : winner === "model_b" ? 1 : 2,
      ),
    };
    const ratings = computeElo(outcomes);
    itemIds.forEach((id, i) => {
      expect(ratings[i]).toBeCloseTo(fixture.ratings[id]!, 9);
    });
  });

  it("applies E_a = 1/(1 + 10^((R_b − R_a)/400)) and K = 4 from 1000", () => {
    const outcomes = {
      size: 3,
      itemIds: ["a", "b", "c"],
      first: Int32Array.from([0, 0, 1]),
      second: Int32Array.from([1, 2, 2]),
      verdict: Uint8Array.from([0, 2, 1]),
    };
    const ratings = computeElo(outcomes);
    // Row 0: a beats b from 1000/1000: ±2. Row 1: a (1002) ties c (1000). Row 2: c beats b (998).
    const expectedA1 = 1 / (1 + 10 ** ((1000 - 1002) / 400));
    const a = 1002 + 4 * (0.5 - expectedA1);
    const c1 = 1000 + 4 * (0.5 - (1 - expectedA1));
    const expectedB = 1 / (1 + 10 ** ((c1 - 998) / 400));
    expect(ratings[0]).toBeCloseTo(a, 12);
    expect(ratings[1]).toBeCloseTo(998 + 4 * (0 - expectedB), 12);
    expect(ratings[2]).toBeCloseTo(c1 + 4 * (1 - (1 - expectedB)), 12);
    // Elo conserves the total rating.
    expect(ratings[0]! + ratings[1]! + ratings[2]!).toBeCloseTo(3000, 9);
  });

  it("honours K, scale and an explicit order", () => {
    const outcomes = {
      size: 2,
      itemIds: ["a", "b"],
      first: Int32Array.from([0, 1]),
      second: Int32Array.from([1, 0]),
      verdict: Uint8Array.from([0, 0]),
    };
    const forward = computeElo(outcomes, { k: 32, scale: { points: 400, base: 10, initial: 1500 } });
    const backward = computeElo(outcomes, { k: 32, scale: { points: 400, base: 10, initial: 1500 }, order: [1, 0] });
    // a beats b (1516 / 1484), then b beats a with E_b = 1/(1 + 10^(32/400)).
    expect(forward[0]).toBeCloseTo(1516 - 32 * (1 - 1 / (1 + 10 ** (32 / 400))), 9);
    expect(forward[0]).not.toBeCloseTo(backward[0]!, 6);
  });

  it("bootstraps rows with the median as the estimate (Arena) and reproducible seeds", () => {
    const outcomes = {
      size: 6,
      itemIds: ["a", "b", "c"],
      first: Int32Array.from([0, 0, 1, 0, 2, 1]),
      second: Int32Array.from([1, 2, 2, 1, 0, 0]),
      verdict: Uint8Array.from([0, 0, 0, 0, 1, 1]),
    };
    const rate = (sample: PairwiseOutcomes) =>
      computeElo(sample, { order: Array.from({ length: sample.size }, (_, k) => k) });
    const first = bootstrapRows(outcomes, { rate, rounds: 200, seed: 4 });
    const second = bootstrapRows(outcomes, { rate, rounds: 200, seed: 4 });
    expect(Array.from(first.estimate)).toEqual(Array.from(second.estimate));
    expect(Array.from(first.estimate)).toEqual(Array.from(first.median));
    expect(first.rank[0]).toBe(1);
    expect(first.lower[0]).toBeLessThanOrEqual(first.estimate[0]!);
    expect(first.upper[0]).toBeGreaterThanOrEqual(first.estimate[0]!);
  });

  it("shuffles without resampling: every round sees each row once, so the win counts never change", () => {
    const outcomes = {
      size: 6,
      itemIds: ["a", "b", "c"],
      first: Int32Array.from([0, 0, 1, 0, 2, 1]),
      second: Int32Array.from([1, 2, 2, 1, 0, 0]),
      verdict: Uint8Array.from([0, 0, 0, 0, 1, 1]),
    };
    const winsOfA: number[] = [];
    bootstrapRows(outcomes, {
      rounds: 20,
      seed: 2,
      resample: "shuffle",
      rate: (sample) => {
        let wins = 0;
        for (let k = 0; k < sample.size; k++) {
          if ((sample.first[k] === 0 && sample.verdict[k] === 0) || (sample.second[k] === 0 && sample.verdict[k] === 1))
            wins++;
        }
        winsOfA.push(wins);
        return computeElo(sample, { order: Array.from({ length: sample.size }, (_, k) => k) });
      },
    });
    expect(new Set(winsOfA)).toEqual(new Set([5]));
  });
});
