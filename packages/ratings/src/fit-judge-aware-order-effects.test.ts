import { describe, expect, it } from "vitest";
import { fitJudgeAwareBradleyTerry } from "./fit-judge-aware-bradley-terry.js";
import { createRandomSource } from "./random-source.js";
import { bradleyTerry2File, hasBradleyTerry2, outcomesFromCounts, readRCsv } from "./test-support/shared-datasets.js";

/** The natural-log (logit) scale of BradleyTerry2: rating = θ. */
const logitScale = { points: Math.log(10), base: 10, initial: 0 };

describe("judge-aware Bradley–Terry with a position effect δ_k per judge", () => {
  // One judge: γ = 1 and the model is BTm(..., formula = ~ team + at.home). Reference values: BradleyTerry2 1.1.2
  // on its baseball data (shared/datasets/bradleyterry2/reference_fits_Rrun.txt), Baltimore = 0.
  it.skipIf(!hasBradleyTerry2)("single judge: equals BradleyTerry2's home-advantage fit of baseball", () => {
    const games = outcomesFromCounts(
      readRCsv(bradleyTerry2File("baseball.csv")).map((row) => ({
        first: row["home.team"] as string,
        second: row["away.team"] as string,
        firstWins: Number(row["home.wins"]),
        secondWins: Number(row["away.wins"]),
      })),
    );
    const fit = fitJudgeAwareBradleyTerry(
      { ...games, judge: new Int32Array(games.size), judgeIds: ["season-1987"] },
      { orderEffects: true, anchor: { item: "Baltimore", value: 0 }, scale: logitScale },
    );
    expect(fit.converged).toBe(true);
    expect(fit.discrimination[0]).toBeCloseTo(1, 12);
    const expected: [string, number, number][] = [
      ["Boston", 1.1438027, 0.3378422],
      ["Cleveland", 0.7046945, 0.3350014],
      ["Detroit", 1.4753572, 0.3445518],
      ["Milwaukee", 1.619555, 0.3473653],
      ["New York", 1.2813404, 0.3404034],
      ["Toronto", 1.3271104, 0.3403222],
    ];
    for (const [team, estimate, standardError] of expected) {
      const code = fit.itemIds.indexOf(team);
      expect(fit.logStrengths[code]).toBeCloseTo(estimate, 6);
      expect(fit.logStrengthStandardErrors[code]).toBeCloseTo(standardError, 6);
    }
    expect(fit.orderEffects?.[0]).toBeCloseTo(0.3023, 4);
    expect(fit.orderEffectStandardErrors?.[0]).toBeCloseTo(0.1309, 4);
  });

  it("recovers each judge's position effect and discrimination in a simulation", () => {
    const random = createRandomSource(2026);
    const theta = Array.from({ length: 10 }, (_, i) => -1 + (2 * i) / 9);
    const gamma = [0.6, 1.0, 1.4];
    const delta = [-0.5, 0, 0.8];
    const rows = 9000;
    const first = new Int32Array(rows);
    const second = new Int32Array(rows);
    const judge = new Int32Array(rows);
    const verdict = new Uint8Array(rows);
    for (let row = 0; row < rows; row++) {
      const a = Math.floor(random.next() * 10);
      const b = (a + 1 + Math.floor(random.next() * 9)) % 10;
      const k = row % 3;
      first[row] = a;
      second[row] = b;
      judge[row] = k;
      const p = 1 / (1 + Math.exp(-(gamma[k]! * (theta[a]! - theta[b]!) + delta[k]!)));
      verdict[row] = random.next() < p ? 0 : 1;
    }
    const outcomes = {
      size: rows,
      itemIds: theta.map((_, i) => `m${i}`),
      first,
      second,
      judge,
      judgeIds: ["lenient", "neutral", "first-lover"],
      verdict,
    };
    const fit = fitJudgeAwareBradleyTerry(outcomes, { orderEffects: true, scale: logitScale });
    expect(fit.converged).toBe(true);
    for (let k = 0; k < 3; k++) {
      expect(Math.abs(fit.orderEffects![k]! - delta[k]!)).toBeLessThan(3 * fit.orderEffectStandardErrors![k]!);
      expect(Math.abs(fit.discrimination[k]! - gamma[k]!)).toBeLessThan(3 * fit.discriminationStandardErrors[k]!);
    }
    for (let i = 0; i < 10; i++)
      expect(Math.abs(fit.logStrengths[i]! - theta[i]!)).toBeLessThan(3.5 * fit.logStrengthStandardErrors[i]!);
  });
});
