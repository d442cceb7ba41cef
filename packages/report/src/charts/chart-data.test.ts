import { describe, expect, it } from "vitest";
import { buildLeaderboardChart, type RatedItem, topRatedItems } from "./leaderboard-chart.js";
import { thinEvenly } from "./scatter-charts.js";

const items: RatedItem[] = [
  { id: "b", label: "Beta", rating: 1100, lower: 1050, upper: 1150, category: "x" },
  { id: "a", label: "Alpha", rating: 1100, lower: 1060, upper: 1140, category: "y" },
  { id: "c", label: "Gamma", rating: 1300, lower: 1250, upper: 1350 },
  { id: "d", label: "Delta", rating: 900, lower: 850, upper: 950, category: "x" },
];

/** The inline data rows of a spec (every builder here draws from `data.values`). */
function rowsOf(spec: unknown): Record<string, unknown>[] {
  return (spec as { data: { values: Record<string, unknown>[] } }).data.values;
}

describe("chart data builders", () => {
  it("topRatedItems: best first, equal ratings by id, capped, labelled with the rank", () => {
    expect(topRatedItems(items, 3).map((item) => [item.id, item.display])).toEqual([
      ["c", "1. Gamma"],
      ["a", "2. Alpha"],
      ["b", "3. Beta"],
    ]);
  });

  it("the leaderboard chart draws exactly the top rows with their intervals", () => {
    const spec = buildLeaderboardChart({ items, ratingLabel: "rating", intervalLabel: "95% CI", maxItems: 2 });
    expect(rowsOf(spec)).toEqual([
      { display: "1. Gamma", id: "c", rating: 1300, lower: 1250, upper: 1350, category: "(none)" },
      { display: "2. Alpha", id: "a", rating: 1100, lower: 1060, upper: 1140, category: "y" },
    ]);
  });

  it("thinEvenly keeps every k-th row, first row included, and copies short inputs", () => {
    const rows = Array.from({ length: 10 }, (_, index) => index);
    expect(thinEvenly(rows, 4)).toEqual([0, 2, 5, 7]);
    const short = [1, 2];
    expect(thinEvenly(short, 5)).toEqual(short);
    expect(thinEvenly(short, 5)).not.toBe(short);
  });
});
