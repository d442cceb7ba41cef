import { schedulerSchema, stopSchema } from "@judgelab/tournament";
import { describe, expect, it } from "vitest";
import { calibrateDavidsonTie, davidsonTieProbability } from "./calibrate-davidson-tie.js";
import { estimatePilotAssumptions, PILOT_MINIMUM } from "./estimate-pilot-assumptions.js";
import { PlanError } from "./plan-error.js";
import { SimulatedStudy } from "./simulated-study.js";

/** A pilot simulated with known assumptions (every pair of 40 items 10 times, both orders, each match by a random judge). */
function simulatePilot(assumptions: {
  spreadSd: number;
  judgeNoise: number;
  tieRate: number;
  positionBias: number;
  judges: number;
}) {
  const full = { items: 40, ...assumptions };
  const study = new SimulatedStudy({
    assumptions: full,
    tieParameter: calibrateDavidsonTie({
      tieRate: full.tieRate,
      variance: full.spreadSd ** 2 + full.judgeNoise ** 2,
    }),
    scheduler: schedulerSchema.parse({ kind: "round-robin", cycles: 10 }),
    stop: stopSchema.parse({}),
    order: "both",
    seed: 11,
    replicate: 0,
  });
  study.extendTo(Number.POSITIVE_INFINITY);
  return study.outcomesUpTo(Number.POSITIVE_INFINITY);
}

describe("estimatePilotAssumptions", () => {
  it("recovers the assumptions a pilot was simulated with", () => {
    const truth = { spreadSd: 0.8, judgeNoise: 0.5, tieRate: 0.12, positionBias: 0.08, judges: 3 };
    const estimate = estimatePilotAssumptions(simulatePilot(truth));
    expect(estimate.items).toBe(40);
    expect(estimate.judges).toBe(3);
    expect(estimate.tieRate).toBeCloseTo(truth.tieRate, 1);
    expect(estimate.positionBias).toBeCloseTo(truth.positionBias, 1);
    expect(Math.abs(estimate.spreadSd - truth.spreadSd)).toBeLessThan(0.1);
    // Agreement changes slowly with judge noise (0.608 at τ = 0, 0.588 observed here), so τ is the roughest estimate.
    expect(Math.abs(estimate.judgeNoise - truth.judgeNoise)).toBeLessThan(0.2);
    expect(estimate.agreement).toBeLessThan(estimate.agreementWithoutJudgeNoise);
  });

  it("finds no judge noise when judges share one view", () => {
    const estimate = estimatePilotAssumptions(
      simulatePilot({ spreadSd: 0.8, judgeNoise: 0, tieRate: 0, positionBias: 0, judges: 2 }),
    );
    expect(estimate.judgeNoise).toBeLessThan(0.2);
  });

  it(`needs ${PILOT_MINIMUM.judges} judges sharing ${PILOT_MINIMUM.sharedPairs} pairs`, () => {
    const pilot = simulatePilot({ spreadSd: 0.8, judgeNoise: 0.3, tieRate: 0, positionBias: 0, judges: 1 });
    expect(() => estimatePilotAssumptions(pilot)).toThrow(PlanError);
    expect(() => estimatePilotAssumptions(pilot)).toThrow(/at least 2 judges sharing at least 20 pairs/);
  });
});

describe("a pilot whose strengths cannot be estimated", () => {
  it("refuses when the fitted strengths' variance does not exceed their mean squared SE (disjoint pairs, as PandaLM)", () => {
    // 30 disjoint pairs (2k, 2k + 1), each judged twice by each of two judges: no pair links to another.
    const rows = 30 * 4;
    const first = new Int32Array(rows);
    const second = new Int32Array(rows);
    const verdict = new Uint8Array(rows);
    const judge = new Int32Array(rows);
    for (let row = 0; row < rows; row++) {
      const pair = row >> 2;
      first[row] = 2 * pair;
      second[row] = 2 * pair + 1;
      verdict[row] = row % 4 === 3 ? 1 : 0;
      judge[row] = row & 1;
    }
    const itemIds = Array.from({ length: 60 }, (_, i) => `i${i}`);
    const pilot = { size: rows, itemIds, first, second, verdict, judge };
    expect(() => estimatePilotAssumptions(pilot)).toThrow(/cannot be told from noise: .* 4\.0 comparisons per item/);
  });
});

describe("calibrateDavidsonTie", () => {
  it("hits the average tie rate over random pairs (checked by Monte Carlo-free quadrature on a finer grid)", () => {
    const nu = calibrateDavidsonTie({ tieRate: 0.1, variance: 0.64 });
    const sd = Math.sqrt(2 * 0.64);
    let sum = 0;
    let weights = 0;
    for (let k = -4000; k <= 4000; k++) {
      const z = k / 500;
      const weight = Math.exp(-0.5 * z * z);
      sum += weight * davidsonTieProbability(nu, sd * z);
      weights += weight;
    }
    expect(sum / weights).toBeCloseTo(0.1, 6);
    expect(calibrateDavidsonTie({ tieRate: 0, variance: 1 })).toBe(0);
  });
});
