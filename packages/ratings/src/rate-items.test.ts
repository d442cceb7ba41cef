import { describe, expect, it } from "vitest";
import { DEFAULT_PRIOR } from "./default-prior.js";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import { createRandomSource } from "./random-source.js";
import { rateItems } from "./rate-items.js";
import type { RatingMethod } from "./rating-report.js";
import { simulateOutcomes } from "./test-support/simulate-outcomes.js";

const strengths = [-1, -0.4, 0, 0.5, 1.1];
const simulated = simulateOutcomes({
  random: createRandomSource(3),
  strengths,
  comparisons: 400,
  tieBand: 0.1,
  orderEffect: 0.3,
});
const outcomes = {
  ...simulated,
  judge: Int32Array.from({ length: simulated.size }, (_, row) => row % 2),
  judgeIds: ["j1", "j2"],
  time: Float64Array.from({ length: simulated.size }, (_, row) => row),
};

describe("rateItems", () => {
  it.each<RatingMethod>(["bt", "elo", "trueskill", "glicko2", "openskill", "winrate"])(
    "%s: documented shape, JSON-safe, best item first, seed and rounds recorded",
    (method) => {
      const report = rateItems(outcomes, { method, bootstrapRounds: 30, seed: 5 });
      expect(report.method).toBe(method);
      expect(report.seed).toBe(5);
      expect(report.bootstrapRounds).toBe(30);
      expect(report.items.map((item) => item.id)[0]).toBe("item4");
      expect(report.items[0]?.rank).toBe(1);
      const json = JSON.parse(JSON.stringify(report));
      expect(json.items).toHaveLength(5);
      for (const item of report.items) {
        for (const key of [
          "id",
          "rating",
          "ciLower",
          "ciUpper",
          "rank",
          "rankLower",
          "rankUpper",
          "wins",
          "losses",
          "ties",
          "comparisons",
          "winRate",
          "winRateLower",
          "winRateUpper",
        ]) {
          expect(item).toHaveProperty(key);
        }
        expect(item.ciLower as number).toBeLessThanOrEqual(item.ciUpper as number);
        expect(item.wins + item.losses + item.ties).toBe(item.comparisons);
      }
      expect(JSON.stringify(report)).not.toContain("NaN");
    },
  );

  it("bt: rating equals the fitted Bradley–Terry rating and reports the order effect with an interval", () => {
    const report = rateItems(outcomes, { method: "bt", orderEffect: true, bootstrapRounds: 50, seed: 1 });
    const fit = fitBradleyTerry(outcomes, { orderEffect: true });
    const item = report.items.find((entry) => entry.id === "item2");
    expect(item?.rating).toBeCloseTo(fit.ratings[2]!, 9);
    expect(report.orderEffect?.value).toBeCloseTo(fit.orderEffect?.value as number, 9);
    expect(report.orderEffect?.ciLower).toBeLessThan(report.orderEffect?.value as number);
  });

  it("bt without bootstrap gives Wald intervals and no rank intervals", () => {
    const report = rateItems(outcomes, { method: "bt", bootstrapRounds: 0, ties: "davidson" });
    const item = report.items[0];
    expect(item?.rankLower).toBeNull();
    expect((item?.ciUpper as number) - (item?.rating as number)).toBeCloseTo(
      1.959963984540054 * (item?.standardError as number),
      9,
    );
    expect(report.tieParameter?.value).toBeGreaterThan(0);
  });

  it("bt judge-aware reports per-judge discrimination", () => {
    const report = rateItems(outcomes, { method: "bt", judgeAware: true, bootstrapRounds: 10 });
    expect(report.judges?.map((judge) => judge.id)).toEqual(["j1", "j2"]);
    const meanGamma =
      ((report.judges?.[0]?.discrimination as number) + (report.judges?.[1]?.discrimination as number)) / 2;
    expect(meanGamma).toBeCloseTo(1, 9);
  });

  it("trueskill adds μ, σ, the seed display and the category rank", () => {
    const categories = ["x", "x", "y", "y", "x"];
    const report = rateItems(outcomes, { method: "trueskill", bootstrapRounds: 0, categories });
    const best = report.items[0];
    expect(best?.display).toMatch(/^\d+±\d+$/);
    expect(best?.categoryRank).toBe("#1 of 3");
    expect(report.parameters.drawProbability).toBeGreaterThan(0);
  });

  it("elo anchors the anchor item at its value", () => {
    const report = rateItems(outcomes, { method: "elo", bootstrapRounds: 20, anchor: { item: "item0", value: 1000 } });
    expect(report.items.find((item) => item.id === "item0")?.rating).toBeCloseTo(1000, 9);
  });

  it("match unit scores shared match codes once", () => {
    const matched = { ...outcomes, match: Int32Array.from({ length: outcomes.size }, (_, row) => row >> 1) };
    // Rows 2k and 2k+1 form a match only when they are the same pair; make them so.
    const first = Int32Array.from(matched.first);
    const second = Int32Array.from(matched.second);
    for (let row = 1; row < matched.size; row += 2) {
      first[row] = second[row - 1]!;
      second[row] = first[row - 1]!;
    }
    const report = rateItems({ ...matched, first, second }, { method: "winrate", unit: "match", bootstrapRounds: 0 });
    expect(report.unit).toBe("match");
    expect(report.comparisons + report.invalid).toBe(outcomes.size / 2);
  });

  it("handles no comparisons and a single tie without inventing ratings", () => {
    const empty = {
      size: 0,
      itemIds: ["a", "b"],
      first: new Int32Array(0),
      second: new Int32Array(0),
      verdict: new Uint8Array(0),
    };
    const bt = rateItems(empty, { method: "bt", bootstrapRounds: 5 });
    expect(bt.items.every((item) => item.rating === null && item.rank === null)).toBe(true);
    const winRate = rateItems(empty, { method: "winrate", bootstrapRounds: 0 });
    expect(winRate.items.every((item) => item.ciLower === null && item.rankByInterval === null)).toBe(true);
    // One tie: the default draw probability (tie share) is capped at 0.99 so TrueSkill stays finite.
    const tie = {
      size: 1,
      itemIds: ["a", "b"],
      first: Int32Array.of(0),
      second: Int32Array.of(1),
      verdict: Uint8Array.of(2),
    };
    const trueSkill = rateItems(tie, { method: "trueskill", bootstrapRounds: 0 });
    expect(trueSkill.parameters.drawProbability).toBe(0.99);
    expect(trueSkill.items.every((item) => Number.isFinite(item.rating))).toBe(true);
  });

  it("uses the documented default prior when the MLE does not exist, and says so", () => {
    // a beat b, b beat c, a beat c: a never lost, c never won → no finite MLE.
    const separated = {
      size: 3,
      itemIds: ["a", "b", "c"],
      first: Int32Array.from([0, 1, 0]),
      second: Int32Array.from([1, 2, 2]),
      verdict: Uint8Array.from([0, 0, 0]),
    };
    const report = rateItems(separated, { method: "bt", bootstrapRounds: 0 });
    expect(report.prior).toEqual({
      value: DEFAULT_PRIOR,
      source: "default",
      reason: expect.stringMatching(/never lost/),
    });
    expect(report.converged).toBe(true);
    // Finite, ordered ratings within a few hundred Elo points (no ±12,000 drift).
    const rating = (id: string) => report.items.find((item) => item.id === id)?.rating as number;
    expect(rating("a")).toBeGreaterThan(rating("b"));
    expect(rating("b")).toBeGreaterThan(rating("c"));
    expect(Math.abs(rating("a") - rating("c"))).toBeLessThan(600);
    // The MLE exists: no prior; a given prior is reported as given; prior 0 refuses the default.
    expect(rateItems(outcomes, { method: "bt", bootstrapRounds: 0 }).prior).toEqual({ value: 0, source: "none" });
    expect(rateItems(separated, { method: "bt", bootstrapRounds: 0, prior: 0.1 }).prior).toEqual({
      value: 0.1,
      source: "given",
    });
    const refused = rateItems(separated, { method: "bt", bootstrapRounds: 0, prior: 0 });
    expect(refused.converged).toBe(false);
    expect(refused.warnings?.[0]).toMatch(/never lost/);
  });

  it("warns about disconnected groups of items, with or without a prior", () => {
    const twoGroups = {
      size: 6,
      itemIds: ["a", "b", "c", "d"],
      first: Int32Array.from([0, 1, 0, 2, 3, 2]),
      second: Int32Array.from([1, 0, 1, 3, 2, 3]),
      verdict: Uint8Array.from([0, 0, 1, 0, 0, 1]),
    };
    const plain = rateItems(twoGroups, { method: "bt", bootstrapRounds: 0, prior: 0 });
    expect(plain.converged).toBe(false);
    expect(plain.warnings?.[0]).toMatch(/2 groups of items never compared/);
    const withPrior = rateItems(twoGroups, { method: "bt", bootstrapRounds: 0, prior: 0.1 });
    expect(withPrior.converged).toBe(true);
    expect(withPrior.warnings?.[0]).toMatch(/only the prior links them/);
  });

  it("rejects options the method does not support", () => {
    expect(() => rateItems(outcomes, { method: "elo", ties: "davidson" })).toThrow(
      /ties applies to methods "bt" and "winrate" only/,
    );
    expect(() => rateItems(outcomes, { method: "winrate", ties: "davidson" })).toThrow(/use half or excluded/);
    expect(() => rateItems(outcomes, { method: "bt", ties: "excluded" })).toThrow(/use half or davidson/);
    expect(() => rateItems(outcomes, { method: "winrate", anchor: { item: "item0", value: 1 } })).toThrow(
      /anchor applies/,
    );
    expect(() => rateItems(outcomes, { method: "bt", judgeAware: true, ties: "davidson" })).toThrow(/judge-aware/);
  });
});
