import { describe, expect, it } from "vitest";
import { bootstrapBradleyTerry } from "./bootstrap-bradley-terry.js";
import { type BradleyTerryOptions, fitBradleyTerry } from "./fit-bradley-terry.js";
import { fitJudgeAwareBradleyTerry } from "./fit-judge-aware-bradley-terry.js";
import { normalQuantile } from "./normal-distribution.js";
import { aggregatePairCells } from "./pair-cells.js";
import { createRandomSource } from "./random-source.js";
import { rankByScore } from "./rank-items.js";
import { simulateOutcomes } from "./test-support/simulate-outcomes.js";

function simulate(options: { items: number; perItem: number; seed: number; orderEffect?: number; tieBand?: number }) {
  const random = createRandomSource(options.seed);
  const strengths = Array.from({ length: options.items }, () => normalQuantile(random.next()));
  const outcomes = simulateOutcomes({
    random,
    strengths,
    comparisons: Math.round((options.items * options.perItem) / 2),
    ...(options.orderEffect === undefined ? {} : { orderEffect: options.orderEffect }),
    ...(options.tieBand === undefined ? {} : { tieBand: options.tieBand }),
  });
  return { strengths, outcomes };
}

function largestDifference(a: Float64Array, b: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) && Number.isNaN(b[i]!)) continue;
    largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  }
  return largest;
}

/** Spearman ρ = Pearson correlation of the ranks (no ties in continuous simulated data). */
function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = rankByScore(a);
  const rb = rankByScore(b);
  const n = ra.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (ra[i]! - rb[i]!) ** 2;
  return 1 - (6 * sum) / (n * (n * n - 1));
}

describe("fitBradleyTerry: sparse (truncated Newton–CG) and dense (Cholesky) solvers agree", () => {
  const cases: { name: string; options: BradleyTerryOptions; orderEffect?: number; tieBand?: number }[] = [
    { name: "half ties", options: {}, tieBand: 0.06 },
    { name: "order effect", options: { orderEffect: true }, orderEffect: 0.3, tieBand: 0.04 },
    { name: "Davidson ties with order effect", options: { ties: "davidson", orderEffect: true }, tieBand: 0.1 },
    { name: "prior and anchor", options: { prior: 0.05, anchor: { item: "item3", value: 1500 } }, tieBand: 0.02 },
  ];
  for (const { name, options, orderEffect, tieBand } of cases) {
    it(`${name}: ratings within 1e-6 Elo, same log-likelihood, δ and ν and their standard errors`, () => {
      const { outcomes } = simulate({
        items: 120,
        perItem: 30,
        seed: 7,
        ...(orderEffect === undefined ? {} : { orderEffect }),
        ...(tieBand === undefined ? {} : { tieBand }),
      });
      const cells = aggregatePairCells(outcomes, { keepOrder: options.orderEffect ?? false });
      const dense = fitBradleyTerry(cells, { ...options, solver: "dense" });
      const sparse = fitBradleyTerry(cells, { ...options, solver: "sparse" });
      expect(dense.solver).toBe("dense");
      expect(sparse.solver).toBe("sparse");
      expect(sparse.standardErrorMethod).toBe("approximate");
      expect(dense.converged && sparse.converged).toBe(true);
      expect(largestDifference(dense.ratings, sparse.ratings)).toBeLessThan(1e-6);
      expect(sparse.logLikelihood).toBeCloseTo(dense.logLikelihood, 8);
      expect(sparse.deviance).toBeCloseTo(dense.deviance, 6);
      expect(sparse.degreesOfFreedom).toBe(dense.degreesOfFreedom);
      if (options.orderEffect) {
        expect(Math.abs((sparse.orderEffect?.elo ?? 0) - (dense.orderEffect?.elo ?? 1))).toBeLessThan(1e-6);
        // δ's standard error is exact in both (one conjugate-gradient solve in the sparse solver).
        expect(sparse.orderEffect?.standardError).toBeCloseTo(dense.orderEffect?.standardError ?? 0, 8);
      }
      if (options.ties === "davidson") {
        expect(sparse.tieParameter?.value).toBeCloseTo(dense.tieParameter?.value ?? 0, 9);
        expect(sparse.tieParameter?.logStandardError).toBeCloseTo(dense.tieParameter?.logStandardError ?? 0, 8);
      }
      if (options.anchor !== undefined) expect(sparse.ratings[3]).toBeCloseTo(1500, 9);
      // Approximate item standard errors: within 4% of the exact ones at 30 comparisons per item.
      for (let i = 0; i < dense.standardErrors.length; i++) {
        if (i === 3 && options.anchor !== undefined) continue;
        const ratio = sparse.standardErrors[i]! / dense.standardErrors[i]!;
        expect(Math.abs(ratio - 1)).toBeLessThan(0.04);
      }
    });
  }

  it("approximate standard errors are within 1% of the exact ones at 45 comparisons per item", () => {
    const { outcomes } = simulate({ items: 300, perItem: 45, seed: 11 });
    const cells = aggregatePairCells(outcomes);
    const dense = fitBradleyTerry(cells, { solver: "dense" });
    const sparse = fitBradleyTerry(cells, { solver: "sparse" });
    let worst = 0;
    for (let i = 0; i < 300; i++) {
      worst = Math.max(worst, Math.abs(sparse.standardErrors[i]! / dense.standardErrors[i]! - 1));
    }
    expect(worst).toBeLessThan(0.01);
  });

  it("flags separated data as not converged, like the dense solver", () => {
    // Item 0 beats everyone: no finite MLE without a prior.
    const outcomes = {
      size: 6,
      itemIds: ["a", "b", "c"],
      first: Int32Array.from([0, 0, 1, 2, 0, 1]),
      second: Int32Array.from([1, 2, 2, 1, 2, 2]),
      verdict: Uint8Array.from([0, 0, 0, 0, 0, 1]),
    };
    const sparse = fitBradleyTerry(outcomes, { solver: "sparse" });
    expect(sparse.converged).toBe(false);
    expect(sparse.finiteMle).toBe(false);
    const penalised = fitBradleyTerry(outcomes, { solver: "sparse", prior: 0.5 });
    const dense = fitBradleyTerry(outcomes, { solver: "dense", prior: 0.5 });
    expect(penalised.converged).toBe(true);
    expect(largestDifference(penalised.ratings, dense.ratings)).toBeLessThan(1e-6);
  });

  it("picks the solver by size and refuses a forced dense solve beyond its limit", () => {
    const { outcomes } = simulate({ items: 600, perItem: 6, seed: 3 });
    expect(fitBradleyTerry(outcomes, { prior: 0.1 }).solver).toBe("sparse");
    const small = simulate({ items: 50, perItem: 10, seed: 3 }).outcomes;
    expect(fitBradleyTerry(small).solver).toBe("dense");
    const large = simulate({ items: 4200, perItem: 8, seed: 3 }).outcomes;
    expect(() => fitBradleyTerry(large, { solver: "dense", prior: 1 })).toThrow(/limit of 4000.*"sparse"/);
  });
});

