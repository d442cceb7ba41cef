import { describe, expect, it } from "vitest";
import { collectOrderPairs } from "../order-pairs.js";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { measurePreferenceFairness } from "./measure-preference-fairness.js";

describe("measurePreferenceFairness (Shi et al. units, hand-made)", () => {
  it("averages PF_raw / T over (judge, model, task) units", () => {
    // Reference model R against M1 and M2 on prompts p1, p2 (task "t"); each pair judged in both orders.
    const rows: TableRow[] = [];
    const both = (model: string, prompt: string, original: TableRow["verdict"], swapped: TableRow["verdict"]) => {
      rows.push({ first: `R/${prompt}`, second: `${model}/${prompt}`, judge: "j", prompt, verdict: original });
      rows.push({ first: `${model}/${prompt}`, second: `R/${prompt}`, judge: "j", prompt, verdict: swapped });
    };
    both("M1", "p1", "first", "first"); // AA: primacy
    both("M1", "p2", "first", "tie"); // AC: primacy
    both("M2", "p1", "second", "second"); // BB: recency
    both("M2", "p2", "first", "second"); // AB: consistent
    const table = buildTable(rows);
    const units = buildPairUnits(table);
    const producer = table.itemIds.map((id) => id.split("/")[0]);
    const category = table.itemIds.map(() => "t");
    const [pf] = measurePreferenceFairness({
      table,
      units,
      pairs: collectOrderPairs(table, units),
      producer,
      category,
    });
    // T = 4 pairs on task t / 2 models = 2. M1: primacy 2, pp = 1 → PF = −2/2 = −1. M2: recency 1, rp = 1 → 1/2.
    // The pair's "original" order is the one showing the lower item code first (R items are encoded first here).
    expect(pf!.value).toBeCloseTo((-1 + 0.5) / 2, 12);
    expect(pf!.n).toBe(4);
  });
});
