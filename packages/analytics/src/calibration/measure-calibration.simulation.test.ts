import { readFileSync } from "node:fs";
import { createRandomSource } from "@judgelab/ratings";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { analyzeJudges } from "../analyze-judges.js";
import type { CalibrationRow } from "../calibration/measure-calibration.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Items with latent qualities; each pair is judged once (random order) by a gold labeller and by judges that
 * share its Bradley–Terry model P(i beats j) = σ(q_i − q_j) but state the confidence σ(±(q_i − q_j)/T) for the
 * verdict they drew: T = 1 is calibrated by construction, T = 0.4 overconfident, T = 2.5 underconfident.
 */
function simulate(): TableRow[] {
  const source = createRandomSource(11);
  const random = () => source.next();
  const quality = Array.from({ length: 45 }, () => 3 * (random() - 0.5));
  const rows: TableRow[] = [];
  const judges: Array<[string, number]> = [
    ["calibrated", 1],
    ["overconfident", 0.4],
    ["underconfident", 2.5],
  ];
  for (let i = 0; i < quality.length; i++) {
    for (let j = i + 1; j < quality.length; j++) {
      const eta = quality[i]! - quality[j]!;
      rows.push({
        first: `i${i}`,
        second: `i${j}`,
        verdict: random() < sigmoid(eta) ? "first" : "second",
        judge: "gold",
      });
      for (const [judge, temperature] of judges) {
        const swap = random() < 0.5;
        const shownEta = swap ? -eta : eta;
        const firstWins = random() < sigmoid(shownEta);
        rows.push({
          first: swap ? `i${j}` : `i${i}`,
          second: swap ? `i${i}` : `i${j}`,
          verdict: firstWins ? "first" : "second",
          judge,
          confidence: sigmoid((firstWins ? shownEta : -shownEta) / temperature),
        });
      }
    }
  }
  return rows;
}

describe("calibration on simulated judges with known calibration", () => {
  const table = buildTable(simulate(), { judgeIds: ["gold", "calibrated", "overconfident", "underconfident"] });
  const metrics = analyzeJudges({
    table,
    judges: { kind: ["gold", "llm", "llm", "llm"] },
    options: { seed: 5, bootstrapRounds: 400 },
  });
  const section = metrics.calibration;
  const row = (judge: string): CalibrationRow => {
    if (section?.available !== true) throw new Error(`calibration unavailable: ${JSON.stringify(section)}`);
    return section.perJudge.find((candidate) => candidate.judge === judge)!;
  };

  it("checks the judges (not the gold labeller) against the gold judge's labels", () => {
    expect(section).toMatchObject({ available: true, against: "gold-judges", unlabelled: 0 });
    if (section?.available !== true) return;
    expect(section.perJudge.map((candidate) => candidate.judge)).toEqual([
      "calibrated",
      "overconfident",
      "underconfident",
    ]);
    expect(row("calibrated").verdicts).toBe((45 * 44) / 2);
  });

  it("the document with its calibration section is valid under the committed metrics JSON Schema", () => {
    const schema = JSON.parse(
      readFileSync(new URL("../../json-schema/metrics-document.schema.json", import.meta.url), "utf8"),
    );
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    const valid = validate(JSON.parse(JSON.stringify(metrics)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("a calibrated judge: mean confidence − accuracy has 0 in its interval and ECE is small", () => {
    const calibrated = row("calibrated");
    const gap = calibrated.overconfidence.ci!;
    expect(gap.lower).toBeLessThan(0);
    expect(gap.upper).toBeGreaterThan(0);
    // ECE is ≥ 0 and biased upwards by binning noise: ≈ 0 means within a few hundredths at this N.
    expect(calibrated.ece.value).toBeLessThan(0.05);
  });

  it("an overconfident judge is detected: positive gap, ECE interval above the calibrated judge's", () => {
    const calibrated = row("calibrated");
    const overconfident = row("overconfident");
    expect(overconfident.overconfidence.ci!.lower).toBeGreaterThan(0);
    expect(overconfident.ece.ci!.lower).toBeGreaterThan(calibrated.ece.ci!.upper);
    expect(overconfident.brier.value!).toBeGreaterThan(calibrated.brier.value!);
    // Its confident bins are right less often than they claim.
    const top = overconfident.bins[9]!.value;
    expect(top.accuracy!).toBeLessThan(top.meanConfidence! - 0.05);
  });

  it("an underconfident judge has a negative gap", () => {
    expect(row("underconfident").overconfidence.ci!.upper).toBeLessThan(0);
  });

  it("documents without confidences have no calibration section; confidences without gold are unavailable", () => {
    const plain = buildTable([{ first: "a", second: "b", verdict: "first", judge: "j" }]);
    expect(analyzeJudges({ table: plain, options: { seed: 1, bootstrapRounds: 5 } })).not.toHaveProperty("calibration");
    const noGold = buildTable([{ first: "a", second: "b", verdict: "first", judge: "j", confidence: 0.7 }]);
    expect(analyzeJudges({ table: noGold, options: { seed: 1, bootstrapRounds: 5 } }).calibration).toMatchObject({
      available: false,
    });
  });
});
