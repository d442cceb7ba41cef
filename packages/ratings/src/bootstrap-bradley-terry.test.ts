import { describe, expect, it } from "vitest";
import { bootstrapBradleyTerry } from "./bootstrap-bradley-terry.js";
import { interleaveOutcomes } from "./bootstrap-engine/bootstrap-rounds.js";
import { createCountResampler } from "./create-count-resampler.js";
import { eloPointsPerLogUnit } from "./elo-scale.js";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import { aggregatePairCells } from "./pair-cells.js";
import { createRandomSource, deriveSeed } from "./random-source.js";
import { simulateOutcomes } from "./test-support/simulate-outcomes.js";

const pointsPerUnit = eloPointsPerLogUnit();

/** True ratings on the reported scale: 1000 + 400/ln10 · (θ − mean θ). */
function trueRatings(strengths: readonly number[]): number[] {
  const mean = strengths.reduce((a, b) => a + b, 0) / strengths.length;
  return strengths.map((theta) => 1000 + pointsPerUnit * (theta - mean));
}

describe("Bradley–Terry on simulated tournaments with known strengths", () => {
  it("recovers the strengths: every estimate within 4 standard errors, mean squared z ≈ 1", () => {
    const strengths = Array.from({ length: 20 }, (_, i) => -1.5 + (3 * i) / 19);
    const outcomes = simulateOutcomes({
      random: createRandomSource(11),
      strengths,
      comparisons: 20000,
      orderEffect: 0.2,
    });
    const fit = fitBradleyTerry(outcomes, { orderEffect: true });
    const truth = trueRatings(strengths);
    let sumSquaredZ = 0;
    truth.forEach((value, i) => {
      const z = (fit.ratings[i]! - value) / fit.standardErrors[i]!;
      expect(Math.abs(z)).toBeLessThan(4);
      sumSquaredZ += z * z;
    });
    // Σz² over 20 (19 free) centred ratings ~ χ²(19)-like; its 99.9% band is about [5.4, 43.8].
    expect(sumSquaredZ).toBeGreaterThan(5.4);
    expect(sumSquaredZ).toBeLessThan(43.8);
    expect(Math.abs((fit.orderEffect?.value as number) - 0.2)).toBeLessThan(
      4 * (fit.orderEffect?.standardError as number),
    );
  });

  // 200 simulated tournaments (6 items, 600 comparisons each), 200 bootstrap rounds each: the 95% percentile
  // intervals covered the true centred rating in 94.7% (1,136 of 1,200) of the intervals when this test was written
  // (seed 2026). Binomial band for 1,200 draws at 95% is ±1.9% (3 SE); widened to [0.92, 0.975] because the six
  // intervals of one tournament are correlated.
  it("95% bootstrap intervals cover the truth in about 95% of simulations (observed 94.7%)", () => {
    const random = createRandomSource(2026);
    const strengths = [-1, -0.5, -0.2, 0.1, 0.6, 1];
    const truth = trueRatings(strengths);
    let covered = 0;
    let total = 0;
    for (let simulation = 0; simulation < 200; simulation++) {
      const outcomes = simulateOutcomes({ random, strengths, comparisons: 600 });
      const result = bootstrapBradleyTerry(outcomes, { rounds: 200, random });
      truth.forEach((value, i) => {
        total++;
        if (result.lower[i]! <= value && value <= result.upper[i]!) covered++;
      });
    }
    const coverage = covered / total;
    expect(coverage).toBeGreaterThan(0.92);
    expect(coverage).toBeLessThan(0.975);
  });
});