describe("bootstrapBradleyTerry with the sparse solver", () => {
  it("gives the dense bootstrap's samples (same multinomial draws, warm-started refits) within 1e-4 Elo", () => {
    const { outcomes } = simulate({ items: 80, perItem: 25, seed: 5, orderEffect: 0.2, tieBand: 0.04 });
    const options = { rounds: 40, seed: 9, orderEffect: true, prior: 1e-3 } as const;
    const dense = bootstrapBradleyTerry(outcomes, { ...options, solver: "dense" });
    const sparse = bootstrapBradleyTerry(outcomes, { ...options, solver: "sparse" });
    expect(sparse.fit.solver).toBe("sparse");
    expect(sparse.nonConvergedRounds).toBe(dense.nonConvergedRounds);
    expect(largestDifference(dense.samples, sparse.samples)).toBeLessThan(1e-4);
    expect(largestDifference(dense.rankLower, sparse.rankLower)).toBe(0);
    expect(sparse.orderEffectInterval?.lower).toBeCloseTo(dense.orderEffectInterval?.lower ?? 0, 6);
  });
});

describe("bootstrapBradleyTerry above the dense solver's threshold", () => {
  it("uses the chord refit up to 2,000 items and matches sparse Newton refits of the same resamples", () => {
    const { outcomes } = simulate({ items: 600, perItem: 40, seed: 12 });
    const options = { rounds: 6, seed: 2, prior: 1e-3 } as const;
    const fit = fitBradleyTerry(outcomes, { prior: 1e-3 });
    expect(fit.solver).toBe("sparse");
    const chord = bootstrapBradleyTerry(outcomes, { ...options, fit, tolerance: 1e-8 });
    const sparse = bootstrapBradleyTerry(outcomes, { ...options, fit, solver: "sparse", tolerance: 1e-8 });
    expect(chord.nonConvergedRounds).toBe(0);
    expect(largestDifference(chord.samples, sparse.samples)).toBeLessThan(1e-4);
  });

  it("handles the order effect, ties and an anchor in the chord refit like sparse Newton refits", () => {
    const { outcomes } = simulate({ items: 600, perItem: 120, seed: 77, orderEffect: 0.25, tieBand: 0.05 });
    const cells = aggregatePairCells(outcomes, { keepOrder: true });
    const options = {
      rounds: 60,
      seed: 3,
      prior: 1e-3,
      orderEffect: true,
      tolerance: 1e-9,
      anchor: { item: outcomes.itemIds[3] as string, value: 1200 },
    } as const;
    const fit = fitBradleyTerry(cells, options);
    const chord = bootstrapBradleyTerry(cells, { ...options, fit });
    const sparse = bootstrapBradleyTerry(cells, { ...options, fit, solver: "sparse" });
    expect(chord.chordRefits).toBe(true);
    expect(sparse.chordRefits).toBe(false);
    expect(chord.nonConvergedRounds).toBe(0);
    expect(largestDifference(chord.samples, sparse.samples)).toBeLessThan(1e-4);
    expect(chord.orderEffectInterval?.lower).toBeCloseTo(sparse.orderEffectInterval?.lower ?? 0, 8);
    expect(chord.orderEffectInterval?.upper).toBeCloseTo(sparse.orderEffectInterval?.upper ?? 0, 8);
  });
});

