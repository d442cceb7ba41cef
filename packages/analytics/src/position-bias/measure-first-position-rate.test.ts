import { describe, expect, it } from "vitest";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { measureFirstPositionRate } from "./measure-first-position-rate.js";

describe("measureFirstPositionRate", () => {
  it("tracks a drift from 50% to 20% first-position wins over time windows", () => {
    const rows: TableRow[] = [];
    for (let index = 0; index < 200; index++) {
      const firstWins = index < 100 ? index % 2 === 0 : index % 5 === 0;
      rows.push({
        first: `a${index}`,
        second: `b${index}`,
        judge: "drifter",
        verdict: firstWins ? "first" : "second",
        time: Date.UTC(2026, 0, 1) + index * 3_600_000,
      });
    }
    rows.push({ first: "x", second: "y", judge: "drifter", verdict: "tie", time: Date.UTC(2026, 0, 1) });
    rows.push({ first: "x", second: "y", judge: "drifter", verdict: "first", orderKnown: false });
    const [figures] = measureFirstPositionRate(buildTable(rows), 4);
    // Decided with known order: 200 rows; 50 + 20 first wins.
    expect(figures!.firstWinRate).toMatchObject({ count: 70, n: 200 });
    expect(figures!.binomialPValue!).toBeLessThan(1e-4);
    if (!figures!.overTime.available) throw new Error(figures!.overTime.reason);
    expect(figures!.overTime.windows.map((window) => window.firstWinRate.value)).toEqual([0.5, 0.5, 0.2, 0.2]);
    expect(figures!.overTime.windows[0]!.start).toBe("2026-01-01T00:00:00.000Z");
  });

  it("says why the time view is missing when comparisons carry no timestamps", () => {
    const [figures] = measureFirstPositionRate(
      buildTable([{ first: "a", second: "b", judge: "j", verdict: "first" }]),
      5,
    );
    expect(figures!.overTime).toEqual({
      available: false,
      reason: "needs at least 20 decided comparisons with a timestamp",
    });
  });
});
