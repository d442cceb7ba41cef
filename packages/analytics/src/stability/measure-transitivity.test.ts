import { describe, expect, it } from "vitest";
import { countCyclicTriads } from "./measure-transitivity.js";

describe("countCyclicTriads", () => {
  it("counts closed triangles and 3-cycles (hand-made tournaments)", () => {
    // 0>1, 1>2, 2>0: one cyclic triangle.
    expect(countCyclicTriads({ winner: [0, 1, 2], loser: [1, 2, 0] })).toEqual({ cycles: 1, triangles: 1 });
    // Transitive triangle 0>1>2, 0>2.
    expect(countCyclicTriads({ winner: [0, 1, 0], loser: [1, 2, 2] })).toEqual({ cycles: 0, triangles: 1 });
    // Open path: no triangle.
    expect(countCyclicTriads({ winner: [0, 1], loser: [1, 2] })).toEqual({ cycles: 0, triangles: 0 });
    // A complete tournament on 4 items has 4 triangles; with scores (2, 2, 1, 1): 0>1, 1>2, 2>0, 0>3, 1>3, 3>2.
    // Cyclic triads = C(4,3) − Σ C(s_i, 2) = 4 − (1 + 1 + 0 + 0) = 2 (Kendall–Babington Smith).
    expect(countCyclicTriads({ winner: [0, 1, 2, 0, 1, 3], loser: [1, 2, 0, 3, 3, 2] })).toEqual({
      cycles: 2,
      triangles: 4,
    });
  });
  it("bitset counting matches the triangle-by-triangle count on random sparse and dense graphs", () => {
    let state = 12345;
    const uniform = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    for (const [items, density] of [
      [40, 0.2],
      [70, 0.9],
      [33, 0.5],
    ] as const) {
      const winner: number[] = [];
      const loser: number[] = [];
      for (let a = 0; a < items; a++) {
        for (let b = a + 1; b < items; b++) {
          if (uniform() >= density) continue;
          const aWins = uniform() < 0.5;
          winner.push(aWins ? a : b);
          loser.push(aWins ? b : a);
        }
      }
      const bySets = countCyclicTriads({ winner, loser }, () => {});
      expect(bySets.triangles).toBeGreaterThan(0);
      expect(bySets.cycles).toBeGreaterThan(0);
      expect(countCyclicTriads({ winner, loser })).toEqual(bySets);
    }
  });
});
