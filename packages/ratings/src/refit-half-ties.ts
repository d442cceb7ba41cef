import type { CellCounts } from "./bradley-terry-likelihood.js";

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
    const f = cells.first[c] as number;
    const s = cells.second[c] as number;
    const fi = freeIndex[f] as number;
    const si = freeIndex[s] as number;
    firstSlot[c] = fi < 0 ? freeCount : fi;
    secondSlot[c] = si < 0 ? freeCount : si;
    // Only items with comparisons are rated; the one fixed among them is the reference item.
    if ((cells.firstWins[c] as number) + (cells.secondWins[c] as number) + (cells.ties[c] as number) > 0) {
      if (fi < 0) referenceItem = f;
      if (si < 0) referenceItem = s;
      expectedSlots[firstSlot[c] as number] = 1;
      expectedSlots[secondSlot[c] as number] = 1;
    }
  }
  const startStrength = new Float64Array(freeCount + 1);
  let mean = 0;
  for (let i = 0; i < options.itemCount; i++) mean += parameters[i] as number;
  mean /= Math.max(1, options.itemCount);
  for (let i = 0; i < options.itemCount; i++) {
    const free = freeIndex[i] as number;
    if (free >= 0) startStrength[free] = Math.exp((parameters[i] as number) - mean);
  }
  if (referenceItem >= 0) startStrength[freeCount] = Math.exp((parameters[referenceItem] as number) - mean);
  return {
    freeIndex,
    freeCount,
    orderIndex,
    startStrength,
    startOrderFactor: orderIndex >= 0 ? Math.exp(parameters[orderIndex] as number) : 1,
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
    const tieCount = ties[c] as number;
    const wins = firstWins[c] as number;
    const total = wins + (secondWins[c] as number) + tieCount;
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
  const fi = refit.firstSlot[c] as number;
  const si = refit.secondSlot[c] as number;
  seenSlots[fi] = 1;
  seenSlots[si] = 1;
  round.firstSlot[size] = fi;
  round.secondSlot[size] = si;
  round.weightFirst[size] = weightFirst;
  round.total[size] = total;
  let strengthFirst = startStrength[fi] as number;
  if (refit.orderIndex >= 0) {
    const positional = refit.positional[c] as number;
    round.positional[size] = positional;
    if (positional === 1) strengthFirst *= refit.startOrderFactor;
  }
  const score = weightFirst - (total * strengthFirst) / (strengthFirst + (startStrength[si] as number));
  round.startGradient[fi] = (round.startGradient[fi] as number) + score;
  round.startGradient[si] = (round.startGradient[si] as number) - score;
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
    slot += counts.firstWins[c] as number;
    winsEnd[c] = slot;
    slot += counts.secondWins[c] as number;
    lossesEnd[c] = slot;
    slot += counts.ties[c] as number;
  }
  start[cellCount] = slot;
  return { start, winsEnd, lossesEnd };
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
    running += hits[k] as number;
  }
  cumulative[hits.length] = running;
  const { start, winsEnd, lossesEnd } = slots;
  openRound(refit);
  const cellCount = refit.firstSlot.length;
  let size = 0;
  let before = cumulative[0] as number;
  for (let c = 0; c < cellCount; c++) {
    const afterWins = cumulative[winsEnd[c] as number] as number;
    const afterLosses = cumulative[lossesEnd[c] as number] as number;
    const after = cumulative[start[c + 1] as number] as number;
    const total = after - before;
    const wins = afterWins - before;
    const tieCount = after - afterLosses;
    before = after;
    if (total !== 0) size = appendCell(refit, c, wins + tieCount / 2, total, size);
  }
  return closeRound(refit, size);
}

/**
 * The bootstrap's hot loop for half ties: chord Newton θ ← θ + I₀⁻¹·∇ℓ(θ) with the full-data information I₀
 * frozen, from the full-data estimate (which `parameters` must hold on entry), without line search. Each step
 * is one pass over the round's cells (score w_f − m·σ(d), with one exponential per item, not per cell; the first
 * step's scores were summed while loading) and one product with the single-precision I₀⁻¹. The iteration
 * contracts at about the relative change of the information between the resample and the full data; it stops
 * once the step, or its geometric-series error estimate, is below `tolerance`. Returns the number of steps, or
 * −1 when it fails to contract within `maxSteps` (the caller then refits with Newton). Parameters are updated
 * in place. Load the round first.
 */
