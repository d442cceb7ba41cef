import type { CellCounts } from "../bradley-terry-likelihood.js";
import type { CellSlots } from "./create-cell-slots.js";
import type { HalfTiesRefit } from "./create-half-ties-refit.js";

/**
 * Packs one resample's cells with at least one comparison (about 1 − e^(−m) of a cell of m) so that later passes
 * skip none. Returns true when the resample still compares every item of the full data (else the frozen layout
 * does not apply and the caller refits another way).
 */
export function loadHalfTiesRound(refit: HalfTiesRefit, counts: CellCounts): boolean {
  const { firstWins, secondWins, ties } = counts;
  openRound(refit);
  let size = 0;
  for (let c = 0; c < refit.firstSlot.length; c++) {
    const tieCount = ties[c]!;
    const wins = firstWins[c]!;
    const total = wins + secondWins[c]! + tieCount;
    if (total !== 0) size = appendCell(refit, c, wins + tieCount / 2, total, size);
  }
  return closeRound(refit, size);
}

function openRound(refit: HalfTiesRefit): void {
  refit.seenSlots.fill(0);
  refit.round.startGradient.fill(0);
  refit.round.startOrderScore = 0;
}

/**
 * Appends cell c with w_f and m at position `size` of the round's packed cells, marks its items seen and adds
 * its score at the full-data estimate to the start gradient (the first step then needs no pass of its own).
 */
function appendCell(refit: HalfTiesRefit, c: number, weightFirst: number, total: number, size: number): number {
  const { round, seenSlots, startStrength } = refit;
  const fi = refit.firstSlot[c]!;
  const si = refit.secondSlot[c]!;
  seenSlots[fi] = 1;
  seenSlots[si] = 1;
  round.firstSlot[size] = fi;
  round.secondSlot[size] = si;
  round.weightFirst[size] = weightFirst;
  round.total[size] = total;
  let strengthFirst = startStrength[fi]!;
  if (refit.orderIndex >= 0) {
    const positional = refit.positional[c]!;
    round.positional[size] = positional;
    if (positional === 1) strengthFirst *= refit.startOrderFactor;
  }
  const score = weightFirst - (total * strengthFirst) / (strengthFirst + startStrength[si]!);
  round.startGradient[fi] = round.startGradient[fi]! + score;
  round.startGradient[si] = round.startGradient[si]! - score;
  if (refit.orderIndex >= 0 && refit.positional[c] === 1) round.startOrderScore += score;
  return size + 1;
}

/** Records the round's size; true when it compares every item of the full data. */
function closeRound(refit: HalfTiesRefit, size: number): boolean {
  refit.round.size = size;
  const { seenSlots, expectedSlots } = refit;
  for (let slot = 0; slot < seenSlots.length; slot++) if (seenSlots[slot] !== expectedSlots[slot]) return false;
  return true;
}

/**
 * {@link loadHalfTiesRound} straight from the hits of a slot resample laid out as `slots` says (`cumulative`
 * is scratch of hits.length + 1): sums each cell's hits once, without writing per-category counts first.
 * Returns true when every item of the full data is still compared.
 */
export function loadHalfTiesRoundFromSlots(
  refit: HalfTiesRefit,
  hits: Uint8Array,
  slots: CellSlots,
  cumulative: Int32Array,
): boolean {
  // Prefix sums of the hits (cumulative[k] = hits before slot k), so that each cell's counts are differences:
  // no short inner loops with unpredictable trip counts.
  let running = 0;
  for (let k = 0; k < hits.length; k++) {
    cumulative[k] = running;
    running += hits[k]!;
  }
  cumulative[hits.length] = running;
  const { start, winsEnd, lossesEnd } = slots;
  openRound(refit);
  const cellCount = refit.firstSlot.length;
  let size = 0;
  let before = cumulative[0]!;
  for (let c = 0; c < cellCount; c++) {
    const afterWins = cumulative[winsEnd[c]!]!;
    const afterLosses = cumulative[lossesEnd[c]!]!;
    const after = cumulative[start[c + 1]!]!;
    const total = after - before;
    const wins = afterWins - before;
    const tieCount = after - afterLosses;
    before = after;
    if (total !== 0) size = appendCell(refit, c, wins + tieCount / 2, total, size);
  }
  return closeRound(refit, size);
}
