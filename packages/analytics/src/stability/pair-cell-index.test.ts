import { aggregatePairCells, fitBradleyTerry, type PairCells, type PairwiseOutcomes } from "@judgelab/ratings";
import { describe, expect, it } from "vitest";
import { indexPairCells, subsetPairCells } from "./pair-cell-index.js";

/** Random outcomes (seeded LCG): `items` items, `rows` rows, verdicts 0–3 (3 = invalid). */
function randomOutcomes(items: number, rows: number): PairwiseOutcomes {
  let state = 7;
  const uniform = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const first = new Int32Array(rows);
  const second = new Int32Array(rows);
  const verdict = new Uint8Array(rows);
  const judge = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    first[row] = Math.floor(uniform() * items);
    second[row] = (first[row]! + 1 + Math.floor(uniform() * (items - 1))) % items;
    verdict[row] =
      uniform() < 0.05
        ? 3
        : uniform() < 0.1
          ? 2
          : first[row]! < second[row]!
            ? uniform() < 0.7
              ? 0
              : 1
            : uniform() < 0.5
              ? 0
              : 1;
    judge[row] = row % 3;
  }
  const itemIds = Array.from({ length: items }, (_, code) => `item-${code}`);
  return { size: rows, itemIds, judgeIds: ["a", "b", "c"], first, second, verdict, judge };
}

/** Cells as sorted "first-second:wins/losses/ties" strings (cell order is not part of the contract). */
function describeCells(cells: PairCells): string[] {
  return Array.from(
    { length: cells.size },
    (_, c) => `${cells.first[c]}-${cells.second[c]}:${cells.firstWins[c]}/${cells.secondWins[c]}/${cells.ties[c]}`,
  ).sort();
}

describe("subsetPairCells", () => {
  it("gives the cells aggregatePairCells builds from the kept rows", () => {
    const outcomes = randomOutcomes(30, 2000);
    const index = indexPairCells(outcomes);
    expect(describeCells(index.cells)).toEqual(describeCells(aggregatePairCells(outcomes)));
    const keep = (row: number) => outcomes.judge![row] !== 1 && row % 7 !== 0;
    const rows = Array.from({ length: outcomes.size }, (_, row) => row).filter(keep);
    const selected: PairwiseOutcomes = {
      size: rows.length,
      itemIds: outcomes.itemIds,
      first: Int32Array.from(rows, (row) => outcomes.first[row]!),
      second: Int32Array.from(rows, (row) => outcomes.second[row]!),
      verdict: Uint8Array.from(rows, (row) => outcomes.verdict[row]!),
    };
    expect(describeCells(subsetPairCells(index, keep))).toEqual(describeCells(aggregatePairCells(selected)));
  });

  it("a sparse fit warm-started at the full-data fit reaches the same maximum as a cold start", () => {
    const outcomes = randomOutcomes(60, 6000);
    const index = indexPairCells(outcomes);
    const full = fitBradleyTerry(index.cells, { solver: "sparse" });
    const half = subsetPairCells(index, (row) => row % 2 === 0);
    const cold = fitBradleyTerry(half, { solver: "sparse" });
    const warm = fitBradleyTerry(half, { solver: "sparse", start: full.parameters });
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThanOrEqual(cold.iterations);
    for (let item = 0; item < 60; item++) expect(warm.ratings[item]!).toBeCloseTo(cold.ratings[item]!, 6);
  });
});
