import { createRandomSource } from "@judgelab/ratings";
import { describe, expect, it } from "vitest";
import { AnalyticsError } from "./analytics-error.js";
import { analyzeJudges } from "./analyze-judges.js";
import {
  defaultItemGrouping,
  groupComparisonTable,
  groupItemsByField,
  resolveItemGrouping,
} from "./group-comparison-table.js";
import { buildTable, type TableRow } from "./test-support/build-table.js";

/** AlpacaEval's shape: on each instruction, every model's answer against the baseline's answer, order shuffled. */
function alpacaShape(strengths: Record<string, number>, instructions: number, seed: number) {
  const random = createRandomSource(seed);
  const rows: TableRow[] = [];
  const items: { id: string; producer: string }[] = [];
  for (let instruction = 0; instruction < instructions; instruction++) {
    const baseline = `${instruction}/baseline`;
    items.push({ id: baseline, producer: "baseline" });
    for (const [model, strength] of Object.entries(strengths)) {
      const answer = `${instruction}/${model}`;
      items.push({ id: answer, producer: model });
      const modelWins = random.next() < 1 / (1 + Math.exp(-strength));
      const modelFirst = random.next() < 0.5;
      rows.push({
        first: modelFirst ? answer : baseline,
        second: modelFirst ? baseline : answer,
        verdict: modelWins === modelFirst ? "first" : "second",
        judge: "judge",
      });
    }
  }
  return { table: buildTable(rows), items };
}

describe("rating producers of answers (AlpacaEval shape)", () => {
  const strengths = { strong: 1.5, middle: 0, weak: -1.5 };
  const { table, items } = alpacaShape(strengths, 60, 7);

  it("groups items by producer and keeps every other column of the kept rows", () => {
    const grouping = groupItemsByField(items, table.itemIds, "producer")!;
    expect([...grouping.groupIds].sort()).toEqual(["baseline", "middle", "strong", "weak"]);
    const grouped = groupComparisonTable(table, grouping);
    expect(grouped.table.size).toBe(table.size);
    expect(grouped.table.itemIds).toEqual(grouping.groupIds);
    expect(grouped.table.verdict).toEqual(table.verdict);
    expect(grouped.table.judgeIds).toEqual(table.judgeIds);
    for (let row = 0; row < table.size; row++) {
      expect(grouped.table.first[row]).toBe(grouping.groupOf[table.first[row]!]);
    }
  });

  it("counts the rows it cannot express instead of dropping them silently", () => {
    const extra = buildTable([
      { first: "a1", second: "a2", verdict: "first", judge: "j" },
      { first: "a1", second: "b1", verdict: "first", judge: "j" },
      { first: "a1", second: "x", verdict: "first", judge: "j" },
    ]);
    const grouping = groupItemsByField(
      [{ id: "a1", producer: "A" }, { id: "a2", producer: "A" }, { id: "b1", producer: "B" }, { id: "x" }],
      extra.itemIds,
      "producer",
    )!;
    const grouped = groupComparisonTable(extra, grouping);
    expect([grouped.table.size, grouped.sameGroupRows, grouped.ungroupedRows]).toEqual([1, 1, 1]);
  });

  it("rates the producers by default and ranks them by their true strength; items alone give no leaderboard", () => {
    const grouping = defaultItemGrouping(items, table.itemIds);
    expect(grouping?.field).toBe("producer");
    const grouped = analyzeJudges({
      table,
      ...(grouping === undefined ? {} : { grouping }),
      options: { seed: 1, bootstrapRounds: 30 },
    });
    expect(grouped.stability.available).toBe(true);
    if (!grouped.stability.available || !grouped.stability.pooled.rows.available) throw new Error("no board");
    expect(grouped.stability.rated).toEqual({
      unit: "group",
      field: "producer",
      groups: 4,
      sameGroupRows: 0,
      ungroupedRows: 0,
    });
    const order = [...grouped.stability.pooled.rows.rows].sort((a, b) => b.rating - a.rating).map((row) => row.item);
    expect(order.filter((id) => id !== "baseline")).toEqual(["strong", "middle", "weak"]);
    // Each answer meets only the baseline's answer: the item graph is a set of stars, too thin for a leaderboard.
    const items_ = analyzeJudges({ table, options: { seed: 1, bootstrapRounds: 30 } });
    expect(items_.stability.available).toBe(false);
  });

  it("keeps items as the unit when items are not answers by producers, and explains a bad --group", () => {
    const papers = [{ id: "p1" }, { id: "p2" }];
    expect(defaultItemGrouping(papers, ["p1", "p2"])).toBeUndefined();
    // one producer per item: nothing to group
    expect(
      defaultItemGrouping(
        [
          { id: "p1", producer: "A" },
          { id: "p2", producer: "B" },
        ],
        ["p1", "p2"],
      ),
    ).toBeUndefined();
    expect(resolveItemGrouping(items, table.itemIds, false)).toBeUndefined();
    expect(() => resolveItemGrouping(papers, ["p1", "p2"], "producer")).toThrow(
      expect.objectContaining({ name: "AnalyticsError", code: "unknown-field", context: { field: "producer" } }),
    );
    expect(() => groupComparisonTable(table, { field: "g", groupIds: ["g"], groupOf: new Int32Array(1) })).toThrow(
      AnalyticsError,
    );
    expect(() => analyzeJudges({ table, options: { seed: 1.5 } } as never)).toThrow(
      expect.objectContaining({ code: "invalid-option", context: { option: "seed", value: 1.5 } }),
    );
    expect(() => resolveItemGrouping(papers, ["p1", "p2"], "producer")).toThrow(/--no-group/);
  });
});
