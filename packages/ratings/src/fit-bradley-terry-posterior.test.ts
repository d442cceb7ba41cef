import { describe, expect, it } from "vitest";
import { drawPosteriorRanks } from "./draw-posterior-ranks.js";
import { fitBradleyTerryPosterior } from "./fit-bradley-terry-posterior.js";
import type { PairCells } from "./pair-cells.js";
import { readFixture } from "./test-support/fixtures.js";

interface LaplaceFixture {
  prior: number;
  itemCount: number;
  cells: { first: number; second: number; firstWins: number; secondWins: number; ties: number }[];
  mean: number[];
  covariance: number[][];
}

/** Written by scripts/reference/bradley_terry_laplace.py (scipy BFGS mode, inverse numerical Hessian). */
const fixture = readFixture<LaplaceFixture>("bradley-terry-laplace.json");

function cellsOf(input: LaplaceFixture["cells"], itemCount: number): PairCells {
  return {
    size: input.length,
    itemIds: Array.from({ length: itemCount }, (_, index) => `item-${index}`),
    judgeIds: [],
    first: Int32Array.from(input, (cell) => cell.first),
    second: Int32Array.from(input, (cell) => cell.second),
    positional: new Uint8Array(input.length),
    judge: new Int32Array(input.length).fill(-1),
    firstWins: Float64Array.from(input, (cell) => cell.firstWins),
    secondWins: Float64Array.from(input, (cell) => cell.secondWins),
    ties: Float64Array.from(input, (cell) => cell.ties),
    invalidCount: 0,
  };
}

describe("fitBradleyTerryPosterior (Laplace approximation)", () => {
  const posterior = fitBradleyTerryPosterior(cellsOf(fixture.cells, fixture.itemCount), { prior: fixture.prior });

  it("matches the scipy reference: mode and inverse Hessian, an item never compared keeps the prior", () => {
    for (const [i, value] of fixture.mean.entries()) expect(posterior.mean[i]).toBeCloseTo(value, 6);
    for (const [i, row] of fixture.covariance.entries()) {
      for (const [j, value] of row.entries()) {
        expect(posterior.covariance[i * fixture.itemCount + j]).toBeCloseTo(value, 5);
      }
    }
    const last = fixture.itemCount - 1;
    expect(posterior.covariance[last * fixture.itemCount + last]).toBeCloseTo(1 / fixture.prior, 8);
  });

  it("has a covariance factor L with L·Lᵀ = covariance", () => {
    const n = fixture.itemCount;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++)
          sum += posterior.covarianceFactor[i * n + k]! * posterior.covarianceFactor[j * n + k]!;
        expect(sum).toBeCloseTo(posterior.covariance[i * n + j]!, 10);
      }
    }
  });

  it("is the prior without any comparison", () => {
    const empty = fitBradleyTerryPosterior(cellsOf([], 3), { prior: 2 });
    expect([...empty.mean]).toEqual([0, 0, 0]);
    expect(empty.covariance[0]).toBeCloseTo(0.5, 12);
    expect(empty.covariance[1]).toBeCloseTo(0, 12);
  });

  it("rejects a prior that is not positive", () => {
    expect(() => fitBradleyTerryPosterior(cellsOf([], 3), { prior: 0 })).toThrow(/prior must be > 0/);
  });
});

describe("drawPosteriorRanks", () => {
  it("gives exact ranks for well-separated items and wide intervals for the prior alone (seeded)", () => {
    const strong = fitBradleyTerryPosterior(
      cellsOf(
        [
          { first: 0, second: 1, firstWins: 400, secondWins: 20, ties: 0 },
          { first: 1, second: 2, firstWins: 400, secondWins: 20, ties: 0 },
        ],
        3,
      ),
      { prior: 0.5 },
    );
    const ranks = drawPosteriorRanks(strong, { draws: 400, seed: 7 });
    expect([...ranks.rankLower]).toEqual([1, 2, 3]);
    expect([...ranks.rankUpper]).toEqual([1, 2, 3]);
    const prior = drawPosteriorRanks(fitBradleyTerryPosterior(cellsOf([], 3), { prior: 0.5 }), { draws: 400, seed: 7 });
    expect([...prior.rankLower]).toEqual([1, 1, 1]);
    expect([...prior.rankUpper]).toEqual([3, 3, 3]);
    expect([...drawPosteriorRanks(strong, { draws: 50, seed: 3 }).samples]).toEqual([
      ...drawPosteriorRanks(strong, { draws: 50, seed: 3 }).samples,
    ]);
  });
});
