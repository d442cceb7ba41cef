import { describeWithSharedData } from "@judgelab/test-shared-data";
import { describe, expect, it } from "vitest";
import { parseCsv, readSharedText } from "../test-support/shared-datasets.js";
import { cohenKappa } from "./cohen-kappa.js";
import { fleissKappa, type RatingCounts } from "./fleiss-kappa.js";
import { krippendorffAlpha } from "./krippendorff-alpha.js";

/** Encodes rater columns of a CSV as per-unit category counts (empty cells are missing ratings). */
function countsFromColumns(rows: Record<string, string>[], columns: string[]): RatingCounts & { labels: string[] } {
  const labels = [...new Set(rows.flatMap((row) => columns.map((column) => row[column]!)).filter((v) => v !== ""))];
  labels.sort();
  const counts = new Float64Array(rows.length * labels.length);
  rows.forEach((row, unit) => {
    for (const column of columns) {
      const value = row[column]!;
      if (value !== "") counts[unit * labels.length + labels.indexOf(value)]!++;
    }
  });
  return { units: rows.length, categories: labels.length, counts, labels };
}

describeWithSharedData(
  ["datasets/agreement_classics", "datasets/pandalm"],
  "agreement classics (shared/datasets/agreement_classics)",
  () => {
    it("Fleiss κ on irr `diagnoses` is 0.4302 (irr kappam.fleiss help page)", () => {
      const rows = parseCsv(readSharedText("agreement_classics/irr/diagnoses.csv"));
      const data = countsFromColumns(rows, ["rater1", "rater2", "rater3", "rater4", "rater5", "rater6"]);
      expect(data.units).toBe(30);
      expect(fleissKappa(data).kappa).toBeCloseTo(0.4302, 4);
    });

    it("irrCAC cac.raw4raters: Fleiss κ 0.76117, percent agreement 0.8181818, Krippendorff α nominal 0.74342", () => {
      // Values from irrCAC's overview vignette (agreement_classics/irrCAC/vignette_overview_rendered_outputs.txt).
      const rows = parseCsv(readSharedText("agreement_classics/irrCAC/cac.raw4raters.csv"));
      const data = countsFromColumns(rows, ["Rater1", "Rater2", "Rater3", "Rater4"]);
      const fleiss = fleissKappa(data);
      expect(fleiss.kappa).toBeCloseTo(0.76117, 5);
      expect(fleiss.percentAgreement).toBeCloseTo(0.8181818, 6);
      expect(krippendorffAlpha(data, "nominal").alpha).toBeCloseTo(0.74342, 5);
      // Krippendorff (2011), "Computing Krippendorff's alpha-reliability", same data: interval α = 0.849;
      // ordinal α = 0.815 as reported for this example by the `krippendorff` Python package.
      expect(krippendorffAlpha(data, "interval", data.labels.map(Number)).alpha).toBeCloseTo(0.849, 3);
      expect(krippendorffAlpha(data, "ordinal").alpha).toBeCloseTo(0.815, 3);
    });

    it("irrCAC cont3x3abstractors: Cohen κ 0.7964094, α 0.7972585, quadratic-weighted α 0.8926487", () => {
      // irrCAC vignettes (overview and weighting, rendered outputs) for kappa2.table / krippen2.table.
      const table = [13, 0, 0, 0, 20, 7, 0, 4, 56];
      const a: number[] = [];
      const b: number[] = [];
      table.forEach((count, cell) => {
        for (let copy = 0; copy < count; copy++) {
          a.push(Math.floor(cell / 3));
          b.push(cell % 3);
        }
      });
      expect(cohenKappa(a, b, 3).value).toBeCloseTo(0.7964094, 6);
      const counts = new Float64Array(a.length * 3);
      a.forEach((label, unit) => {
        counts[unit * 3 + label]!++;
        counts[unit * 3 + b[unit]!]!++;
      });
      const data = { units: a.length, categories: 3, counts };
      expect(krippendorffAlpha(data, "nominal").alpha).toBeCloseTo(0.7972585, 6);
      expect(krippendorffAlpha(data, "interval").alpha).toBeCloseTo(0.8926487, 6);
    });

    it("PandaLM annotator Cohen κ 0.85 / 0.88 / 0.86 and majority counts 105 / 422 / 472 (PandaLM README)", () => {
      const records = JSON.parse(readSharedText("pandalm/testset-v1.json")) as Record<string, unknown>[];
      const labels = [1, 2, 3].map((a) => Int32Array.from(records, (record) => Number(record[`annotator${a}`])));
      const [one, two, three] = labels as [Int32Array, Int32Array, Int32Array];
      expect(cohenKappa(one, two, 3).value).toBeCloseTo(0.85, 2);
      expect(cohenKappa(one, three, 3).value).toBeCloseTo(0.88, 2);
      expect(cohenKappa(two, three, 3).value).toBeCloseTo(0.86, 2);
      const majority = [0, 0, 0];
      for (let index = 0; index < records.length; index++) {
        const votes = [one[index]!, two[index]!, three[index]!];
        const winner = [0, 1, 2].find((label) => votes.filter((vote) => vote === label).length >= 2);
        if (winner !== undefined) majority[winner]!++;
      }
      expect(majority).toEqual([105, 422, 472]);
    });
  },
);

describe("unit weights (merged identical units)", () => {
  it("give the same Fleiss κ and Krippendorff α as the units written out one by one", () => {
    // Four distinct 3-category count vectors with multiplicities 3, 1, 2, 4 (one of them a single rating).
    const rows = [
      [2, 0, 1],
      [0, 3, 0],
      [1, 1, 1],
      [0, 0, 1],
    ];
    const multiplicity = [3, 1, 2, 4];
    const merged: RatingCounts = {
      units: rows.length,
      categories: 3,
      counts: rows.flat(),
      weights: multiplicity,
    };
    const expanded: RatingCounts = {
      units: 10,
      categories: 3,
      counts: rows.flatMap((row, index) => Array.from({ length: multiplicity[index]! }, () => row).flat()),
    };
    expect(fleissKappa(merged).kappa).toBeCloseTo(fleissKappa(expanded).kappa, 12);
    expect(fleissKappa(merged).percentAgreement).toBeCloseTo(fleissKappa(expanded).percentAgreement, 12);
    expect(fleissKappa(merged).units).toBe(6);
    for (const level of ["nominal", "ordinal", "interval"] as const) {
      expect(krippendorffAlpha(merged, level).alpha).toBeCloseTo(krippendorffAlpha(expanded, level).alpha, 12);
    }
    expect(krippendorffAlpha(merged, "nominal").pairable).toBe(6);
  });
});