describe("bootstrap spread above the dense solver's threshold (chord refits, slot resampling)", () => {
  it("matches the exact Fisher standard errors at 600 items (mean SD/SE within 5%) and covers the truth", () => {
    const { strengths, outcomes } = simulate({ items: 600, perItem: 200, seed: 31 });
    const cells = aggregatePairCells(outcomes);
    const exact = fitBradleyTerry(cells, { prior: 1e-3, solver: "dense" });
    const bootstrap = bootstrapBradleyTerry(cells, { prior: 1e-3, rounds: 200, seed: 4 });
    expect(bootstrap.fit.solver).toBe("sparse");
    expect(bootstrap.chordRefits).toBe(true);
    expect(bootstrap.nonConvergedRounds).toBe(0);
    let ratioSum = 0;
    for (let i = 0; i < 600; i++) {
      ratioSum += bootstrap.standardDeviation[i]! / exact.standardErrors[i]!;
    }
    // Each SD from 200 rounds has a relative standard error of about 5%; the mean over 600 items is tight.
    expect(Math.abs(ratioSum / 600 - 1)).toBeLessThan(0.05);
    const mean = strengths.reduce((a, b) => a + b, 0) / strengths.length;
    let covered = 0;
    strengths.forEach((theta, i) => {
      const truth = 1000 + (400 / Math.LN10) * (theta - mean);
      if (bootstrap.lower[i]! <= truth && truth <= bootstrap.upper[i]!) covered++;
    });
    // Binomial(600, 0.95): 99.9% of draws fall in [548, 587].
    expect(covered).toBeGreaterThanOrEqual(548);
    expect(covered).toBeLessThanOrEqual(587);
  });
});

describe("fitBradleyTerry at scale (sparse solver)", () => {
  it("3,000 items at ~45 comparisons each recover the latent strengths (Spearman > 0.9)", () => {
    const { strengths, outcomes } = simulate({ items: 3000, perItem: 45, seed: 2026, tieBand: 0.02 });
    const fit = fitBradleyTerry(outcomes);
    expect(fit.solver).toBe("sparse");
    expect(fit.converged).toBe(true);
    const rho = spearman(fit.ratings, strengths);
    expect(rho).toBeGreaterThan(0.9);
    // The approximate standard errors are on the scale of the actual estimation error.
    const points = 400 / Math.LN10;
    const mean = strengths.reduce((a, b) => a + b, 0) / 3000;
    let inside = 0;
    for (let i = 0; i < 3000; i++) {
      const truth = 1000 + points * (strengths[i]! - mean);
      if (Math.abs(fit.ratings[i]! - truth) < 1.96 * fit.standardErrors[i]!) inside++;
    }
    expect(inside / 3000).toBeGreaterThan(0.93);
    expect(inside / 3000).toBeLessThan(0.97);
  });
});

describe("fitJudgeAwareBradleyTerry beyond the dense limit", () => {
  it("refuses with a message instead of allocating an (items + judges)² matrix", () => {
    const { outcomes } = simulate({ items: 4200, perItem: 8, seed: 4 });
    const judged = { ...outcomes, judge: new Int32Array(outcomes.size).map((_, row) => row % 2), judgeIds: ["x", "y"] };
    expect(() => fitJudgeAwareBradleyTerry(judged, { prior: 1 })).toThrow(/exceed the dense solver's limit of 4000/);
  });
});
