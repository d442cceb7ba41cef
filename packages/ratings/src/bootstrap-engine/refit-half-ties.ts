import type { HalfTiesRefit } from "./create-half-ties-refit.js";
import { multiplySymmetric } from "./multiply-symmetric.js";

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
  for (let p = 0; p < freeIndex.length; p++) if (freeIndex[p]! >= 0) slotParameter[freeIndex[p]!] = p;
  const orderFree = orderIndex >= 0 ? freeIndex[orderIndex]! : -1;
  const referenceValue = refit.referenceItem >= 0 ? parameters[refit.referenceItem]! : 0;
  const x = new Float64Array(freeCount);
  for (let k = 0; k < freeCount; k++) x[k] = parameters[slotParameter[k]!]!;
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
      for (let k = 0; k < freeCount; k++) if (k !== orderFree) mean += x[k]!;
      mean /= Math.max(1, freeCount - (orderFree >= 0 ? 1 : 0));
      for (let k = 0; k < freeCount; k++) slotStrength[k] = Math.exp(x[k]! - mean);
      slotStrength[freeCount] = Math.exp(referenceValue - mean);
      orderScore =
        orderFree >= 0
          ? accumulatePositionalScores(refit, slotStrength, Math.exp(x[orderFree]!), gradient)
          : accumulateScores(refit, slotStrength, gradient);
    }
    if (orderFree >= 0) gradient[orderFree] = orderScore;
    if (prior > 0) {
      for (let k = 0; k < freeCount; k++) {
        if (k !== orderFree) gradient[k] = gradient[k]! - prior * x[k]!;
      }
    }
    multiplySymmetric(refit.inverse, freeCount, gradient, chordStep);
    // With every item free (a prior, no reference item) the maximum has Σθ = 0: the item scores cancel in the sum,
    // leaving −prior·Σθ. Stepping then re-centring keeps the iteration there, whatever the chord matrix's own
    // prior (a subset refit may use another prior than the factor was built with).
    let shift = 0;
    if (refit.referenceItem < 0) {
      for (let k = 0; k < freeCount; k++) if (k !== orderFree) shift += x[k]! + chordStep[k]! * stepScale;
      shift /= Math.max(1, freeCount - (orderFree >= 0 ? 1 : 0));
    }
    let largest = 0;
    for (let k = 0; k < freeCount; k++) {
      const change = chordStep[k]! * stepScale - (k === orderFree ? 0 : shift);
      x[k] = x[k]! + change;
      largest = Math.max(largest, Math.abs(change));
    }
    if (!Number.isFinite(largest) || largest > 10 * previous) return -1;
    // The chord iteration contracts geometrically; with rate ρ ≈ largest/previous the remaining error is about
    // largest·ρ/(1 − ρ), so stop once that (or the step itself) is below the tolerance.
    const rate = Number.isFinite(previous) ? largest / previous : 1;
    if (largest < options.tolerance || (rate < 0.5 && (largest * rate) / (1 - rate) < options.tolerance)) {
      for (let k = 0; k < freeCount; k++) parameters[slotParameter[k]!] = x[k]!;
      return step;
    }
    previous = largest;
  }
  return -1;
}

/** Scores w_f − m·π_f/(π_f + π_s) per cell into the free slots (no order effect): the hot loop of a round. */
function accumulateScores(refit: HalfTiesRefit, slotStrength: Float64Array, gradient: Float64Array): number {
  const { firstSlot, secondSlot, weightFirst, total, size } = refit.round;
  for (let c = 0; c < size; c++) {
    const fi = firstSlot[c]!;
    const si = secondSlot[c]!;
    const strengthFirst = slotStrength[fi]!;
    const score = weightFirst[c]! - (total[c]! * strengthFirst) / (strengthFirst + slotStrength[si]!);
    gradient[fi] = gradient[fi]! + score;
    gradient[si] = gradient[si]! - score;
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
    const fi = firstSlot[c]!;
    const si = secondSlot[c]!;
    const isPositional = positional[c] === 1;
    const strengthFirst = slotStrength[fi]! * (isPositional ? orderFactor : 1);
    const score = weightFirst[c]! - (total[c]! * strengthFirst) / (strengthFirst + slotStrength[si]!);
    gradient[fi] = gradient[fi]! + score;
    gradient[si] = gradient[si]! - score;
    if (isPositional) orderScore += score;
  }
  return orderScore;
}