export function refitHalfTies(
  refit: HalfTiesRefit,
  parameters: Float64Array,
  options: {
    tolerance: number;
    maxSteps: number;
    /** L2 penalty of this refit; default the refit's own (the fit's). */
    prior?: number;
    /** Chord matrix s·I₀ instead of I₀: about the data's share of the full data's comparisons (default 1). */
    informationScale?: number;
  },
): number {
  const { freeIndex, freeCount, orderIndex } = refit;
  const prior = options.prior ?? refit.prior;
  const stepScale = 1 / (options.informationScale ?? 1);
  const gradient = new Float64Array(freeCount + 1);
  const chordStep = new Float64Array(freeCount);
  const slotStrength = new Float64Array(freeCount + 1);
  const slotParameter = new Int32Array(freeCount);
  for (let p = 0; p < freeIndex.length; p++)
    if ((freeIndex[p] as number) >= 0) slotParameter[freeIndex[p] as number] = p;
  const orderFree = orderIndex >= 0 ? (freeIndex[orderIndex] as number) : -1;
  const referenceValue = refit.referenceItem >= 0 ? (parameters[refit.referenceItem] as number) : 0;
  const x = new Float64Array(freeCount);
  for (let k = 0; k < freeCount; k++) x[k] = parameters[slotParameter[k] as number] as number;
  let previous = Number.POSITIVE_INFINITY;
  for (let step = 1; step <= options.maxSteps; step++) {
    let orderScore: number;
    if (step === 1) {
      // `parameters` hold the full-data estimate on entry: its scores were summed while loading the round.
      gradient.set(refit.round.startGradient);
      orderScore = refit.round.startOrderScore;
    } else {
      gradient.fill(0);
      // σ(θ_f − θ_s + δ) = π_f·e^δ / (π_f·e^δ + π_s) with π = e^(θ − c): one exponential per item, not per cell.
      // Any common shift c cancels in the ratio; the mean keeps the exponentials far from overflow.
      let mean = 0;
      for (let k = 0; k < freeCount; k++) if (k !== orderFree) mean += x[k] as number;
      mean /= Math.max(1, freeCount - (orderFree >= 0 ? 1 : 0));
      for (let k = 0; k < freeCount; k++) slotStrength[k] = Math.exp((x[k] as number) - mean);
      slotStrength[freeCount] = Math.exp(referenceValue - mean);
      orderScore =
        orderFree >= 0
          ? accumulatePositionalScores(refit, slotStrength, Math.exp(x[orderFree] as number), gradient)
          : accumulateScores(refit, slotStrength, gradient);
    }
    if (orderFree >= 0) gradient[orderFree] = orderScore;
    if (prior > 0) {
      for (let k = 0; k < freeCount; k++) {
        if (k !== orderFree) gradient[k] = (gradient[k] as number) - prior * (x[k] as number);
      }
    }
    multiplySymmetric(refit.inverse, freeCount, gradient, chordStep);
    // With every item free (a prior, no reference item) the maximum has Σθ = 0: the item scores cancel in the sum,
    // leaving −prior·Σθ. Stepping then re-centring keeps the iteration there, whatever the chord matrix's own
    // prior (a subset refit may use another prior than the factor was built with).
    let shift = 0;
    if (refit.referenceItem < 0) {
      for (let k = 0; k < freeCount; k++)
        if (k !== orderFree) shift += (x[k] as number) + (chordStep[k] as number) * stepScale;
      shift /= Math.max(1, freeCount - (orderFree >= 0 ? 1 : 0));
    }
    let largest = 0;
    for (let k = 0; k < freeCount; k++) {
      const change = (chordStep[k] as number) * stepScale - (k === orderFree ? 0 : shift);
      x[k] = (x[k] as number) + change;
      largest = Math.max(largest, Math.abs(change));
    }
    if (!Number.isFinite(largest) || largest > 10 * previous) return -1;
    // The chord iteration contracts geometrically; with rate ρ ≈ largest/previous the remaining error is about
    // largest·ρ/(1 − ρ), so stop once that (or the step itself) is below the tolerance.
    const rate = Number.isFinite(previous) ? largest / previous : 1;
    if (largest < options.tolerance || (rate < 0.5 && (largest * rate) / (1 - rate) < options.tolerance)) {
      for (let k = 0; k < freeCount; k++) parameters[slotParameter[k] as number] = x[k] as number;
      return step;
    }
    previous = largest;
  }
  return -1;
}

