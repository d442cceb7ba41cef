import type { PairwiseOutcomes } from "@judgelab/ratings";
import { describe, expect, it } from "vitest";
import { describeLeaderboard, fitWaldLeaderboard, startBootstrapLeaderboard } from "./fit-leaderboard.js";

/** 5 items in a round robin of 4 matches per pair; each match's verdict repeated `copies` times (one match id). */
function repeatedMatches(copies: number): PairwiseOutcomes {
  const first: number[] = [];
  const second: number[] = [];
  const verdict: number[] = [];
  const match: number[] = [];
  let code = 0;
  for (let a = 0; a < 5; a++) {
    for (let b = a + 1; b < 5; b++) {
      for (let r = 0; r < 4; r++, code++) {
        // b (stronger) wins three matches of four.
        const outcome = r === (a + b) % 4 ? 0 : 1;
        for (let k = 0; k < copies; k++) {
          first.push(a);
          second.push(b);
          verdict.push(outcome);
          match.push(code);
        }
      }
    }
  }
  return {
    size: first.length,
    itemIds: ["a", "b", "c", "d", "e"],
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    verdict: Uint8Array.from(verdict),
    match: Int32Array.from(match),
  };
}

const meanWidth = (board: { lower: Float64Array; upper: Float64Array }) =>
  Array.from(board.lower).reduce((sum, lower, i) => sum + board.upper[i]! - lower, 0) / board.lower.length;

describe("startBootstrapLeaderboard clustering", () => {
  it("resamples whole matches by default, so repeated identical judgments do not narrow the intervals", () => {
    const once = startBootstrapLeaderboard(repeatedMatches(1), { rounds: 200, seed: 1 }).finish();
    const repeated = startBootstrapLeaderboard(repeatedMatches(5), { rounds: 200, seed: 1 }).finish();
    const naive = startBootstrapLeaderboard(repeatedMatches(5), { rounds: 200, seed: 1, cluster: "none" }).finish();
    expect(once.clustering).toEqual({ by: "comparison", clusters: 40, largest: 1 });
    expect(repeated.clustering).toEqual({ by: "match", clusters: 40, largest: 5 });
    expect(Math.abs(meanWidth(repeated) / meanWidth(once) - 1)).toBeLessThan(0.15);
    expect(meanWidth(naive) / meanWidth(once)).toBeLessThan(0.6);
    const described = describeLeaderboard(repeated, 200, 10);
    expect(described.intervals).toBe(
      "bootstrap (200 rounds resampling the 40 matches whole, up to 5 comparisons each)",
    );
    expect(described.clustering).toEqual({ by: "match", clusters: 40, largest: 5 });
  });
});

describe("fitWaldLeaderboard clustering", () => {
  it("uses cluster-robust standard errors when matches hold several judgments", () => {
    const once = fitWaldLeaderboard(repeatedMatches(1));
    const repeated = fitWaldLeaderboard(repeatedMatches(5));
    const naive = fitWaldLeaderboard(repeatedMatches(5), { cluster: "none" });
    expect(once.standardErrorMethod).toBe("fisher");
    expect(repeated.standardErrorMethod).toBe("sandwich");
    expect(naive.standardErrorMethod).toBe("fisher");
    expect(Math.abs(meanWidth(repeated) / meanWidth(once) - 1)).toBeLessThan(0.15);
    expect(meanWidth(naive) / meanWidth(once)).toBeLessThan(0.6);
    expect(describeLeaderboard(repeated, 200, 10).intervals).toBe(
      "wald (cluster-robust sandwich standard errors over the 40 matches whole, up to 5 comparisons each)",
    );
  });
});
