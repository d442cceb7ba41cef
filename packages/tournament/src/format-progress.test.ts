import { describe, expect, it } from "vitest";
import { formatDuration, formatProgress } from "./format-progress.js";

describe("formatProgress", () => {
  const counters = {
    planned: 900,
    recorded: 640,
    failedByKind: { timeout: 2, refusal: 1 },
    cacheHits: 0,
    calls: 700,
    spentUsd: 0.01234,
    invalid: 0,
  };

  it("shows the round bar, totals, rate, ETA, cost and failures by kind", () => {
    const line = formatProgress(
      { counters, round: 3, roundDone: 150, roundTotal: 300, elapsedMs: 20_000, finished: 250 },
      10,
    );
    expect(line).toBe(
      "round 3 [#####.....] 150/300 · total 640/900 · 12.5/s · ETA 12s · $0.0123 · failed 3 (timeout 2, refusal 1)",
    );
  });

  it("drops the bar for plain logs and shows an unknown ETA before any completion", () => {
    const line = formatProgress(
      {
        counters: { ...counters, failedByKind: {}, invalid: 2 },
        round: 0,
        roundDone: 0,
        roundTotal: 10,
        elapsedMs: 0,
        finished: 0,
      },
      0,
    );
    expect(line).toBe("round 0 0/10 · total 640/900 · 0.0/s · ETA ? · $0.0123 · invalid 2");
  });

  it("formats durations", () => {
    expect([formatDuration(5_000), formatDuration(75_000), formatDuration(3_700_000)]).toEqual([
      "5s",
      "1m15s",
      "1h01m",
    ]);
  });
});
