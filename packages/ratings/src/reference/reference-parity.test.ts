import { describe, expect, it } from "vitest";
import { bootstrapBradleyTerrySamples } from "../bootstrap-engine/bootstrap-bradley-terry-samples.js";
import { drawBootstrapCounts } from "../bootstrap-engine/draw-bootstrap-counts.js";
import { fitBradleyTerry } from "../fit-bradley-terry.js";
import { aggregatePairCells, type PairCells } from "../pair-cells.js";
import { createRandomSource } from "../random-source.js";
import { simulateOutcomes } from "../test-support/simulate-outcomes.js";
import { bootstrapBradleyTerryReference } from "./bootstrap-bradley-terry-reference.js";
import { fitBradleyTerryReference } from "./fit-bradley-terry-reference.js";

/** Small seeded designs: ties, no clusters; one needs a prior (an item that never loses in some resamples). */
const designs: { name: string; cells: PairCells; prior: number }[] = [
  {
    name: "5 items, 400 comparisons, ties",
    cells: aggregatePairCells(
      simulateOutcomes({
        random: createRandomSource(11),
        strengths: [0, 0.4, -0.3, 1, 0.2],
        comparisons: 400,
        tieBand: 0.1,
      }),
    ),
    prior: 0,
  },
  {
    name: "8 items, 120 comparisons, ties, prior 0.05",
    cells: aggregatePairCells(
      simulateOutcomes({
        random: createRandomSource(12),
        strengths: [0, 1.5, -1, 0.5, 2, -2, 0.1, 0.8],
        comparisons: 120,
        tieBand: 0.15,
      }),
    ),
    prior: 0.05,
  },
  {
    name: "3 items, lopsided, no ties",
    cells: aggregatePairCells(
      simulateOutcomes({ random: createRandomSource(13), strengths: [0, 2, -1], comparisons: 300 }),
    ),
    prior: 0,
  },
];

describe("the fast engine against the reference path", () => {
  it.each(designs)("fits the same maximum ($name)", ({ cells, prior }) => {
    const reference = fitBradleyTerryReference(cells, { prior });
    const fast = fitBradleyTerry(cells, { prior });
    expect(reference.converged).toBe(true);
    for (let i = 0; i < cells.itemIds.length; i++) {
      expect(Math.abs(fast.logStrengths[i]! - reference.logStrengths[i]!)).toBeLessThan(1e-8);
      expect(Math.abs(fast.ratings[i]! - reference.ratings[i]!)).toBeLessThan(1e-6);
    }
  });

  it.each(designs)("refits the same resamples to the same ratings ($name)", ({ cells, prior }) => {
    const seed = 7;
    const rounds = 40;
    const fit = fitBradleyTerry(cells, { prior });
    const fast = bootstrapBradleyTerrySamples(cells, {
      parameters: fit.parameters,
      prior,
      rounds,
      seed,
      threads: 1,
      tolerance: 1e-11,
    });
    const reference = bootstrapBradleyTerryReference(cells, {
      prior,
      rounds,
      resample: (round) => drawBootstrapCounts(cells, { seed, round }),
    });
    expect(fast.nonConvergedRounds).toBe(0);
    let largest = 0;
    for (let k = 0; k < reference.length; k++) {
      expect(Number.isNaN(fast.samples[k]!)).toBe(Number.isNaN(reference[k]!));
      if (!Number.isNaN(reference[k]!)) largest = Math.max(largest, Math.abs(fast.samples[k]! - reference[k]!));
    }
    // 1e-11 on the log scale is about 2e-9 Elo points; the bound leaves room for rounding in the chord refit.
    expect(largest).toBeLessThan(1e-6);
  });

  it("draws resamples with the same spread as the engine's (plain row bootstrap vs multinomial counts)", () => {
    const { cells } = designs[0] as (typeof designs)[number];
    const rounds = 300;
    const fit = fitBradleyTerry(cells);
    const fast = bootstrapBradleyTerrySamples(cells, { parameters: fit.parameters, rounds, seed: 3, threads: 1 });
    const reference = bootstrapBradleyTerryReference(cells, { rounds, seed: 4 });
    const items = cells.itemIds.length;
    for (let i = 0; i < items; i++) {
      const spread = (samples: Float64Array) => {
        const column = Array.from({ length: rounds }, (_, r) => samples[r * items + i]!);
        const mean = column.reduce((sum, value) => sum + value, 0) / rounds;
        return Math.sqrt(column.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (rounds - 1));
      };
      // Two independent 300-round estimates of one standard deviation differ by about 6% (√(1/299)·√2·…).
      expect(spread(fast.samples) / spread(reference)).toBeGreaterThan(0.8);
      expect(spread(fast.samples) / spread(reference)).toBeLessThan(1.25);
    }
  });
});
