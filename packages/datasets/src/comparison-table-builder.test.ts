import type { Comparison } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { StrengthCode, VerdictCode } from "./comparison-table.js";
import { buildComparisonTable, ComparisonTableBuilder } from "./comparison-table-builder.js";
import { selectRows } from "./select-rows.js";

function comparison(id: string, first: string, second: string, extra: Partial<Comparison> = {}): Comparison {
  return { id, first, second, order: "known", verdict: "first", judge: "j1", ...extra };
}

const records: Comparison[] = [
  comparison("c1", "a", "b"),
  comparison("c2", "b", "c", { verdict: "second", judge: "j2", strength: "strong", matchId: "m1" }),
  comparison("c3", "c", "a", { verdict: "tie", order: "unknown", prompt: "p1", condition: "cot", repetition: 2 }),
  comparison("c4", "a", "d", { verdict: "invalid", createdAt: "2026-05-05", preference: 0.25, matchId: "m1" }),
];

describe("ComparisonTableBuilder", () => {
  it("dictionary-encodes every column", () => {
    const table = buildComparisonTable(records);
    expect(table.size).toBe(4);
    expect(table.itemIds).toEqual(["a", "b", "c", "d"]);
    expect(table.judgeIds).toEqual(["j1", "j2"]);
    expect(table.matchIds).toEqual(["m1"]);
    expect(table.promptIds).toEqual(["p1"]);
    expect(table.conditionIds).toEqual(["cot"]);
    expect(table.comparisonIds).toEqual(["c1", "c2", "c3", "c4"]);
    expect([...table.first]).toEqual([0, 1, 2, 0]);
    expect([...table.second]).toEqual([1, 2, 0, 3]);
    expect([...table.verdict]).toEqual([VerdictCode.first, VerdictCode.second, VerdictCode.tie, VerdictCode.invalid]);
    expect([...table.orderKnown]).toEqual([1, 1, 0, 1]);
    expect([...table.strength]).toEqual([StrengthCode.none, StrengthCode.strong, StrengthCode.none, StrengthCode.none]);
    expect([...table.judge]).toEqual([0, 1, 0, 0]);
    expect([...table.match]).toEqual([-1, 0, -1, 0]);
    expect([...table.prompt]).toEqual([-1, -1, 0, -1]);
    expect([...table.condition]).toEqual([-1, -1, 0, -1]);
    expect([...table.repetition]).toEqual([0, 0, 2, 0]);
    expect(table.time[3]).toBe(Date.UTC(2026, 4, 5));
    expect(Number.isNaN(table.time[0])).toBe(true);
    expect([...table.preference].map((value) => (Number.isNaN(value) ? null : value))).toEqual([
      null,
      null,
      null,
      0.25,
    ]);
  });

  it("keeps given item and judge ids first, in order, including items without comparisons", () => {
    const table = buildComparisonTable(records, { itemIds: ["z", "d", "c", "b", "a"], judgeIds: ["j2", "j1"] });
    expect(table.itemIds).toEqual(["z", "d", "c", "b", "a"]);
    expect(table.itemIds[table.first[0]!]).toBe("a");
    expect(table.judgeIds[table.judge[0]!]).toBe("j1");
  });

  it("grows past its initial capacity without losing rows, and build() snapshots", () => {
    const builder = new ComparisonTableBuilder({ capacity: 16 });
    for (let index = 0; index < 1000; index++) {
      builder.add(comparison(`c${index}`, `i${index % 37}`, `i${(index + 1) % 37}`, { repetition: index }));
    }
    const snapshot = builder.build();
    builder.add(comparison("extra", "i0", "i1"));
    expect(snapshot.size).toBe(1000);
    expect(builder.size).toBe(1001);
    expect(snapshot.repetition[999]).toBe(999);
    expect(snapshot.itemIds[snapshot.second[999]!]).toBe(`i${1000 % 37}`);
    expect(snapshot.first.length).toBe(1000);
  });
});

describe("selectRows", () => {
  const table = buildComparisonTable(records);

  it("selects by mask with the same dictionaries", () => {
    const selected = selectRows(table, Uint8Array.from([1, 0, 1, 0]));
    expect(selected.size).toBe(2);
    expect(selected.comparisonIds).toEqual(["c1", "c3"]);
    expect(selected.itemIds).toBe(table.itemIds);
    expect(selected.judgeIds).toBe(table.judgeIds);
    expect([...selected.verdict]).toEqual([VerdictCode.first, VerdictCode.tie]);
    expect([...selected.first]).toEqual([0, 2]);
  });

  it("selects by row indices with repeats (bootstrap) and every column follows the same rows", () => {
    const rows = Int32Array.from([3, 3, 0]);
    const selected = selectRows(table, rows);
    const columns = [
      "first",
      "second",
      "verdict",
      "orderKnown",
      "strength",
      "judge",
      "match",
      "prompt",
      "condition",
      "repetition",
    ] as const;
    for (const name of columns) {
      expect([...selected[name]]).toEqual([...rows].map((row) => table[name][row]));
    }
    expect(selected.comparisonIds).toEqual(["c4", "c4", "c1"]);
    expect(selected.preference[0]).toBe(0.25);
  });

  it("adds a confidence column only when some comparison has a confidence, NaN on the rows without one", () => {
    expect(buildComparisonTable(records).confidence).toBeUndefined();
    const builder = new ComparisonTableBuilder({ capacity: 1 });
    for (let k = 0; k < 40; k++) builder.add(comparison(`c${k}`, "a", "b", k % 3 === 2 ? { confidence: k / 40 } : {}));
    const confidence = builder.build().confidence;
    expect(confidence).toHaveLength(40);
    expect([...(confidence ?? [])].slice(0, 6).map((value) => (Number.isNaN(value) ? null : value))).toEqual([
      null,
      null,
      0.05,
      null,
      null,
      0.125,
    ]);
    expect(selectRows(builder.build(), Int32Array.from([5, 0])).confidence).toEqual(Float64Array.from([0.125, NaN]));
  });

  it("selecting all rows reproduces the table; bad selections are range errors", () => {
    expect(selectRows(table, new Uint8Array(4).fill(1))).toEqual(table);
    expect(() => selectRows(table, new Uint8Array(3))).toThrow(RangeError);
    expect(() => selectRows(table, Int32Array.from([4]))).toThrow(/outside 0\.\.3/);
  });
});
