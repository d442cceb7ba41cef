import { describe, expect, it } from "vitest";
import { collectOrderPairs } from "../order-pairs.js";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { resolveGoldLabels } from "./gold-labels.js";
import { measureGoldAgreement } from "./measure-gold-agreement.js";
import { collectUnitVotes } from "./unit-votes.js";

describe("measureGoldAgreement (hand-made)", () => {
  it("splits accuracy by the gold winner's position and counts correct-in-both-orders", () => {
    // Gold judge says the "good" item wins. The judge always picks the first position.
    const rows: TableRow[] = [];
    for (const unit of ["u1", "u2", "u3"]) {
      rows.push({ first: `${unit}-good`, second: `${unit}-bad`, judge: "gold", verdict: "first", orderKnown: false });
      rows.push({ first: `${unit}-good`, second: `${unit}-bad`, judge: "llm", verdict: "first" });
      rows.push({ first: `${unit}-bad`, second: `${unit}-good`, judge: "llm", verdict: "first" });
    }
    rows.push({ first: "u1-good", second: "u1-bad", judge: "llm", verdict: "invalid", repetition: 1 });
    const table = buildTable(rows);
    const units = buildPairUnits(table);
    const votes = collectUnitVotes(table, units);
    const gold = resolveGoldLabels({
      table,
      units,
      votes,
      judges: { kind: table.judgeIds.map((id) => (id === "gold" ? "gold" : "llm")) },
    })!;
    expect(gold.source).toBe("gold-judges");
    const [row] = measureGoldAgreement({ table, units, orderPairs: collectOrderPairs(table, units), gold });
    expect(row!.judge).toBe("llm");
    expect(row!.accuracy).toMatchObject({ count: 3, n: 7 });
    expect(row!.accuracyBetterFirst).toMatchObject({ count: 3, n: 4 });
    expect(row!.accuracyBetterSecond).toMatchObject({ count: 0, n: 3 });
    expect(row!.accuracyAveraged.value).toBeCloseTo(0.375, 12);
    expect(row!.correctBothOrders.available && row!.correctBothOrders.rate).toMatchObject({ count: 0, n: 3 });
  });
});

describe("resolveGoldLabels from per-pair references", () => {
  it("maps labels onto units in either item order and counts references that match no judged pair", () => {
    const table = buildTable([
      { first: "x", second: "y", judge: "llm", verdict: "first" },
      { first: "z", second: "x", judge: "llm", verdict: "second" },
    ]);
    const units = buildPairUnits(table);
    const code = (id: string) => table.itemIds.indexOf(id);
    const gold = resolveGoldLabels({
      table,
      units,
      votes: collectUnitVotes(table, units),
      references: {
        name: "gold",
        pairs: {
          // y beats x (given as a = y, b = x); z beats x; x vs y again under a prompt no comparison has.
          a: Int32Array.from([code("y"), code("x"), code("x")]),
          b: Int32Array.from([code("x"), code("z"), code("y")]),
          winner: Uint8Array.from([0, 1, 0]),
          prompt: Int32Array.from([-1, -1, 7]),
        },
      },
    })!;
    expect(gold.source).toBe("references:gold");
    expect([gold.labelled, gold.unmatched]).toEqual([2, 1]);
    const [row] = measureGoldAgreement({ table, units, orderPairs: collectOrderPairs(table, units), gold });
    // The llm picked x over y (wrong) and x over z (wrong: z won per the reference).
    expect(row!.accuracy).toMatchObject({ count: 0, n: 2 });
  });
});
