import { describe, expect, it } from "vitest";
import { fitJudgeAwareBradleyTerry } from "./fit-judge-aware-bradley-terry.js";
import { createRandomSource } from "./random-source.js";
import { readFixture } from "./test-support/fixtures.js";
import { bradleyTerry2File, hasBradleyTerry2, outcomesFromCounts, readRCsv } from "./test-support/shared-datasets.js";

/** The natural-log (logit) scale of BradleyTerry2: rating = θ. */
const logitScale = { points: Math.log(10), base: 10, initial: 0 };

describe("judge-aware Bradley–Terry with a position effect δ_k per judge", () => {
  // One judge: γ = 1 and the model is BTm(..., formula = ~ team + at.home). Reference: BradleyTerry2 1.1.2 on its
  // baseball data, fixtures/baseball-home-advantage.json from scripts/reference/baseball_home_advantage.R
  // (the same values as shared/datasets/bradleyterry2/reference_fits_Rrun.txt, at full precision), Baltimore = 0.
  it.skipIf(!hasBradleyTerry2)("single judge: equals BradleyTerry2's home-advantage fit of baseball", () => {
    const reference = readFixture<{
      teams: string[];
      ability: number[];
      abilityStandardError: number[];
      atHome: number;
      atHomeStandardError: number;
    }>("baseball-home-advantage.json");
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
    reference.teams.forEach((team, k) => {
      const code = fit.itemIds.indexOf(team);
      expect(fit.logStrengths[code]).toBeCloseTo(reference.ability[k]!, 6);
      expect(fit.logStrengthStandardErrors[code]).toBeCloseTo(reference.abilityStandardError[k]!, 6);
    });
    expect(fit.orderEffects?.[0]).toBeCloseTo(reference.atHome, 6);
    expect(fit.orderEffectStandardErrors?.[0]).toBeCloseTo(reference.atHomeStandardError, 6);
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
