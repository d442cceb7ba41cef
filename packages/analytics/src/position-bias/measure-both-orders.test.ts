import { describe, expect, it } from "vitest";
import { collectOrderPairs } from "../order-pairs.js";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { measureBothOrders } from "./measure-both-orders.js";

describe("both-order consistency per pair and per answer (Judging-the-Judges layout)", () => {
  // One judge, each question's two answers judged in both orders: q1 consistent (A wins both times), q2 primacy
  // (first shown wins both times), q3 consistent tie–tie, q4 one order unparsed.
  const rows: TableRow[] = [
    { first: "q1/a", second: "q1/b", verdict: "first", judge: "gpt-4", prompt: "q1" },
    { first: "q1/b", second: "q1/a", verdict: "second", judge: "gpt-4", prompt: "q1" },
    { first: "q2/a", second: "q2/b", verdict: "first", judge: "gpt-4", prompt: "q2" },
    { first: "q2/b", second: "q2/a", verdict: "first", judge: "gpt-4", prompt: "q2" },
    { first: "q3/a", second: "q3/b", verdict: "tie", judge: "gpt-4", prompt: "q3" },
    { first: "q3/b", second: "q3/a", verdict: "tie", judge: "gpt-4", prompt: "q3" },
    { first: "q4/a", second: "q4/b", verdict: "first", judge: "gpt-4", prompt: "q4" },
    { first: "q4/b", second: "q4/a", verdict: "invalid", judge: "gpt-4", prompt: "q4" },
  ];
  const table = buildTable(rows);
  const units = buildPairUnits(table);
  const [figures] = measureBothOrders(table, units, collectOrderPairs(table, units));

  it("counts pairs (2 of 3 parsed pairs) and, as the paper does, answers (2·2 + 1 of 2·3 + 1)", () => {
    const both = figures!.bothOrders;
    if (!both.available) throw new Error(both.reason);
    expect([both.consistency.count, both.consistency.n]).toEqual([2, 3]);
    expect(both.consistencyPerAnswer).toEqual({ consistent: 5, answers: 7 });
  });
});
