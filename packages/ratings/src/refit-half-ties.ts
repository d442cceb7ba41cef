import { choleskySolveInPlace } from "./cholesky.js";

/** Inputs of {@link refitHalfTies}: cells, their resampled weights and the frozen information factor. */
export interface HalfTiesRefit {
  readonly first: Int32Array;
  readonly second: Int32Array;
  /** 1 where the order effect applies. */
  readonly positional: Uint8Array;
  /** w_f = wins of first + ties/2 per cell. */
  readonly weightFirst: Float64Array;
  /** m = all comparisons of the cell. */
  readonly total: Float64Array;
  /** Item code (or the order-effect parameter) → free index, −1 when fixed. */
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

/**
 * The bootstrap's hot loop for half ties: chord Newton θ ← θ + I₀⁻¹·∇ℓ(θ) with the full-data information I₀
 * frozen, from the full-data estimate, without line search. Each step is one pass over the cells (score
 * w_f − m·σ(d)) and two triangular solves. Returns the number of steps, or −1 when it fails to contract within
 * `maxSteps` (the caller then refits with full Newton). Parameters are updated in place.
 */
export function refitHalfTies(
  refit: HalfTiesRefit,
  parameters: Float64Array,
  options: { tolerance: number; maxSteps: number },
): number {
  const { first, second, positional, weightFirst, total, freeIndex, freeCount, orderIndex, factor } = refit;
  const cellCount = first.length;
  // Gradient slot per cell end; fixed parameters write to a spare slot past the free ones (no branches).
  const firstSlot = new Int32Array(cellCount);
  const secondSlot = new Int32Array(cellCount);
  for (let c = 0; c < cellCount; c++) {
    const fi = freeIndex[first[c] as number] as number;
    const si = freeIndex[second[c] as number] as number;
    firstSlot[c] = fi < 0 ? freeCount : fi;
    secondSlot[c] = si < 0 ? freeCount : si;
  }
  const gradient = new Float64Array(freeCount + 1);
  const orderFree = orderIndex >= 0 ? (freeIndex[orderIndex] as number) : -1;
  let previous = Number.POSITIVE_INFINITY;
  for (let step = 1; step <= options.maxSteps; step++) {
    gradient.fill(0);
    const delta = orderIndex >= 0 ? (parameters[orderIndex] as number) : 0;
    let orderScore = 0;
    if (orderIndex < 0) {
      for (let c = 0; c < cellCount; c++) {
        const m = total[c] as number;
        const d = (parameters[first[c] as number] as number) - (parameters[second[c] as number] as number);
        const score = (weightFirst[c] as number) - m / (1 + Math.exp(-d));
        const fi = firstSlot[c] as number;
        const si = secondSlot[c] as number;
        gradient[fi] = (gradient[fi] as number) + score;
        gradient[si] = (gradient[si] as number) - score;
      }
    } else {
      for (let c = 0; c < cellCount; c++) {
        const m = total[c] as number;
        const isPositional = positional[c] === 1;
        const d =
          (parameters[first[c] as number] as number) -
          (parameters[second[c] as number] as number) +
          (isPositional ? delta : 0);
        const score = (weightFirst[c] as number) - m / (1 + Math.exp(-d));
        const fi = firstSlot[c] as number;
        const si = secondSlot[c] as number;
        gradient[fi] = (gradient[fi] as number) + score;
        gradient[si] = (gradient[si] as number) - score;
        if (isPositional) orderScore += score;
      }
    }
    if (orderFree >= 0) gradient[orderFree] = orderScore;
    if (refit.prior > 0) {
      for (let i = 0; i < refit.itemCount; i++) {
        const fi = freeIndex[i] as number;
        if (fi >= 0) gradient[fi] = (gradient[fi] as number) - refit.prior * (parameters[i] as number);
      }
    }
    choleskySolveInPlace(factor, freeCount, gradient);
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
