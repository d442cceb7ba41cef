import type { Comparison } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { buildComparisonTable } from "./comparison-table-builder.js";
import { groupCodesByItemField } from "./group-codes-by-item-field.js";
import { splitByJudge } from "./split-by-judge.js";

const comparison = (id: string, first: string, second: string, judge: string, preference?: number): Comparison => ({
  id,
  first,
  second,
  order: "known",
  verdict: "first",
  judge,
  ...(preference === undefined ? {} : { preference }),
});

describe("splitByJudge", () => {
  it("gives each judge its own rows with the shared dictionaries and every column", () => {
    const table = buildComparisonTable([
      comparison("c1", "a", "b", "j1"),
      comparison("c2", "b", "c", "j2", 0.25),
      comparison("c3", "c", "a", "j1"),
    ]);
    const split = splitByJudge(table);
    expect(split.map((entry) => entry.judge)).toEqual(["j1", "j2"]);
    expect(split[0]?.table.comparisonIds).toEqual(["c1", "c3"]);
    expect([...(split[0]?.table.first ?? [])]).toEqual([0, 2]);
    expect(split[1]?.table.itemIds).toEqual(["a", "b", "c"]);
    expect([...(split[1]?.table.preference ?? [])]).toEqual([0.25]);
  });
});

describe("groupCodesByItemField", () => {
  it("maps item codes to groups of a field at top level or in metadata, −1 without a value", () => {
    const items = [
      { id: "q1/x", producer: "x" },
      { id: "q1/y", metadata: { producer: "y" } },
      { id: "q2/x", producer: "x" },
      { id: "q3/none" },
    ];
    const grouping = groupCodesByItemField(items, ["q2/x", "q1/y", "q3/none", "q1/x"], "producer");
    expect(grouping?.groupIds).toEqual(["x", "y"]);
    expect([...(grouping?.groupOf ?? [])]).toEqual([0, 1, -1, 0]);
    expect(groupCodesByItemField(items, ["q1/x"], "missing")).toBeUndefined();
  });
});
