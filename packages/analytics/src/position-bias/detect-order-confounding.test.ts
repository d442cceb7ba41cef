import { createRandomSource } from "@judgelab/ratings";
import { describe, expect, it } from "vitest";
import { analyzeJudges } from "../analyze-judges.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { CONFOUNDED_LABEL, detectOrderConfounding } from "./detect-order-confounding.js";

/**
 * vicuna-reviews' shape: on each question, answers of other models (shown first) against the Vicuna answer (always
 * shown second). The judge has no position bias at all; Vicuna is simply better (wins 70%).
 */
function fixedOrder(questions: number, shuffle: boolean) {
  const random = createRandomSource(3);
  const rows: TableRow[] = [];
  const producer = new Map<string, string>();
  for (let question = 0; question < questions; question++) {
    for (const model of ["llama", "alpaca", "bard"]) {
      const other = `${question}/${model}`;
      const vicuna = `${question}/vicuna`;
      producer.set(other, model);
      producer.set(vicuna, "vicuna");
      const vicunaWins = random.next() < 0.7;
      const vicunaFirst = shuffle && random.next() < 0.5;
      rows.push({
        first: vicunaFirst ? vicuna : other,
        second: vicunaFirst ? other : vicuna,
        verdict: vicunaWins === vicunaFirst ? "first" : "second",
        judge: "gpt-4",
      });
    }
  }
  const table = buildTable(rows);
  return { table, producer: table.itemIds.map((id) => producer.get(id)) };
}

describe("order confounded with producer or item (vicuna-reviews shape)", () => {
  it("flags a producer always shown in one position and names it", () => {
    const { table, producer } = fixedOrder(40, false);
    const design = detectOrderConfounding({ table, judge: 0, producer });
    expect(design.confounded).toBe(true);
    expect(design.with).toBe("producer");
    expect(design.detail).toContain("vicuna always shown second (120 comparisons)");
    expect(design.fixedShare.value).toBe(1);
  });

  it("does not flag the same design with the order shuffled", () => {
    const { table, producer } = fixedOrder(40, true);
    expect(detectOrderConfounding({ table, judge: 0, producer }).confounded).toBe(false);
  });

  it("flags fixed positions per item when items name no producer, but not items shown once", () => {
    const { table } = fixedOrder(40, false);
    const design = detectOrderConfounding({ table, judge: 0 });
    expect([design.confounded, design.with]).toEqual([true, "item"]);
    const once = buildTable([
      { first: "a", second: "b", verdict: "first", judge: "j" },
      { first: "c", second: "d", verdict: "second", judge: "j" },
    ]);
    expect(detectOrderConfounding({ table: once, judge: 0 }).confounded).toBe(false);
  });

  it("reports no p-value and no order effect for a confounded judge: the 30% first-win rate is not position bias", () => {
    const { table, producer } = fixedOrder(60, false);
    const metrics = analyzeJudges({ table, items: { producer }, options: { seed: 1, bootstrapRounds: 20 } });
    if (!metrics.positionBias.available) throw new Error(metrics.positionBias.reason);
    const row = metrics.positionBias.perJudge[0]!;
    expect(row.firstWinRate.value).toBeLessThan(0.4);
    expect(row.binomialPValue).toBeNull();
    expect(row.orderDesign?.confounded).toBe(true);
    expect(row.orderEffect.available).toBe(false);
    if (!row.orderEffect.available) expect(row.orderEffect.reason).toContain(CONFOUNDED_LABEL);
  });
});
