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
});
