import { choleskySolveInPlace } from "./cholesky.js";

/**
 * The fixed part of the bootstrap's half-ties refit, built once per bootstrap by {@link createHalfTiesRefit}:
 * the cells' gradient slots, the frozen information factor and σ(d) at the full-data estimate. Each round
 * writes its resampled `weightFirst` and `total` and calls {@link refitHalfTies}.
 */
export interface HalfTiesRefit {
  readonly first: Int32Array;
  readonly second: Int32Array;
  /** 1 where the order effect applies. */
  readonly positional: Uint8Array;
  /** Gradient slot of each cell's first / second item; fixed items write to a spare slot `freeCount`. */
  readonly firstSlot: Int32Array;
  readonly secondSlot: Int32Array;
  /** w_f = wins of first + ties/2 per cell, for the current round. */
  readonly weightFirst: Float64Array;
  /** m = all comparisons of the cell, for the current round. */
  readonly total: Float64Array;
  /** σ(d_c) at the full-data estimate, where every round starts: the first step needs no exponentials. */
  readonly startProbability: Float64Array;
  /** Parameter → free index, −1 when fixed. */
  readonly freeIndex: Int32Array;
  readonly freeCount: number;
  /** Parameter index of δ, −1 without an order effect. */
  readonly orderIndex: number;
  /** Cholesky factor of the information at the full-data estimate. */
  readonly factor: Float64Array;
  /** L2 penalty on the item strengths (as in the fit). */
  readonly prior: number;
  readonly itemCount: number;
}

/** Precomputes a {@link HalfTiesRefit} for cells fitted at `parameters` (θ, then δ if any). */
export function createHalfTiesRefit(options: {
  cells: { first: Int32Array; second: Int32Array; positional: Uint8Array };
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
  for (let c = 0; c < cellCount; c++) {
    const f = cells.first[c] as number;
    const s = cells.second[c] as number;
    const fi = freeIndex[f] as number;
    const si = freeIndex[s] as number;
    firstSlot[c] = fi < 0 ? freeCount : fi;
    secondSlot[c] = si < 0 ? freeCount : si;
    const d = (parameters[f] as number) - (parameters[s] as number) + (cells.positional[c] === 1 ? delta : 0);
    startProbability[c] = 1 / (1 + Math.exp(-d));
  }
  return {
    freeIndex,
    freeCount,
    orderIndex,
    factor: options.factor,
    prior: options.prior,
    itemCount: options.itemCount,
    first: cells.first,
    second: cells.second,
    positional: cells.positional,
    firstSlot,
    secondSlot,
    weightFirst: new Float64Array(cellCount),
    total: new Float64Array(cellCount),
    startProbability,
  };
}

/**
 * The bootstrap's hot loop for half ties: chord Newton θ ← θ + I₀⁻¹·∇ℓ(θ) with the full-data information I₀
 * frozen, from the full-data estimate (which `parameters` must hold on entry), without line search. Each step
 * is one pass over the cells (score w_f − m·σ(d)) and two triangular solves. Returns the number of steps, or −1
 * when it fails to contract within `maxSteps` (the caller then refits with full Newton). Parameters are
 * updated in place.
 */
export function refitHalfTies(
  refit: HalfTiesRefit,
  parameters: Float64Array,
  options: { tolerance: number; maxSteps: number },
): number {
  const { first, second, positional, firstSlot, secondSlot, weightFirst, total, freeIndex, freeCount, orderIndex } =
    refit;
  const cellCount = first.length;
  const gradient = new Float64Array(freeCount + 1);
  const orderFree = orderIndex >= 0 ? (freeIndex[orderIndex] as number) : -1;
  let previous = Number.POSITIVE_INFINITY;
  for (let step = 1; step <= options.maxSteps; step++) {
    gradient.fill(0);
    const delta = orderIndex >= 0 ? (parameters[orderIndex] as number) : 0;
    const start = step === 1 ? refit.startProbability : null;
    let orderScore = 0;
    for (let c = 0; c < cellCount; c++) {
      const isPositional = orderIndex >= 0 && positional[c] === 1;
      let p: number;
      if (start !== null) p = start[c] as number;
      else {
        const d =
          (parameters[first[c] as number] as number) -
          (parameters[second[c] as number] as number) +
          (isPositional ? delta : 0);
        p = 1 / (1 + Math.exp(-d));
      }
      const score = (weightFirst[c] as number) - (total[c] as number) * p;
      const fi = firstSlot[c] as number;
      const si = secondSlot[c] as number;
      gradient[fi] = (gradient[fi] as number) + score;
      gradient[si] = (gradient[si] as number) - score;
      if (isPositional) orderScore += score;
    }
    if (orderFree >= 0) gradient[orderFree] = orderScore;
    if (refit.prior > 0) {
      for (let i = 0; i < refit.itemCount; i++) {
        const fi = freeIndex[i] as number;
        if (fi >= 0) gradient[fi] = (gradient[fi] as number) - refit.prior * (parameters[i] as number);
      }
    }
    choleskySolveInPlace(refit.factor, freeCount, gradient);
    let largest = 0;
    for (let p = 0; p < parameters.length; p++) {
      const free = freeIndex[p] as number;
      if (free < 0) continue;
      const change = gradient[free] as number;
      parameters[p] = (parameters[p] as number) + change;
      largest = Math.max(largest, Math.abs(change));
    }
    if (!Number.isFinite(largest) || largest > 10 * previous) return -1;
    // The chord iteration contracts geometrically; with rate ρ ≈ largest/previous the remaining error is about
    // largest·ρ/(1 − ρ), so stop once that (or the step itself) is below the tolerance.
    const rate = Number.isFinite(previous) ? largest / previous : 1;
    if (largest < options.tolerance || (rate < 0.5 && (largest * rate) / (1 - rate) < options.tolerance)) return step;
    previous = largest;
  }
  return -1;
}
