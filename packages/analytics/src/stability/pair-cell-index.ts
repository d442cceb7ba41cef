import { aggregatePairCells, type CellCounts, type PairCells, type PairwiseOutcomes } from "@judgelab/ratings";

/** Pooled pair cells of some outcomes with each row's cell, so that row subsets aggregate in O(rows + cells). */
export interface PairCellIndex {
  readonly cells: PairCells;
  /** Cell of each row (−1: verdict 3, not in any cell). */
  readonly rowCell: Int32Array;
  /** Outcome of each row in its cell's orientation: 0 cell.first wins, 1 cell.second wins, 2 tie. */
  readonly rowOutcome: Uint8Array;
}

/** Largest item count for a dense (items² entries) pair lookup; larger tables use a Map. */
const DENSE_ITEMS = 4096;

/**
 * Aggregates `outcomes` once into unordered pair cells (as `aggregatePairCells` without keepOrder: pair
 * (a, b) with a < b) and records every row's cell and oriented outcome.
 */
export function indexPairCells(outcomes: PairwiseOutcomes): PairCellIndex {
  const cells = aggregatePairCells(outcomes);
  const itemCount = outcomes.itemIds.length;
  const dense = itemCount <= DENSE_ITEMS ? new Int32Array(itemCount * itemCount).fill(-1) : undefined;
  const map = dense === undefined ? new Map<number, number>() : undefined;
  for (let cell = 0; cell < cells.size; cell++) {
    const key = cells.first[cell]! * itemCount + cells.second[cell]!;
    if (dense !== undefined) dense[key] = cell;
    else map?.set(key, cell);
  }
  const rowCell = new Int32Array(outcomes.size).fill(-1);
  const rowOutcome = new Uint8Array(outcomes.size);
  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    if (verdict > 2) continue;
    const a = outcomes.first[row]!;
    const b = outcomes.second[row]!;
    const swap = a > b;
    const key = swap ? b * itemCount + a : a * itemCount + b;
    rowCell[row] = dense !== undefined ? dense[key]! : (map?.get(key) ?? -1);
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
