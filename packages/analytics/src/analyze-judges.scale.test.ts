import { describe, expect, it } from "vitest";
import { analyzeJudges } from "./analyze-judges.js";
import type { Section } from "./metrics-document.js";
import { simulateJudges } from "./test-support/simulate-judges.js";

function available<T extends object>(section: Section<T>): T {
  if (!("available" in section) || section.available !== true) {
    throw new Error(`section unavailable: ${"reason" in section ? section.reason : "?"}`);
  }
  return section as T;
}

describe("analyzeJudges at scale: stability beyond the dense solver's sizes", () => {
  it("analyses 2,000 items × 2 judges (sparse Bradley–Terry) with every stability part available", () => {
    // 24,000 distinct pairs judged by both judges: 24 comparisons per item per judge, 48 pooled.
    const simulation = simulateJudges({
      seed: 5,
      items: 2000,
      pairs: 24000,
      judges: [
        { id: "a", positionBias: 0.3 },
        { id: "b", noise: 1.5 },
      ],
    });
    const document = analyzeJudges({ table: simulation.table, options: { seed: 3, bootstrapRounds: 20 } });
    const stability = available(document.stability);
    expect(stability.method).toContain("sparse solver");
    expect(stability.pooled.items).toBe(2000);
    expect(stability.pooled.intervals).toBe("bootstrap (20 rounds resampling the 48000 comparisons one by one)");
    expect(stability.pooled.rows).toMatchObject({ available: false });
    for (const board of stability.perJudge) {
      expect(board.leaderboard.items).toBe(2000);
      expect(board.leaderboard.intervals).toContain("approximate");
      expect(board.leaderboard.meanCiWidth).toBeGreaterThan(0);
    }
    // The two judges see the same pairs; their boards correlate, and more so with the pooled board.
    const pooledVsA = stability.correlations.find((row) => row.a === "pooled" && row.b === "a");
    const aVsB = stability.correlations.find((row) => row.a === "a" && row.b === "b");
    expect(pooledVsA?.spearman.value).toBeGreaterThan(0.85);
    expect(aVsB?.spearman.value).toBeGreaterThan(0.6);
    expect(available(stability.leaveOneJudgeOut).rows).toHaveLength(2);
    expect(available(stability.splitHalf).spearman.value).toBeGreaterThan(0.6);
    expect(stability.separability.n).toBe((2000 * 1999) / 2);
    expect(stability.separability.value).toBeGreaterThan(0);
    expect(available(stability.convergence).points.length).toBeGreaterThan(2);
    // The order effect of judge a (0.3 log-odds = 52 Elo) is recovered by the sparse fit.
    const judgeA = document.positionBias.available
      ? document.positionBias.perJudge.find((row) => row.judge === "a")
      : undefined;
    const delta = judgeA === undefined ? undefined : available(judgeA.orderEffect).delta;
    expect(delta?.ci?.lower).toBeLessThan((0.3 * 400) / Math.LN10);
    expect(delta?.ci?.upper).toBeGreaterThan((0.3 * 400) / Math.LN10);
  });
});
