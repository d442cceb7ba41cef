import { describe, expect, it } from "vitest";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { measureRepetitionStability } from "./measure-repetition-stability.js";

describe("measureRepetitionStability (Shi et al. RS, hand-made)", () => {
  it("averages the modal share over (pair, order) instances judged more than once", () => {
    const row = (verdict: TableRow["verdict"], repetition: number, swapped = false): TableRow => ({
      first: swapped ? "b" : "a",
      second: swapped ? "a" : "b",
      judge: "j",
      verdict,
      repetition,
    });
    // Original order: first, first, second → 2/3; swapped order: tie, tie, invalid → 2/3; a third
    // instance judged once is ignored. RS = (2/3 + 2/3)/2.
    const table = buildTable([
      row("first", 0),
      row("first", 1),
      row("second", 2),
      row("tie", 0, true),
      row("tie", 1, true),
      row("invalid", 2, true),
      { first: "c", second: "d", judge: "j", verdict: "first" },
    ]);
    const [rs] = measureRepetitionStability(table, buildPairUnits(table));
    expect(rs!.available && rs!.value.value).toBeCloseTo(2 / 3, 12);
    expect(rs!.available && rs!.value.n).toBe(2);
  });
});
