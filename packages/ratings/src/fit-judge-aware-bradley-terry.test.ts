import { describe, expect, it } from "vitest";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import { fitJudgeAwareBradleyTerry } from "./fit-judge-aware-bradley-terry.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { readFixture } from "./test-support/fixtures.js";

interface JudgeAwareFixture {
  itemIds: string[];
  judgeIds: string[];
  trueTheta: number[];
  trueGamma: number[];
  first: number[];
  second: number[];
  judge: number[];
  verdict: number[];
  theta: number[];
  thetaStandardErrors: number[];
  gamma: number[];
  gammaStandardErrors: number[];
  logLikelihood: number;
}

const logitScale = { points: Math.log(10), base: 10, initial: 0 };
const fixture = readFixture<JudgeAwareFixture>("judge-aware-simulation.json");
const outcomes: PairwiseOutcomes = {
  size: fixture.first.length,
  itemIds: fixture.itemIds,
  judgeIds: fixture.judgeIds,
  first: Int32Array.from(fixture.first),
  second: Int32Array.from(fixture.second),
  judge: Int32Array.from(fixture.judge),
  verdict: Uint8Array.from(fixture.verdict),
};

describe("fitJudgeAwareBradleyTerry", () => {
  // Reference: scripts/reference/judge_aware_bradley_terry.py (scipy BFGS on the reduced parameters, SEs from the
  // inverse expected information), on a seeded simulation with γ = 0.4, 1.0, 1.6.
  it("matches the scipy maximum-likelihood fit, including standard errors", () => {
    const fit = fitJudgeAwareBradleyTerry(outcomes, { scale: logitScale });
    expect(fit.converged).toBe(true);
    expect(fit.identified).toBe(true);
    fixture.theta.forEach((value, i) => {
      expect(fit.logStrengths[i]).toBeCloseTo(value, 6);
      expect(fit.logStrengthStandardErrors[i]).toBeCloseTo(fixture.thetaStandardErrors[i]!, 5);
    });
    fixture.gamma.forEach((value, k) => {
      expect(fit.discrimination[k]).toBeCloseTo(value, 6);
      expect(fit.discriminationStandardErrors[k]).toBeCloseTo(fixture.gammaStandardErrors[k]!, 5);
    });
    expect(fit.logLikelihood).toBeCloseTo(fixture.logLikelihood, 6);
  });

  it("recovers the simulated discriminations in order (weak judge 0.4 < 1.0 < 1.6)", () => {
    const fit = fitJudgeAwareBradleyTerry(outcomes);
    const [weak, middle, sharp] = fit.discrimination as unknown as [number, number, number];
    expect(weak).toBeLessThan(middle);
    expect(middle).toBeLessThan(sharp);
    expect(Math.abs(weak - 0.4)).toBeLessThan(3 * fit.discriminationStandardErrors[0]!);
  });

  it("reduces to plain Bradley–Terry with a single judge (γ = 1)", () => {
    const oneJudge = { ...outcomes, judgeIds: ["only"], judge: new Int32Array(outcomes.size) };
    const aware = fitJudgeAwareBradleyTerry(oneJudge);
    const plain = fitBradleyTerry(oneJudge);
    expect(aware.discrimination[0]).toBeCloseTo(1, 12);
    for (let i = 0; i < plain.ratings.length; i++) {
      expect(aware.ratings[i]).toBeCloseTo(plain.ratings[i]!, 6);
      expect(aware.standardErrors[i]).toBeCloseTo(plain.standardErrors[i]!, 6);
    }
  });

  it("reports non-identification when a judge's items are rated by no other judge", () => {
    // Judge 0 rates a vs b and c vs d, judge 1 rates only e vs f: γ_1 and θ_e − θ_f cannot be told apart.
    const isolated = {
      size: 9,
      itemIds: ["a", "b", "c", "d", "e", "f"],
      judgeIds: ["j0", "j1"],
      first: Int32Array.from([0, 1, 2, 3, 0, 2, 4, 5, 4]),
      second: Int32Array.from([1, 2, 3, 0, 2, 1, 5, 4, 5]),
      verdict: Uint8Array.from([0, 0, 1, 0, 1, 0, 0, 0, 1]),
      judge: Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1]),
    };
    const fit = fitJudgeAwareBradleyTerry(isolated);
    expect(fit.identified).toBe(false);
    expect(fit.converged).toBe(false);
    expect(Number.isNaN(fit.discrimination[1]!)).toBe(true);
  });

  it("a prior makes a design with two unlinked groups of items identified", () => {
    // Both judges rate both groups {a, b, c} and {d, e, f}, but no item of one group meets the other.
    const pairs = [
      [0, 1],
      [1, 2],
      [2, 0],
      [3, 4],
      [4, 5],
      [5, 3],
    ];
    const rows = Array.from({ length: 48 }, (_, k) => ({
      pair: pairs[k % 6] as number[],
      judge: Math.floor(k / 6) % 2,
      flip: k % 5 === 0,
    }));
    const grouped = {
      size: rows.length,
      itemIds: ["a", "b", "c", "d", "e", "f"],
      judgeIds: ["j0", "j1"],
      first: Int32Array.from(rows, (row) => row.pair[0]!),
      second: Int32Array.from(rows, (row) => row.pair[1]!),
      verdict: Uint8Array.from(rows, (row) => (row.flip ? 1 : 0)),
      judge: Int32Array.from(rows, (row) => row.judge),
    };
    expect(fitJudgeAwareBradleyTerry(grouped).identified).toBe(false);
    const regularised = fitJudgeAwareBradleyTerry(grouped, { prior: 0.01 });
    expect(regularised.identified).toBe(true);
    expect(regularised.converged).toBe(true);
  });

  it("requires a judge on every comparison", () => {
    const { judge: _judge, ...withoutJudge } = outcomes;
    expect(() => fitJudgeAwareBradleyTerry(withoutJudge)).toThrow(/byJudge needs outcomes.judge/);
  });
});
