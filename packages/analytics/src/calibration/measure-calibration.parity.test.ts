import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GoldLabels } from "../agreement/gold-labels.js";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { computeCalibrationFigures } from "./compute-calibration-figures.js";
import { measureCalibration } from "./measure-calibration.js";

/** scripts/reference/calibration_reference.py: numpy bins, ECE and Brier (checked there against scikit-learn). */
interface ReferenceCase {
  readonly name: string;
  readonly confidence: number[];
  readonly correct: number[];
  readonly unit: number[];
  readonly binCount: number[];
  readonly binConfidenceSum: number[];
  readonly binCorrectSum: number[];
  readonly ece: number;
  readonly brier: number;
  readonly bootstrap?: { readonly ece: [number, number]; readonly brier: [number, number] };
}
const reference = JSON.parse(
  readFileSync(new URL("../../fixtures/calibration-reference.json", import.meta.url), "utf8"),
) as { readonly cases: readonly ReferenceCase[] };

/** A table where unit u is the pair (a u, b u), gold says a wins, and a verdict is right when it names a. */
function tableOf(reference: ReferenceCase) {
  const rows: TableRow[] = reference.confidence.map((confidence, index) => {
    const unit = reference.unit[index]!;
    return {
      first: `a${unit}`,
      second: `b${unit}`,
      verdict: reference.correct[index] === 1 ? "first" : "second",
      judge: "judge",
      confidence,
    };
  });
  const itemIds = [...new Set(reference.unit)].flatMap((unit) => [`a${unit}`, `b${unit}`]);
  const table = buildTable(rows, { itemIds });
  const units = buildPairUnits(table);
  const gold: GoldLabels = {
    source: "reference",
    label: new Uint8Array(units.count),
    labelJudges: new Set(),
    labelled: units.count,
    unmatched: 0,
  };
  return { table, units, gold };
}

describe("calibration figures against the numpy / scikit-learn reference", () => {
  it.each(reference.cases)("$name: bins, ECE and Brier to 1e-12", (expected) => {
    const figures = computeCalibrationFigures({ confidence: expected.confidence, correct: expected.correct, bins: 10 });
    expect([...figures.binCount]).toEqual(expected.binCount);
    figures.binConfidence.forEach((sum, bin) => {
      expect(sum).toBeCloseTo(expected.binConfidenceSum[bin]!, 12);
    });
    expect([...figures.binCorrect]).toEqual(expected.binCorrectSum);
    expect(figures.ece).toBeCloseTo(expected.ece, 12);
    expect(figures.brier).toBeCloseTo(expected.brier, 12);
  });

  it.each(reference.cases.filter((item) => item.bootstrap !== undefined))(
    "$name: cluster-bootstrap interval over pair units within Monte Carlo error of the reference's",
    (expected) => {
      const section = measureCalibration({ ...tableOf(expected), seed: 3, bootstrapRounds: 4000 });
      const row = section.perJudge[0]!;
      expect(row.verdicts).toBe(expected.confidence.length);
      expect(row.units).toBe(new Set(expected.unit).size);
      expect(row.ece.value).toBeCloseTo(expected.ece, 12);
      expect(row.brier.value).toBeCloseTo(expected.brier, 12);
      // Percentiles of 4,000 rounds vs 20,000 on another random stream: a few thousandths apart.
      expect(row.ece.ci?.lower).toBeCloseTo(expected.bootstrap!.ece[0], 2);
      expect(row.ece.ci?.upper).toBeCloseTo(expected.bootstrap!.ece[1], 2);
      expect(row.brier.ci?.lower).toBeCloseTo(expected.bootstrap!.brier[0], 2);
      expect(row.brier.ci?.upper).toBeCloseTo(expected.bootstrap!.brier[1], 2);
    },
  );

  it("the bins report n, mean confidence and accuracy, null when empty", () => {
    const section = measureCalibration({ ...tableOf(reference.cases[0]!), seed: 1, bootstrapRounds: 10 });
    const bins = section.perJudge[0]!.bins;
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ lower: 0, upper: 0.1, value: { n: 2, meanConfidence: 0.0999999 / 2, accuracy: 0 } });
    expect(bins[4]?.value).toEqual({ n: 0, meanConfidence: null, accuracy: null });
  });
});
