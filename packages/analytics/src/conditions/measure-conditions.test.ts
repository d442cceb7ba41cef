import { describe, expect, it } from "vitest";
import { NO_LABEL } from "../agreement/gold-labels.js";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { measureConditions } from "./measure-conditions.js";

describe("measureConditions", () => {
  it("pairs judgments across conditions: flip rate and McNemar's exact test on hand-made data", () => {
    // Ten pairs (x_k, y_k), y_k better; judge j under template A is right on all ten, under B on 3.
    const rows: TableRow[] = [];
    for (let k = 0; k < 10; k++) {
      rows.push({ first: `x${k}`, second: `y${k}`, judge: "j", condition: "A", verdict: "second" });
      rows.push({ first: `x${k}`, second: `y${k}`, judge: "j", condition: "B", verdict: k < 3 ? "second" : "first" });
    }
    const table = buildTable(rows);
    const units = buildPairUnits(table);
    // Reference winner: the y item (code order: x_k is encoded before y_k, so y_k is the "high" item).
    const winner = new Uint8Array(units.count).fill(NO_LABEL);
    for (let u = 0; u < units.count; u++) winner[u] = table.itemIds[units.high[u]!]!.startsWith("y") ? 1 : 0;
    const result = measureConditions({
      table,
      units,
      field: "template",
      condition: table.condition,
      labels: table.conditionIds,
      winner,
    });
    expect(result.perCondition.map((row) => row.accuracy.available && row.accuracy.rate.count)).toEqual([10, 3]);
    const pair = result.pairs[0]!;
    expect(pair.flipRate).toMatchObject({ count: 7, n: 10 });
    // McNemar: 7 discordant pairs all favour A → two-sided exact p = 2 · 0.5⁷ = 0.015625.
    expect(pair.mcnemar.available && pair.mcnemar.pValue).toBeCloseTo(0.015625, 12);
    // Consensus = strict majority over both conditions: only the 3 pairs where A and B agree have one.
    expect(result.perCondition[0]!.agreementWithConsensus).toMatchObject({ count: 3, n: 3 });
  });
});
