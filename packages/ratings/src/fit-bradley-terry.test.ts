import { describeWithSharedData } from "@judgelab/test-shared-data";
import { describe, expect, it } from "vitest";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import { aggregatePairCells } from "./pair-cells.js";
import { bradleyTerry2File, outcomesFromCounts, readRCsv } from "./test-support/shared-datasets.js";

/** The natural-log (logit) scale of BradleyTerry2: rating = θ, anchor item 0. */
const logitScale = { points: Math.log(10), base: 10, initial: 0 };

function citations() {
  return outcomesFromCounts(
    readRCsv(bradleyTerry2File("citations_binomial.csv")).map((row) => ({
      first: row.journal1 as string,
      second: row.journal2 as string,
      firstWins: Number(row.win1),
      secondWins: Number(row.win2),
    })),
  );
}

function baseball() {
  return outcomesFromCounts(
    readRCsv(bradleyTerry2File("baseball.csv")).map((row) => ({
      first: row["home.team"] as string,
      second: row["away.team"] as string,
      firstWins: Number(row["home.wins"]),
      secondWins: Number(row["away.wins"]),
    })),
  );
}

const byId = (fit: { itemIds: readonly string[]; logStrengths: Float64Array }, id: string) =>
  fit.logStrengths[fit.itemIds.indexOf(id)]!;
const seById = (fit: { itemIds: readonly string[]; logStrengthStandardErrors: Float64Array }, id: string) =>
  fit.logStrengthStandardErrors[fit.itemIds.indexOf(id)]!;

describeWithSharedData(
  "datasets/bradleyterry2",
  "fitBradleyTerry parity with BradleyTerry2 (R 4.2.2, BradleyTerry2 1.1.2)",
  () => {
    // Source: shared/datasets/bradleyterry2/reference_fits_Rrun.txt, BTm(cbind(win1, win2), journal1, journal2)
    // and the package vignette (Firth & Turner), Biometrika = 0.
    it("reproduces the citations abilities, standard errors and deviance", () => {
      const cells = aggregatePairCells(citations(), { keepOrder: true });
      const fit = fitBradleyTerry(cells, { anchor: { item: "Biometrika", value: 0 }, scale: logitScale });
      expect(fit.converged).toBe(true);
      expect(byId(fit, "Comm Statist")).toBeCloseTo(-2.9490725, 6);
      expect(byId(fit, "JASA")).toBeCloseTo(-0.4795698, 6);
      expect(byId(fit, "JRSS-B")).toBeCloseTo(0.2689541, 6);
      expect(seById(fit, "Comm Statist")).toBeCloseTo(0.10254534, 6);
      expect(seById(fit, "JASA")).toBeCloseTo(0.06058873, 6);
      expect(seById(fit, "JRSS-B")).toBeCloseTo(0.07082997, 6);
      expect(seById(fit, "Biometrika")).toBe(0);
      expect(fit.deviance).toBeCloseTo(4.2934, 4);
      expect(fit.degreesOfFreedom).toBe(3);
    });

    // reference_fits_Rrun.txt: BTm(cbind(home.wins, away.wins), home.team, away.team, id = "team"), Baltimore = 0.
    it("reproduces baseball without an order term (deviance 44.053 on 36 df)", () => {
      const cells = aggregatePairCells(baseball(), { keepOrder: true });
      const fit = fitBradleyTerry(cells, { anchor: { item: "Baltimore", value: 0 }, scale: logitScale });
      const expected: [string, number, number][] = [
        ["Boston", 1.1077, 0.3339],
        ["Cleveland", 0.6839, 0.3319],
        ["Detroit", 1.4364, 0.3396],
        ["Milwaukee", 1.5814, 0.3433],
        ["New York", 1.2476, 0.3359],
        ["Toronto", 1.2945, 0.3367],
      ];
      for (const [team, estimate, standardError] of expected) {
        expect(byId(fit, team)).toBeCloseTo(estimate, 4);
        expect(seById(fit, team)).toBeCloseTo(standardError, 4);
      }
      expect(fit.deviance).toBeCloseTo(44.053, 3);
      expect(fit.degreesOfFreedom).toBe(36);
      expect(fit.orderEffect).toBeUndefined();
    });

    // reference_fits_Rrun.txt: formula = ~ team + at.home (home advantage = our order effect δ, home shown first).
    it("reproduces baseball with the order (home-advantage) term", () => {
      const fit = fitBradleyTerry(baseball(), {
        orderEffect: true,
        anchor: { item: "Baltimore", value: 0 },
        scale: logitScale,
      });
      const expected: [string, number, number][] = [
        ["Boston", 1.1438027, 0.3378422],
        ["Cleveland", 0.7046945, 0.3350014],
        ["Detroit", 1.4753572, 0.3445518],
        ["Milwaukee", 1.619555, 0.3473653],
        ["New York", 1.2813404, 0.3404034],
        ["Toronto", 1.3271104, 0.3403222],
      ];
      for (const [team, estimate, standardError] of expected) {
        expect(byId(fit, team)).toBeCloseTo(estimate, 6);
        expect(seById(fit, team)).toBeCloseTo(standardError, 6);
      }
      expect(fit.orderEffect?.value).toBeCloseTo(0.3023, 4);
      expect(fit.orderEffect?.standardError).toBeCloseTo(0.1309, 4);
      expect(fit.deviance).toBeCloseTo(38.643, 3);
      expect(fit.degreesOfFreedom).toBe(35);
    });
  },
);

describe("fitBradleyTerry invariants", () => {
  const outcomes = {
    size: 6,
    itemIds: ["a", "b", "c"],
    first: Int32Array.from([0, 0, 1, 1, 2, 2]),
    second: Int32Array.from([1, 2, 2, 0, 0, 1]),
    verdict: Uint8Array.from([0, 0, 0, 1, 1, 0]),
  };

  it("puts the mean rating at 1000 on the Arena scale without an anchor", () => {
    const fit = fitBradleyTerry({ ...outcomes, verdict: Uint8Array.from([0, 1, 0, 1, 0, 1]) });
    const mean = fit.ratings.reduce((sum, value) => sum + value, 0) / 3;
    expect(mean).toBeCloseTo(1000, 9);
  });

  it("shifts every rating by the same amount when re-anchored", () => {
    const data = { ...outcomes, verdict: Uint8Array.from([0, 1, 0, 1, 0, 1]) };
    const centred = fitBradleyTerry(data);
    const anchored = fitBradleyTerry(data, { anchor: { item: "b", value: 1200 } });
    const shift = anchored.ratings[1]! - centred.ratings[1]!;
    for (let i = 0; i < 3; i++) expect(anchored.ratings[i]! - centred.ratings[i]!).toBeCloseTo(shift, 8);
    expect(anchored.ratings[1]).toBeCloseTo(1200, 9);
  });

  it("flags non-convergence when an item never loses (no finite MLE) and converges with a prior", () => {
    const unbeaten = fitBradleyTerry(outcomes, { maxIterations: 50 });
    expect(unbeaten.converged).toBe(false);
    const regularised = fitBradleyTerry(outcomes, { prior: 0.1 });
    expect(regularised.converged).toBe(true);
    expect(Number.isFinite(regularised.ratings[0])).toBe(true);
  });

  it("rejects an anchor without comparisons and Davidson ties without ties", () => {
    expect(() => fitBradleyTerry(outcomes, { anchor: { item: "zzz", value: 0 }, prior: 1 })).toThrow(
      /anchor item "zzz"/,
    );
    expect(() => fitBradleyTerry(outcomes, { ties: "davidson" })).toThrow(/Davidson ties need at least one tie/);
  });
});
