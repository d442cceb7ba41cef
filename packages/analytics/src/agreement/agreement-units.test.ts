import { describe, expect, it } from "vitest";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { cohenKappaFromMatrix } from "./cohen-kappa.js";
import { fleissKappa } from "./fleiss-kappa.js";
import { measureJudgeAgreement } from "./measure-judge-agreement.js";
import { collectUnitVotes } from "./unit-votes.js";

/**
 * LLMBar's layout: gold labels once per pair (order unknown), a judge in both orders. On 10 pairs the judge is
 * right in both orders on 7, order-inconsistent on 2 (right when the better is first), wrong in both on 1.
 */
function llmbarShape() {
  const rows: TableRow[] = [];
  for (let k = 0; k < 10; k++) {
    const a = `${k}/output_1`;
    const b = `${k}/output_2`;
    rows.push({ first: a, second: b, verdict: "first", judge: "gold", orderKnown: false });
    const right = k < 7 ? [true, true] : k < 9 ? [true, false] : [false, false];
    rows.push({ first: a, second: b, verdict: right[0] ? "first" : "second", judge: "gpt-4" });
    rows.push({ first: b, second: a, verdict: right[1] ? "second" : "first", judge: "gpt-4" });
  }
  return buildTable(rows);
}

describe("agreement in one unit per figure", () => {
  const table = llmbarShape();
  const agreement = measureJudgeAgreement({
    votes: collectUnitVotes(table, buildPairUnits(table)),
    judgeIds: table.judgeIds,
    seed: 1,
    bootstrapRounds: 50,
  });
  const pair = agreement.pairs[0]!;

  it("gives per-comparison agreement over vote pairs and per-pair agreement over modal verdicts separately", () => {
    // per comparison: 7·2 + 2·1 + 0 = 16 of 20 vote pairs agree with gold
    expect([pair.agreementWithTies.count, pair.agreementWithTies.n]).toEqual([16, 20]);
    // per pair: modal verdict right on 7, tie (order-inconsistent) on 2, wrong on 1 → 7 of 10
    expect([pair.pairAgreement.count, pair.pairAgreement.n, pair.units]).toEqual([7, 10, 10]);
  });

  it("computes Cohen's κ on the same pairs and verdicts as the per-pair agreement", () => {
    // rows gold (low wins = 0 for every pair), columns the judge's modal verdict (low 7, tie 2, high 1)
    const confusion = new Float64Array([7, 2, 1, 0, 0, 0, 0, 0, 0]);
    expect(pair.cohenKappa.value).toBeCloseTo(cohenKappaFromMatrix(confusion, 3), 12);
  });

  it("gives the panel's Fleiss κ per comparison (every vote) and per pair (each judge's modal verdict)", () => {
    if (!agreement.panel.available || agreement.panel.modal?.available !== true) throw new Error("no panel");
    // per pair: each unit has gold's label and the judge's modal label (ordinal low 0, tie 1, high 2)
    const counts = new Float64Array(30);
    for (let k = 0; k < 10; k++) {
      counts[k * 3]! += 1;
      counts[k * 3 + (k < 7 ? 0 : k < 9 ? 1 : 2)]! += 1;
    }
    expect(agreement.panel.modal.fleissKappa.value).toBeCloseTo(
      fleissKappa({ units: 10, categories: 3, counts }).kappa,
      12,
    );
    expect(agreement.panel.fleissKappa.value).not.toBeCloseTo(agreement.panel.modal.fleissKappa.value!, 3);
  });
});
