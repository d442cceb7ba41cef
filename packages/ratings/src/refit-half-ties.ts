import type { CellCounts } from "./bradley-terry-likelihood.js";

/**
 * The bootstrap's half-ties refit, built once per bootstrap by {@link createHalfTiesRefit}: the cells' gradient
 * slots, the frozen information factor and σ(d) at the full-data estimate, plus buffers for one round's cells.
 * Each round loads its resampled counts with {@link loadHalfTiesRound} and calls {@link refitHalfTies}.
 */
export interface HalfTiesRefit {
  /** Gradient slot of each cell's first / second item; the fixed reference item has the spare slot `freeCount`. */
  readonly firstSlot: Int32Array;
  readonly secondSlot: Int32Array;
  /** 1 where the order effect applies. */
  readonly positional: Uint8Array;
  /** σ(d_c) at the full-data estimate, where every round starts: the first step needs no exponentials. */
  readonly startProbability: Float64Array;
  /** Parameter → free index, −1 when fixed. */
  readonly freeIndex: Int32Array;
  readonly freeCount: number;
  /** Parameter index of δ, −1 without an order effect. */
  readonly orderIndex: number;
  /**
   * Cholesky factor L of the information at the full-data estimate, lower triangle packed row by row in single
   * precision (row i at i(i+1)/2): the chord matrix only has to approximate the information (the fixed point
   * ∇ℓ = 0 does not depend on it), and half the bytes make the two triangular solves per step twice as fast.
   */
  readonly packedFactor: Float32Array;
  /** L2 penalty on the item strengths (as in the fit). */
  readonly prior: number;
  readonly itemCount: number;
  /** The fixed reference item (its strength is the spare slot), −1 when every item is free (with a prior). */
  readonly referenceItem: number;
  /** 1 for each gradient slot of an item with comparisons in the full data (the reference's is the spare slot). */
  readonly expectedSlots: Uint8Array;
  /** Scratch: slots seen in the current round. */
  readonly seenSlots: Uint8Array;
  /** The current round's cells with a resampled comparison (packed; the first `roundSize` entries are used). */
  readonly round: {
    size: number;
    readonly firstSlot: Int32Array;
    readonly secondSlot: Int32Array;
    /** w_f = wins of first + ties/2. */
    readonly weightFirst: Float32Array;
    /** m = all comparisons of the cell (single precision is exact for counts and halves below 2²³). */
    readonly total: Float32Array;
    readonly startProbability: Float64Array;
    readonly positional: Uint8Array;
  };
}

