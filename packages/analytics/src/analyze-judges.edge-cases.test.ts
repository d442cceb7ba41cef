import { describe, expect, it } from "vitest";
import { analyzeJudges } from "./analyze-judges.js";
import type { MetricsDocument } from "./metrics-document.js";
import { buildTable, type TableRow } from "./test-support/build-table.js";
import { simulateJudges } from "./test-support/simulate-judges.js";

/** Paths of every number in the document that is not finite (the schema promises null instead). */
function nonFiniteNumbers(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((entry, index) => nonFiniteNumbers(entry, `${path}[${index}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, entry]) => nonFiniteNumbers(entry, `${path}.${key}`));
  }
  return [];
}

function analyze(rows: TableRow[]): MetricsDocument {
  return analyzeJudges({ table: buildTable(rows), options: { seed: 1, bootstrapRounds: 20 } });
}

describe("analyzeJudges on thin or odd input", () => {
  it("an empty table: every section present, nothing but finite numbers, reasons instead of zeros", () => {
    const document = analyze([]);
    expect(document.dataset.comparisons).toBe(0);
    expect(document.positionBias).toEqual({ available: false, reason: "no comparison records its presentation order" });
    expect(document.stability.available).toBe(false);
    expect(document.agreement.available && document.agreement.panel.available).toBe(false);
    expect(nonFiniteNumbers(document)).toEqual([]);
  });

  it("unknown presentation order, ties only, a single judge: no NaN or Infinity anywhere", () => {
    const rows: TableRow[] = [];
    for (let index = 0; index < 12; index++) {
      rows.push({ first: `a${index % 4}`, second: `b${index % 3}`, judge: "solo", verdict: "tie", orderKnown: false });
    }
    const document = analyze(rows);
    expect(document.positionBias.available).toBe(false);
    expect(nonFiniteNumbers(document)).toEqual([]);
  });

  it("a simulated tournament with every section computed stays finite and JSON round-trips", () => {
    const simulation = simulateJudges({
      seed: 3,
      items: 20,
      pairs: 120,
      bothOrders: true,
      repetitions: 2,
      families: ["gpt", "claude"],
      judges: [
        { id: "a", family: "gpt", positionBias: 0.4 },
        { id: "b", family: "claude" },
      ],
    });
    const document = analyzeJudges({
      table: simulation.table,
      items: simulation.items,
      judges: simulation.judges,
      references: { name: "quality", itemScore: simulation.quality },
      options: {
        seed: 1,
        bootstrapRounds: 30,
        condition: { field: "repetition", codes: simulation.table.repetition, labels: ["0", "1"] },
      },
    });
    expect(document.stability.available).toBe(true);
    expect(nonFiniteNumbers(document)).toEqual([]);
    expect(JSON.parse(JSON.stringify(document)).schemaVersion).toBe(1);
    expect(document.conditions.available).toBe(true);
    const rows = document.positionBias.available ? document.positionBias.perJudge : [];
    expect(rows[0]!.shi.available && rows[0]!.shi.repetitionStability.available).toBe(true);
  });
});
