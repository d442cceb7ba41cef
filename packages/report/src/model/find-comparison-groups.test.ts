import type { ComparisonTable } from "@judgelab/datasets";
import { describe, expect, it } from "vitest";
import { findComparisonGroups } from "./find-comparison-groups.js";

function table(itemCount: number, rows: [number, number, number][]): ComparisonTable {
  return {
    size: rows.length,
    itemIds: Array.from({ length: itemCount }, (_, index) => `item-${index}`),
    first: Int32Array.from(rows, (row) => row[0]),
    second: Int32Array.from(rows, (row) => row[1]),
    verdict: Uint8Array.from(rows, (row) => row[2]),
  } as unknown as ComparisonTable;
}

describe("findComparisonGroups", () => {
  it("separates items that never meet, even through others", () => {
    const groups = findComparisonGroups(
      table(6, [
        [0, 1, 0],
        [1, 2, 1],
        [3, 4, 0],
      ]),
    );
    expect(groups.count).toBe(2);
    expect(groups.groupOf[0]).toBe(groups.groupOf[2]);
    expect(groups.groupOf[3]).toBe(groups.groupOf[4]);
    expect(groups.groupOf[0]).not.toBe(groups.groupOf[3]);
    expect(groups.groupOf[5]).toBe(-1);
  });

  it("ignores invalid verdicts: they connect nothing", () => {
    const groups = findComparisonGroups(
      table(3, [
        [0, 1, 0],
        [1, 2, 3],
      ]),
    );
    expect(groups.count).toBe(1);
    expect(groups.groupOf[2]).toBe(-1);
  });
});
