import { describe, expect, it } from "vitest";
import { createSubsetRefitter } from "./create-subset-refitter.js";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import { aggregatePairCells, type PairCells } from "./pair-cells.js";
import { createRandomSource } from "./random-source.js";
import { simulateOutcomes } from "./test-support/simulate-outcomes.js";

function largestDifference(a: Float64Array, b: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

/** Counts of a random share of each cell's comparisons (binomial thinning), as a subset of rows would give. */
function thin(cells: PairCells, share: number, seed: number) {
  const random = createRandomSource(seed);
  const draw = (counts: Float64Array) =>
    counts.map((count) => {
      let kept = 0;
      for (let k = 0; k < count; k++) if (random.next() < share) kept++;
      return kept;
    });
  return { firstWins: draw(cells.firstWins), secondWins: draw(cells.secondWins), ties: draw(cells.ties) };
}

describe("createSubsetRefitter", () => {
  const strengths = Array.from({ length: 120 }, (_, i) => -2 + (4 * i) / 119);
  const outcomes = simulateOutcomes({ random: createRandomSource(21), strengths, comparisons: 40000, tieBand: 0.03 });
  const cells = aggregatePairCells(outcomes);
  const pooled = fitBradleyTerry(cells, { prior: 1e-3 });
  const refitter = createSubsetRefitter(cells, pooled.parameters);

  it.each([0.7, 0.5, 0.25])(
    "matches a full Newton fit of a %s share of the comparisons (plain MLE and with a prior)",
    (share) => {
      expect(refitter).not.toBeNull();
      const counts = thin(cells, share, Math.round(share * 100));
      const subset: PairCells = { ...cells, ...counts };
      for (const prior of [0, 1]) {
        const ratings = refitter?.refit(counts, prior);
        expect(ratings).not.toBeNull();
        const direct = fitBradleyTerry(subset, { prior, solver: "dense" });
        expect(largestDifference(ratings as Float64Array, direct.ratings)).toBeLessThan(1e-4);
      }
    },
  );

  it("returns null when the subset leaves an item out (the caller refits another way)", () => {
    const counts = thin(cells, 1, 1);
    for (let c = 0; c < cells.size; c++) {
      if (cells.first[c] === 7 || cells.second[c] === 7) {
        counts.firstWins[c] = 0;
        counts.secondWins[c] = 0;
        counts.ties[c] = 0;
      }
    }
    expect(refitter?.refit(counts, 0)).toBeNull();
  });
});
