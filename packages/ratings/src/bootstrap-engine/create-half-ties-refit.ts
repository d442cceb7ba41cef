import type { CellCounts } from "../bradley-terry-likelihood.js";
import { invertFromCholesky } from "../invert-from-cholesky.js";

/**
 * The bootstrap's half-ties refit, built once per thread by {@link createHalfTiesRefit}: the cells' gradient
 * slots, the inverse of the full-data information and the strengths at the full-data estimate, plus buffers for
 * one round's cells. Each round loads its resampled counts ({@link loadHalfTiesRound} or
 * {@link loadHalfTiesRoundFromSlots}) and calls {@link refitHalfTies}.
 */
export interface HalfTiesRefit {
  /** Gradient slot of each cell's first / second item; the fixed reference item has the spare slot `freeCount`. */
  readonly firstSlot: Int32Array;
  readonly secondSlot: Int32Array;
  /** 1 where the order effect applies. */
  readonly positional: Uint8Array;
  /** Parameter → free index, −1 when fixed. */
  readonly freeIndex: Int32Array;
  readonly freeCount: number;
  /** Parameter index of δ, −1 without an order effect. */
  readonly orderIndex: number;
  /**
   * Inverse of the information at the full-data estimate (free × free, row-major) in single precision: the
   * chord matrix only has to approximate the information (the fixed point ∇ℓ = 0 does not depend on it), and a
   * matrix–vector product over 4-byte entries took about a third of the time of two triangular solves.
   */
  readonly inverse: Float32Array;
  /** L2 penalty on the item strengths (as in the fit). */
  readonly prior: number;
  readonly itemCount: number;
  /** The fixed reference item (its strength is the spare slot), −1 when every item is free (with a prior). */
  readonly referenceItem: number;
  /** 1 for each gradient slot of an item with comparisons in the full data (the reference's is the spare slot). */
  readonly expectedSlots: Uint8Array;
  /** Scratch: slots seen in the current round. */
  readonly seenSlots: Uint8Array;
  /** Strengths e^(θ̂ − c) per gradient slot at the full-data estimate, and e^δ̂: for the first step's scores. */
  readonly startStrength: Float64Array;
  readonly startOrderFactor: number;
  /** The current round's cells with a resampled comparison (packed: the first `size` entries are used). */
  readonly round: {
    size: number;
    readonly firstSlot: Int32Array;
    readonly secondSlot: Int32Array;
    /** w_f = wins of first + ties/2. */
    readonly weightFirst: Float64Array;
    /** m = all comparisons of the cell. */
    readonly total: Float64Array;
    /** Filled only with an order effect. */
    readonly positional: Uint8Array;
    /** The round's score at the full-data estimate (where every refit starts), summed while loading. */
    readonly startGradient: Float64Array;
    startOrderScore: number;
  };
}

/** Precomputes a {@link HalfTiesRefit} for cells with the full-data information's Cholesky factor. */
export function createHalfTiesRefit(options: {
  cells: { first: Int32Array; second: Int32Array; positional: Uint8Array } & CellCounts;
  /** The full-data estimate (θ, then δ if any), where every refit starts. */
  parameters: Float64Array;
  freeIndex: Int32Array;
  freeCount: number;
  orderIndex: number;
  factor: Float64Array;
  /** {@link invertFromCholesky} of `factor`, when already computed (e.g. shared by several threads). */
  inverse?: Float32Array;
  prior: number;
  itemCount: number;
}): HalfTiesRefit {
  const { cells, parameters, freeIndex, freeCount, orderIndex } = options;
  const cellCount = cells.first.length;
  const firstSlot = new Int32Array(cellCount);
  const secondSlot = new Int32Array(cellCount);
  let referenceItem = -1;
  const expectedSlots = new Uint8Array(freeCount + 1);
  for (let c = 0; c < cellCount; c++) {
    const f = cells.first[c]!;
    const s = cells.second[c]!;
    const fi = freeIndex[f]!;
    const si = freeIndex[s]!;
    firstSlot[c] = fi < 0 ? freeCount : fi;
    secondSlot[c] = si < 0 ? freeCount : si;
    // Only items with comparisons are rated; the one fixed among them is the reference item.
    if (cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]! > 0) {
      if (fi < 0) referenceItem = f;
      if (si < 0) referenceItem = s;
      expectedSlots[firstSlot[c]!] = 1;
      expectedSlots[secondSlot[c]!] = 1;
    }
  }
  const startStrength = new Float64Array(freeCount + 1);
  let mean = 0;
  for (let i = 0; i < options.itemCount; i++) mean += parameters[i]!;
  mean /= Math.max(1, options.itemCount);
  for (let i = 0; i < options.itemCount; i++) {
    const free = freeIndex[i]!;
    if (free >= 0) startStrength[free] = Math.exp(parameters[i]! - mean);
  }
  if (referenceItem >= 0) startStrength[freeCount] = Math.exp(parameters[referenceItem]! - mean);
  return {
    freeIndex,
    freeCount,
    orderIndex,
    startStrength,
    startOrderFactor: orderIndex >= 0 ? Math.exp(parameters[orderIndex]!) : 1,
    inverse: options.inverse ?? invertFromCholesky(options.factor, freeCount),
    prior: options.prior,
    itemCount: options.itemCount,
    referenceItem,
    expectedSlots,
    seenSlots: new Uint8Array(freeCount + 1),
    positional: cells.positional,
    firstSlot,
    secondSlot,
    round: {
      size: 0,
      firstSlot: new Int32Array(cellCount),
      secondSlot: new Int32Array(cellCount),
      weightFirst: new Float64Array(cellCount),
      total: new Float64Array(cellCount),
      positional: new Uint8Array(cellCount),
      startGradient: new Float64Array(freeCount + 1),
      startOrderScore: 0,
    },
  };
}