/**
 * A⁻¹ from the Cholesky factor L of A (row-major, lower triangle), in single precision: L⁻¹ row by row
 * (row i = −(1/L_ii)·Σ_{k<i} L_ik·row_k of L⁻¹, plus 1/L_ii on the diagonal), then A⁻¹ = L⁻ᵀL⁻¹ as a sum of
 * outer products of L⁻¹'s rows. About items³/3 multiply–adds, all along contiguous rows.
 */
export function invertFromCholesky(factor: Float64Array, size: number): Float32Array {
  const lowerInverse = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const rowI = i * size;
    const pivot = factor[rowI + i] as number;
    for (let k = 0; k < i; k++) {
      const coefficient = factor[rowI + k] as number;
      if (coefficient === 0) continue;
      const rowK = k * size;
      for (let j = 0; j <= k; j++) {
        lowerInverse[rowI + j] = (lowerInverse[rowI + j] as number) - coefficient * (lowerInverse[rowK + j] as number);
      }
    }
    for (let j = 0; j < i; j++) lowerInverse[rowI + j] = (lowerInverse[rowI + j] as number) / pivot;
    lowerInverse[rowI + i] = 1 / pivot;
  }
  const inverse = new Float64Array(size * size);
  for (let k = 0; k < size; k++) {
    const rowK = k * size;
    for (let i = 0; i <= k; i++) {
      const scale = lowerInverse[rowK + i] as number;
      if (scale === 0) continue;
      const rowI = i * size;
      for (let j = 0; j <= i; j++)
        inverse[rowI + j] = (inverse[rowI + j] as number) + scale * (lowerInverse[rowK + j] as number);
    }
  }
  const single = new Float32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      const value = inverse[i * size + j] as number;
      single[i * size + j] = value;
      single[j * size + i] = value;
    }
  }
  return single;
}

/** out = M·v for a symmetric single-precision M (row-major), four rows per pass over v. */
function multiplySymmetric(matrix: Float32Array, size: number, vector: Float64Array, out: Float64Array): void {
  let i = 0;
  for (; i + 3 < size; i += 4) {
    const row0 = i * size;
    const row1 = row0 + size;
    const row2 = row1 + size;
    const row3 = row2 + size;
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    for (let k = 0; k < size; k++) {
      const value = vector[k] as number;
      sum0 += (matrix[row0 + k] as number) * value;
      sum1 += (matrix[row1 + k] as number) * value;
      sum2 += (matrix[row2 + k] as number) * value;
      sum3 += (matrix[row3 + k] as number) * value;
    }
    out[i] = sum0;
    out[i + 1] = sum1;
    out[i + 2] = sum2;
    out[i + 3] = sum3;
  }
  for (; i < size; i++) {
    const row = i * size;
    let sum = 0;
    for (let k = 0; k < size; k++) sum += (matrix[row + k] as number) * (vector[k] as number);
    out[i] = sum;
  }
}

/** Scores w_f − m·π_f/(π_f + π_s) per cell into the free slots (no order effect): the hot loop of a round. */
function accumulateScores(refit: HalfTiesRefit, slotStrength: Float64Array, gradient: Float64Array): number {
  const { firstSlot, secondSlot, weightFirst, total, size } = refit.round;
  for (let c = 0; c < size; c++) {
    const fi = firstSlot[c] as number;
    const si = secondSlot[c] as number;
    const strengthFirst = slotStrength[fi] as number;
    const score =
      (weightFirst[c] as number) -
      ((total[c] as number) * strengthFirst) / (strengthFirst + (slotStrength[si] as number));
    gradient[fi] = (gradient[fi] as number) + score;
    gradient[si] = (gradient[si] as number) - score;
  }
  return 0;
}

/** {@link accumulateScores} with the order effect e^δ on positional cells; returns the δ score. */
function accumulatePositionalScores(
  refit: HalfTiesRefit,
  slotStrength: Float64Array,
  orderFactor: number,
  gradient: Float64Array,
): number {
  const { firstSlot, secondSlot, weightFirst, total, positional, size } = refit.round;
  let orderScore = 0;
  for (let c = 0; c < size; c++) {
    const fi = firstSlot[c] as number;
    const si = secondSlot[c] as number;
    const isPositional = positional[c] === 1;
    const strengthFirst = (slotStrength[fi] as number) * (isPositional ? orderFactor : 1);
    const score =
      (weightFirst[c] as number) -
      ((total[c] as number) * strengthFirst) / (strengthFirst + (slotStrength[si] as number));
    gradient[fi] = (gradient[fi] as number) + score;
    gradient[si] = (gradient[si] as number) - score;
    if (isPositional) orderScore += score;
  }
  return orderScore;
}
