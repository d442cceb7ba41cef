import { describe, expect, it } from "vitest";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { measureSelfPreference } from "./measure-self-preference.js";

const family: Record<string, string> = { g1: "gpt", g2: "gpt", g3: "gpt", c1: "claude", o1: "other", o2: "other" };

function measure(rows: TableRow[], judgeFamily: Record<string, string>) {
  const table = buildTable(rows);
  return measureSelfPreference({
    table,
    units: buildPairUnits(table),
    producerFamily: table.itemIds.map((id) => family[id.split("/")[0]!]),
    judgeFamily: table.judgeIds.map((id) => judgeFamily[id]),
    exclude: new Set(),
  });
}

describe("self-preference on the same answer pairs (paired)", () => {
  it("is not estimable when the judges never read the same pairs (AlpacaEval: GPT judges vs one baseline, Claude vs another)", () => {
    const rows: TableRow[] = [];
    for (let k = 0; k < 20; k++) {
      // the GPT judge: every model against the GPT baseline; the GPT answer wins most
      rows.push({ first: `g1/${k}`, second: `o1/${k}`, verdict: k % 5 === 0 ? "second" : "first", judge: "gpt-judge" });
      // the Claude judge: other answers against another baseline
      rows.push({ first: `g2/${k}`, second: `o2/${k}`, verdict: "second", judge: "claude-judge" });
    }
    const [gpt] = measure(rows, { "gpt-judge": "gpt", "claude-judge": "claude" });
    expect(gpt!.judge).toBe("gpt-judge");
    expect(gpt!.pairedUnits).toBe(0);
    expect(gpt!.difference.value).toBeNull();
    expect(gpt!.notEstimable).toContain("none of the 20 gpt-vs-other pairs");
  });

  it("is the mean paired difference on shared pairs, with a normal interval over pairs", () => {
    const rows: TableRow[] = [];
    for (let k = 0; k < 40; k++) {
      // gpt-judge picks the gpt answer on every pair; claude-judge on half of the same pairs
      rows.push({ first: `g1/${k}`, second: `o1/${k}`, verdict: "first", judge: "gpt-judge" });
      rows.push({
        first: `o1/${k}`,
        second: `g1/${k}`,
        verdict: k % 2 === 0 ? "second" : "first",
        judge: "claude-judge",
      });
    }
    const byJudge = new Map(
      measure(rows, { "gpt-judge": "gpt", "claude-judge": "claude" }).map((row) => [row.judge, row]),
    );
    const gpt = byJudge.get("gpt-judge")!;
    expect(gpt.pairedUnits).toBe(40);
    expect(gpt.ownFamilyWinRate.value).toBe(1);
    expect(gpt.otherJudgesWinRate.value).toBe(0.5);
    expect(gpt.difference.value).toBeCloseTo(0.5, 12);
    // d ∈ {0, 1} half each: sd = √(40/39)·0.5, half-width 1.96·sd/√40
    const half = 1.959963984540054 * Math.sqrt(10 / 39 / 40);
    expect(gpt.difference.ci!.lower).toBeCloseTo(0.5 - half, 10);
    // claude-judge has no claude answer to prefer: no row
    expect(byJudge.has("claude-judge")).toBe(false);
  });
});
