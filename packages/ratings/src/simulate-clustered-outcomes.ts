import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import type { RandomSource } from "./random-source.js";
import { sampleNormal } from "./sample-normal.js";

/**
 * The design of a dataset to simulate again: which items each row compares, in which order, and which match
 * it belongs to (rows sharing a match code share the match's noise; −1 = a match of its own).
 */
export interface ClusteredDesign {
  readonly itemIds: readonly string[];
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly match?: Int32Array;
}

/**
 * Simulates outcomes at a fixed design under Bradley–Terry with shared per-match noise, so that the marginal
 * model is exactly Bradley–Terry with the given strengths and the comparisons of one match are correlated:
 * - each match m between a and b draws its own probability q_m ~ Beta(κ·p, κ·(1 − p)) with p = σ(θ_a − θ_b)
 *   and κ = (1 − ρ)/ρ, so E[q_m] = p and two comparisons of the match have outcome correlation ρ (the
 *   intra-class correlation; beta-binomial, Skellam 1948);
 * - each comparison is a tie with probability `tieRate`, else the first-shown side wins with probability
 *   (q − tieRate/2)/(1 − tieRate) for its own orientation (clipped to [0, 1]), so that with half ties
 *   E[score] = q and the marginal half-ties model holds exactly when the clip does not bind.
 * ρ = 0 gives independent comparisons. `strengths` are natural-log strengths per item code.
 */
export function simulateClusteredOutcomes(options: {
  design: ClusteredDesign;
  strengths: ArrayLike<number>;
  /** Intra-class correlation ρ of comparisons in one match, in [0, 1). */
  correlation: number;
  tieRate?: number;
  random: RandomSource;
}): PairwiseOutcomes {
  const { design, strengths, correlation, random } = options;
  const tieRate = options.tieRate ?? 0;
  if (!(correlation >= 0 && correlation < 1)) {
    throw new RangeError(`simulateClusteredOutcomes: correlation must be in [0, 1), got ${correlation}`);
  }
  if (!(tieRate >= 0 && tieRate < 1)) {
    throw new RangeError(`simulateClusteredOutcomes: tieRate must be in [0, 1), got ${tieRate}`);
  }
  const size = design.first.length;
  const concentration = correlation > 0 ? (1 - correlation) / correlation : Number.POSITIVE_INFINITY;
  // q of each match for its lower-coded item, drawn when the match is first met.
  const matchProbability = new Map<number, number>();
  const verdict = new Uint8Array(size);
  for (let row = 0; row < size; row++) {
    const a = design.first[row]!;
    const b = design.second[row]!;
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    const p = 1 / (1 + Math.exp(strengths[high]! - strengths[low]!));
    const code = design.match?.[row] ?? -1;
    let q = code >= 0 ? matchProbability.get(code) : undefined;
    if (q === undefined) {
      q = Number.isFinite(concentration) ? sampleBeta(random, concentration * p, concentration * (1 - p)) : p;
      if (code >= 0) matchProbability.set(code, q);
    }
    const firstShare = a === low ? q : 1 - q;
    if (tieRate > 0 && random.next() < tieRate) {
      verdict[row] = 2;
      continue;
    }
    const win = Math.min(1, Math.max(0, (firstShare - tieRate / 2) / (1 - tieRate)));
    verdict[row] = random.next() < win ? 0 : 1;
  }
  return {
    size,
    itemIds: design.itemIds,
    first: design.first,
    second: design.second,
    verdict,
    ...(design.match === undefined ? {} : { match: design.match }),
  };
}

/** Beta(α, β) as X/(X + Y) with X ~ Gamma(α), Y ~ Gamma(β). */
function sampleBeta(random: RandomSource, alpha: number, beta: number): number {
  const x = sampleGamma(random, alpha);
  const y = sampleGamma(random, beta);
  return x + y > 0 ? x / (x + y) : alpha / (alpha + beta);
}

/**
 * Gamma(shape, 1) by Marsaglia & Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3);
 * shape < 1 via Gamma(shape + 1)·U^(1/shape).
 */
function sampleGamma(random: RandomSource, shape: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1) * (1 - random.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
