import { aggregatePairCells, type CellCounts, type PairCells, type PairwiseOutcomes } from "@judgelab/ratings";

/** Pooled pair cells of some outcomes with each row's cell, so that row subsets aggregate in O(rows + cells). */
export interface PairCellIndex {
  readonly cells: PairCells;
  /** Cell of each row (−1: verdict 3, not in any cell). */
  readonly rowCell: Int32Array;
  /** Outcome of each row in its cell's orientation: 0 cell.first wins, 1 cell.second wins, 2 tie. */
  readonly rowOutcome: Uint8Array;
}

/**
 * Aggregates `outcomes` once into unordered pair cells (`aggregatePairCells` without keepOrder: pair (a, b) with
 * a < b, each row's cell from its `rowCells` option) and records every row's outcome in its cell's orientation.
 */
export function indexPairCells(outcomes: PairwiseOutcomes): PairCellIndex {
  const { rowCell, ...cells } = aggregatePairCells(outcomes, { rowCells: true });
  if (rowCell === undefined) throw new Error("indexPairCells: aggregatePairCells returned no rowCell");
  const rowOutcome = new Uint8Array(outcomes.size);
  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    if (verdict > 2) continue;
    const swap = outcomes.first[row]! > outcomes.second[row]!;
    rowOutcome[row] = swap && verdict < 2 ? 1 - verdict : verdict;
  }
  return { cells, rowCell, rowOutcome };
}

/** Outcome counts of the rows accepted by `keep`, over the index's cells (zero where no kept row falls). */
export function countPairCells(index: PairCellIndex, keep: (row: number) => boolean): CellCounts {
  const { cells, rowCell, rowOutcome } = index;
  const counts = [new Float64Array(cells.size), new Float64Array(cells.size), new Float64Array(cells.size)] as const;
  for (let row = 0; row < rowCell.length; row++) {
    const cell = rowCell[row]!;
    if (cell >= 0 && keep(row)) counts[rowOutcome[row] as 0 | 1 | 2][cell]!++;
  }
  return { firstWins: counts[0], secondWins: counts[1], ties: counts[2] };
}

/**
 * The pair cells of the rows accepted by `keep` (cells without any kept row left out, the others in the
 * index's order): the same cells `aggregatePairCells` builds from those rows, up to cell order.
 */
export function subsetPairCells(index: PairCellIndex, keep: (row: number) => boolean): PairCells {
  return compactPairCells(index.cells, countPairCells(index, keep));
}

/** The cells with these counts, leaving out cells whose counts are all zero. */
export function compactPairCells(cells: PairCells, counts: CellCounts): PairCells {
  let size = 0;
  for (let cell = 0; cell < cells.size; cell++) {
    if (counts.firstWins[cell]! + counts.secondWins[cell]! + counts.ties[cell]! > 0) size++;
  }
  const first = new Int32Array(size);
  const second = new Int32Array(size);
  const firstWins = new Float64Array(size);
  const secondWins = new Float64Array(size);
  const ties = new Float64Array(size);
  let next = 0;
  for (let cell = 0; cell < cells.size; cell++) {
    const total = counts.firstWins[cell]! + counts.secondWins[cell]! + counts.ties[cell]!;
    if (total === 0) continue;
    first[next] = cells.first[cell]!;
    second[next] = cells.second[cell]!;
    firstWins[next] = counts.firstWins[cell]!;
    secondWins[next] = counts.secondWins[cell]!;
    ties[next] = counts.ties[cell]!;
    next++;
  }
  return {
    size,
    itemIds: cells.itemIds,
    judgeIds: cells.judgeIds,
    first,
    second,
    positional: new Uint8Array(size),
    judge: new Int32Array(size).fill(-1),
    firstWins,
    secondWins,
    ties,
    invalidCount: 0,
  };
}
