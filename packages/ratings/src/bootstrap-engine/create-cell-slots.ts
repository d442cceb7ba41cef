import type { CellCounts } from "../bradley-terry-likelihood.js";

/**
 * Where each cell's resampled comparisons land in a slot resample ({@link SlotResample}) whose categories are
 * the cells' outcomes interleaved (3c: first wins, 3c + 1: second wins, 3c + 2: ties): cell c's slots are
 * [start[c], start[c + 1]), its first-win slots end at winsEnd[c] and its second-win slots at lossesEnd[c].
 */
export interface CellSlots {
  readonly start: Int32Array;
  readonly winsEnd: Int32Array;
  readonly lossesEnd: Int32Array;
}

/** The {@link CellSlots} of cells with these (integer) counts. */
export function createCellSlots(counts: CellCounts): CellSlots {
  const cellCount = counts.firstWins.length;
  const start = new Int32Array(cellCount + 1);
  const winsEnd = new Int32Array(cellCount);
  const lossesEnd = new Int32Array(cellCount);
  let slot = 0;
  for (let c = 0; c < cellCount; c++) {
    start[c] = slot;
    slot += counts.firstWins[c]!;
    winsEnd[c] = slot;
    slot += counts.secondWins[c]!;
    lossesEnd[c] = slot;
    slot += counts.ties[c]!;
  }
  start[cellCount] = slot;
  return { start, winsEnd, lossesEnd };
}
