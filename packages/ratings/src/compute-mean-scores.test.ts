import { describe, expect, it } from "vitest";
import { computeMeanScores } from "./compute-mean-scores.js";
import { findBaselines } from "./find-baselines.js";
import { rateItems } from "./rate-items.js";

// Items: 0 = baseline, 1 = model x, 2 = model y. Verdicts: 0 first wins, 1 second wins, 2 tie, 3 invalid.
const hard = {
  size: 4,
  itemIds: ["baseline", "x", "y"],
  first: Int32Array.from([0, 1, 0, 0]),
  second: Int32Array.from([1, 0, 1, 2]),
  verdict: Uint8Array.from([1, 2, 0, 3]),
};

describe("computeMeanScores (AlpacaEval's win rate)", () => {
  it("counts ties as half a win and gives the standard error with ddof 1", () => {
    // x scores 1 (won as second), 0.5 (tie), 0 (lost as second): mean 0.5, sd 0.5, SE 0.5/√3.
    const scores = computeMeanScores(hard);
    expect(scores.mean[1]).toBeCloseTo(0.5, 12);
    expect(scores.standardError[1]).toBeCloseTo(0.5 / Math.sqrt(3), 12);
    expect(Array.from(scores.comparisons)).toEqual([3, 3, 0]);
    expect(scores.mean[2]).toBeNaN();
    expect(scores.fromPreference[1]).toBe(0);
  });

  it("uses a comparison's continuous preference for the second item where present", () => {
    // x as second with p 0.8, as first with p 0.7 (x scores 0.3), as second with p 0.9; the tie row has no
    // preference and scores 0.5 from its verdict.
    const soft = {
      size: 4,
      itemIds: ["baseline", "x"],
      first: Int32Array.from([0, 1, 0, 0]),
      second: Int32Array.from([1, 0, 1, 1]),
      verdict: Uint8Array.from([1, 0, 1, 2]),
      preference: Float64Array.from([0.8, 0.7, 0.9, Number.NaN]),
    };
    const scores = computeMeanScores(soft);
    const values = [0.8, 0.3, 0.9, 0.5];
    const mean = values.reduce((sum, value) => sum + value, 0) / 4;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 3;
    expect(scores.mean[1]).toBeCloseTo(mean, 12);
    expect(scores.standardError[1]).toBeCloseTo(Math.sqrt(variance / 4), 12);
    expect(scores.mean[0]).toBeCloseTo(1 - mean, 12);
    expect(scores.fromPreference[1]).toBe(3);
  });

  it("reproduces a published AlpacaEval 2 row from its counts: Ein-70B-v0.1 24.845 (SE 1.521)", () => {
    // data_AlpacaEval_2/alpaca_eval_gpt4_turbo_fn_leaderboard.csv: n_wins 199, n_draws 2, n_total 805,
    // win_rate 24.84472049689441, standard_error 1.521406431103307 (hard verdicts, ties half).
    const size = 805;
    const verdict = new Uint8Array(size).fill(0);
    verdict.fill(1, 0, 199);
    verdict.fill(2, 199, 201);
    const outcomes = {
      size,
      itemIds: ["gpt4_1106_preview", "Ein-70B-v0.1"],
      first: new Int32Array(size).fill(0),
      second: new Int32Array(size).fill(1),
      verdict,
    };
    const report = rateItems(outcomes, { method: "winrate", ties: "half", bootstrapRounds: 0 });
    const ein = report.items.find((item) => item.id === "Ein-70B-v0.1");
    expect(100 * (ein?.rating as number)).toBeCloseTo(24.84472049689441, 10);
    expect(100 * (ein?.standardError as number)).toBeCloseTo(1.521406431103307, 10);
    expect(report.parameters.ties).toBe("half a win");
  });
});

describe("findBaselines", () => {
  const star = (baselines: number[], models: number) => {
    const first: number[] = [];
    const second: number[] = [];
    baselines.forEach((baseline, index) => {
      for (let model = 0; model < models; model++) {
        first.push(baseline);
        second.push(baselines.length + index * models + model);
      }
    });
    const itemIds = Array.from({ length: baselines.length * (models + 1) }, (_, code) => `item${code}`);
    return {
      size: first.length,
      itemIds,
      first: Int32Array.from(first),
      second: Int32Array.from(second),
      verdict: new Uint8Array(first.length),
    };
  };

  it("finds the one baseline of models-vs-a-baseline data", () => {
    expect(findBaselines(star([0], 5))).toEqual([{ item: 0, comparisons: 5 }]);
  });

  it("finds two baselines (AlpacaEval 1 and 2 pooled) and the win-rate report warns", () => {
    const pooled = star([0, 1], 4);
    expect(findBaselines(pooled).map((baseline) => baseline.item)).toEqual([0, 1]);
    const report = rateItems(pooled, { method: "winrate", ties: "half", bootstrapRounds: 0 });
    expect(report.baselines).toEqual(["item0", "item1"]);
    expect(report.warnings?.[0]).toMatch(/pools 2 baselines \(item0 in 4 comparisons, item1 in 4 comparisons\)/);
  });

  it("finds none in a round robin or a single pair", () => {
    const first: number[] = [];
    const second: number[] = [];
    for (let a = 0; a < 6; a++)
      for (let b = a + 1; b < 6; b++) {
        first.push(a);
        second.push(b);
      }
    const roundRobin = {
      size: first.length,
      itemIds: ["a", "b", "c", "d", "e", "f"],
      first: Int32Array.from(first),
      second: Int32Array.from(second),
      verdict: new Uint8Array(first.length),
    };
    expect(findBaselines(roundRobin)).toEqual([]);
    expect(findBaselines(star([0], 1))).toEqual([]);
    expect(rateItems(roundRobin, { method: "winrate", bootstrapRounds: 0 }).baselines).toBeUndefined();
  });

  it("warns when judges are pooled on baseline data", () => {
    const outcomes = { ...star([0], 4), judge: Int32Array.from([0, 0, 1, 1]), judgeIds: ["j0", "j1"] };
    const report = rateItems(outcomes, { method: "winrate", bootstrapRounds: 0 });
    expect(report.warnings).toEqual([expect.stringMatching(/pools 2 judges/)]);
  });
});
