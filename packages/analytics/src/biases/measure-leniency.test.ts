import { describe, expect, it } from "vitest";
import { measureLeniency } from "./measure-leniency.js";

describe("measureLeniency (hand-made)", () => {
  it("reports mean, sd, histogram, and means on the items both raters scored", () => {
    // Judge 0 scores items 0, 1, 2 as 3, 4, 5; judge 1 scores items 0, 1, 3 as 5, 6, 9 (item 1 twice: 6 and 7).
    const rows = [
      [0, 0, 3],
      [1, 0, 4],
      [2, 0, 5],
      [0, 1, 5],
      [1, 1, 6],
      [1, 1, 7],
      [3, 1, 9],
    ] as const;
    const [strict, lenient] = measureLeniency(
      {
        item: Int32Array.from(rows, (row) => row[0]),
        judge: Int32Array.from(rows, (row) => row[1]),
        score: Float64Array.from(rows, (row) => row[2]),
      },
      ["strict", "lenient"],
    );
    expect(strict!.mean.value).toBe(4);
    expect(strict!.sd).toBeCloseTo(1, 12);
    expect(strict!.mean.ci!.lower).toBeCloseTo(4 - (1.959963984540054 * 1) / Math.sqrt(3), 12);
    expect(lenient!.mean).toMatchObject({ value: 6.75, n: 4 });
    expect(lenient!.histogram).toEqual([
      { score: 5, count: 1 },
      { score: 6, count: 1 },
      { score: 7, count: 1 },
      { score: 9, count: 1 },
    ]);
    // Shared items 0 and 1: strict (3 + 4)/2 = 3.5; lenient (5 + 6.5)/2 = 5.75.
    expect(strict!.meanOnSharedItems).toEqual({ available: true, mean: { value: 3.5, n: 2 } });
    expect(lenient!.meanOnSharedItems).toEqual({ available: true, mean: { value: 5.75, n: 2 } });
  });
});