/** Precomputes a {@link HalfTiesRefit} for cells fitted at `parameters` (θ, then δ if any). */
export function createHalfTiesRefit(options: {
  cells: { first: Int32Array; second: Int32Array; positional: Uint8Array } & CellCounts;
  parameters: Float64Array;
  freeIndex: Int32Array;
  freeCount: number;
  orderIndex: number;
  factor: Float64Array;
  prior: number;
  itemCount: number;
}): HalfTiesRefit {
  const { cells, parameters, freeIndex, freeCount, orderIndex } = options;
  const cellCount = cells.first.length;
  const firstSlot = new Int32Array(cellCount);
  const secondSlot = new Int32Array(cellCount);
  const startProbability = new Float64Array(cellCount);
  const delta = orderIndex >= 0 ? (parameters[orderIndex] as number) : 0;
  let referenceItem = -1;
  const expectedSlots = new Uint8Array(freeCount + 1);
  for (let c = 0; c < cellCount; c++) {
    const f = cells.first[c] as number;
    const s = cells.second[c] as number;
    const fi = freeIndex[f] as number;
    const si = freeIndex[s] as number;
    if (fi < 0) referenceItem = f;
    if (si < 0) referenceItem = s;
    firstSlot[c] = fi < 0 ? freeCount : fi;
    secondSlot[c] = si < 0 ? freeCount : si;
    if ((cells.firstWins[c] as number) + (cells.secondWins[c] as number) + (cells.ties[c] as number) > 0) {
      expectedSlots[firstSlot[c] as number] = 1;
      expectedSlots[secondSlot[c] as number] = 1;
    }
    const d = (parameters[f] as number) - (parameters[s] as number) + (cells.positional[c] === 1 ? delta : 0);
    startProbability[c] = 1 / (1 + Math.exp(-d));
  }
  return {
    freeIndex,
    freeCount,
    orderIndex,
    packedFactor: packLowerTriangle(options.factor, freeCount),
    prior: options.prior,
    itemCount: options.itemCount,
    referenceItem,
    expectedSlots,
    seenSlots: new Uint8Array(freeCount + 1),
    positional: cells.positional,
    firstSlot,
    secondSlot,
    startProbability,
    round: {
      size: 0,
      firstSlot: new Int32Array(cellCount),
      secondSlot: new Int32Array(cellCount),
      weightFirst: new Float32Array(cellCount),
      total: new Float32Array(cellCount),
      startProbability: new Float64Array(cellCount),
      positional: new Uint8Array(cellCount),
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
  const round = refit.round;
  const seen = refit.seenSlots;
  seen.fill(0);
  let size = 0;
  for (let c = 0; c < refit.firstSlot.length; c++) {
    const tieCount = ties[c] as number;
    const wins = firstWins[c] as number;
    const total = wins + (secondWins[c] as number) + tieCount;
    if (total === 0) continue;
    const fi = refit.firstSlot[c] as number;
    const si = refit.secondSlot[c] as number;
    seen[fi] = 1;
    seen[si] = 1;
    round.firstSlot[size] = fi;
    round.secondSlot[size] = si;
    round.weightFirst[size] = wins + tieCount / 2;
    round.total[size] = total;
    round.startProbability[size] = refit.startProbability[c] as number;
    round.positional[size] = refit.positional[c] as number;
    size++;
  }
  round.size = size;
  for (let slot = 0; slot < seen.length; slot++) if (seen[slot] !== refit.expectedSlots[slot]) return false;
  return true;
}

/**
 * The bootstrap's hot loop for half ties: chord Newton θ ← θ + I₀⁻¹·∇ℓ(θ) with the full-data information I₀
 * frozen, from the full-data estimate (which `parameters` must hold on entry), without line search. Each step
 * is one pass over the round's cells (score w_f − m·σ(d), with one exponential per item, not per cell) and two
 * triangular solves. The iteration contracts at about the relative change of the information between the
 * resample and the full data. Returns the number of steps, or −1 when it fails to contract within `maxSteps`
 * (the caller then refits with full Newton). Parameters are updated in place. Call {@link loadHalfTiesRound}
 * first.
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
    gradient.fill(0);
    let orderScore: number;
    if (step === 1) orderScore = accumulateStartScores(refit, gradient);
    else {
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
    solvePackedCholesky(refit.packedFactor, freeCount, gradient);
    // With every item free (a prior, no reference item) the maximum has Σθ = 0: the item scores cancel in the sum,
    // leaving −prior·Σθ. Stepping then re-centring keeps the iteration there, whatever the chord matrix's own
    // prior (a subset refit may use another prior than the factor was built with).
    let shift = 0;
    if (refit.referenceItem < 0) {
      for (let k = 0; k < freeCount; k++)
        if (k !== orderFree) shift += (x[k] as number) + (gradient[k] as number) * stepScale;
      shift /= Math.max(1, freeCount - (orderFree >= 0 ? 1 : 0));
    }
    let largest = 0;
    for (let k = 0; k < freeCount; k++) {
      const change = (gradient[k] as number) * stepScale - (k === orderFree ? 0 : shift);
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

function packLowerTriangle(factor: Float64Array, size: number): Float32Array {
  const packed = new Float32Array((size * (size + 1)) / 2);
  for (let i = 0; i < size; i++) packed.set(factor.subarray(i * size, i * size + i + 1), (i * (i + 1)) / 2);
  return packed;
}

/** Solves L·Lᵀ·x = b in place with L packed as in {@link HalfTiesRefit.packedFactor} (rows read contiguously). */
function solvePackedCholesky(packed: Float32Array, size: number, vector: Float64Array): void {
  for (let i = 0, row = 0; i < size; row += ++i) {
    let sum0 = vector[i] as number;
    let sum1 = 0;
    let k = 0;
    for (; k + 1 < i; k += 2) {
      sum0 -= (packed[row + k] as number) * (vector[k] as number);
      sum1 -= (packed[row + k + 1] as number) * (vector[k + 1] as number);
    }
    if (k < i) sum0 -= (packed[row + k] as number) * (vector[k] as number);
    vector[i] = (sum0 + sum1) / (packed[row + i] as number);
  }
  for (let i = size - 1; i >= 0; i--) {
    const row = (i * (i + 1)) / 2;
    const value = (vector[i] as number) / (packed[row + i] as number);
    vector[i] = value;
    for (let k = 0; k < i; k++) vector[k] = (vector[k] as number) - (packed[row + k] as number) * value;
  }
}

/** Scores w_f − m·p at the start probabilities (the full-data fit): no exponentials. Returns the δ score. */
function accumulateStartScores(refit: HalfTiesRefit, gradient: Float64Array): number {
  const { firstSlot, secondSlot, weightFirst, total, startProbability, positional, size } = refit.round;
  const withOrder = refit.orderIndex >= 0;
  let orderScore = 0;
  for (let c = 0; c < size; c++) {
    const score = (weightFirst[c] as number) - (total[c] as number) * (startProbability[c] as number);
    const fi = firstSlot[c] as number;
    const si = secondSlot[c] as number;
    gradient[fi] = (gradient[fi] as number) + score;
    gradient[si] = (gradient[si] as number) - score;
    if (withOrder && positional[c] === 1) orderScore += score;
  }
  return orderScore;
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