describe("bootstrapBradleyTerry", () => {
  const strengths = [-0.8, -0.3, 0, 0.4, 0.9];
  const outcomes = simulateOutcomes({ random: createRandomSource(5), strengths, comparisons: 3000, tieBand: 0.1 });

  it("is reproducible from the seed and records it", () => {
    const a = bootstrapBradleyTerry(outcomes, { rounds: 50, seed: 9 });
    const b = bootstrapBradleyTerry(outcomes, { rounds: 50, seed: 9 });
    const c = bootstrapBradleyTerry(outcomes, { rounds: 50, seed: 10 });
    expect(Array.from(a.samples)).toEqual(Array.from(b.samples));
    expect(Array.from(a.samples)).not.toEqual(Array.from(c.samples));
    expect(a.seed).toBe(9);
  });

  it("computes any slice of rounds exactly as the whole run does (per-round seeds)", () => {
    const whole = bootstrapBradleyTerry(outcomes, { rounds: 10, seed: 4 });
    const slice = bootstrapBradleyTerry(outcomes, { rounds: 4, seed: 4, firstRound: 6 });
    expect(Array.from(slice.samples)).toEqual(Array.from(whole.samples.subarray(6 * strengths.length)));
  });

  it("gives the same samples on several threads as on one (worker threads take chunks of rounds)", () => {
    const one = bootstrapBradleyTerry(outcomes, { rounds: 40, seed: 6, threads: 1 });
    const three = bootstrapBradleyTerry(outcomes, { rounds: 40, seed: 6, threads: 3 });
    expect(Array.from(three.samples)).toEqual(Array.from(one.samples));
    expect(three.nonConvergedRounds).toBe(one.nonConvergedRounds);
    expect(one.threadsUsed).toBe(1);
    expect(three.threadsUsed).toBe(3);
    expect(() => bootstrapBradleyTerry(outcomes, { rounds: 4, threads: 0 })).toThrow(/threads must be/);
  });

  it("chord-Newton refits equal full Newton fits of the same resampled counts", () => {
    const cells = aggregatePairCells(outcomes);
    const result = bootstrapBradleyTerry(cells, { rounds: 3, seed: 3 });
    expect(result.nonConvergedRounds).toBe(0);
    // Replay the random streams: round r draws one multinomial from createRandomSource(deriveSeed(3, r)) over
    // the categories (cell, outcome) interleaved per cell.
    const n = cells.size;
    const weights = interleaveOutcomes(cells);
    const drawn = new Float64Array(weights.length);
    const resampler = createCountResampler(weights);
    for (let round = 0; round < 3; round++) {
      resampler.draw(createRandomSource(deriveSeed(3, round)), drawn);
      const resampled = {
        ...cells,
        firstWins: Float64Array.from({ length: n }, (_, c) => drawn[3 * c]!),
        secondWins: Float64Array.from({ length: n }, (_, c) => drawn[3 * c + 1]!),
        ties: Float64Array.from({ length: n }, (_, c) => drawn[3 * c + 2]!),
      };
      const direct = fitBradleyTerry(resampled);
      for (let i = 0; i < strengths.length; i++) {
        // Bootstrap refits stop at 1e-7 on the log scale (≈ 2e-5 Elo); the direct fit at 1e-10.
        expect(result.samples[round * strengths.length + i]).toBeCloseTo(direct.ratings[i]!, 4);
      }
    }
  });

  it("bootstrap spread agrees with the Fisher standard errors on large data", () => {
    const result = bootstrapBradleyTerry(outcomes, { rounds: 400, seed: 1 });
    for (let i = 0; i < strengths.length; i++) {
      const ratio = result.standardDeviation[i]! / result.fit.standardErrors[i]!;
      expect(ratio).toBeGreaterThan(0.85);
      expect(ratio).toBeLessThan(1.15);
    }
    expect(result.rankByInterval[4]).toBe(1);
    expect(result.rank[0]).toBe(5);
    expect(result.rankLower[0]).toBeLessThanOrEqual(5);
    expect(result.rankUpper[0]).toBe(5);
  });

  it("gives intervals for the order effect and the Davidson tie parameter", () => {
    const ordered = simulateOutcomes({
      random: createRandomSource(8),
      strengths,
      comparisons: 3000,
      orderEffect: 0.3,
      tieBand: 0.2,
    });
    const result = bootstrapBradleyTerry(ordered, { rounds: 100, seed: 2, orderEffect: true, ties: "davidson" });
    const delta = result.fit.orderEffect?.value as number;
    expect(result.orderEffectInterval?.lower).toBeLessThan(delta);
    expect(result.orderEffectInterval?.upper).toBeGreaterThan(delta);
    expect(result.tieParameterInterval?.lower).toBeLessThan(result.fit.tieParameter?.value as number);
  });
});
