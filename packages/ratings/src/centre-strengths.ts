import { type EloScale, eloPointsPerLogUnit, type RatingAnchor } from "./elo-scale.js";
import { RatingsError } from "./ratings-error.js";

/** Input of {@link centreStrengths}. */
export interface CentreStrengthsInput {
  /** Natural-log strengths by item code (fixed parameters hold their fixed value, usually 0). */
  readonly strengths: Float64Array;
  readonly rated: Uint8Array;
  /** Covariance of the free parameters (freeCount × freeCount, row-major). */
  readonly covariance: Float64Array;
  /** Item code → free-parameter index, −1 for fixed items (the reference has variance 0). */
  readonly freeIndex: Int32Array;
  readonly freeCount: number;
  readonly itemIds: readonly string[];
  readonly anchor?: RatingAnchor | undefined;
  readonly scale: EloScale;
}

/** Normalised strengths, Elo ratings and their standard errors. */
export interface CentredStrengths {
  readonly ratings: Float64Array;
  readonly logStrengths: Float64Array;
  readonly standardErrors: Float64Array;
  readonly logStrengthStandardErrors: Float64Array;
}

/**
 * Moves log-strengths to the reported constraint and propagates their covariance V:
 * - no anchor: θ̃_i = θ_i − mean θ (over rated items), Var θ̃_i = V_ii − 2·mean_j V_ij + mean_jk V_jk;
 * - anchor a:  θ̃_i = θ_i − θ_a, Var θ̃_i = V_ii − 2V_ia + V_aa (so the anchor has SE 0, as in BradleyTerry2).
 * Ratings = initial (or the anchor's value) + points·θ̃/ln(base). Unrated items get NaN.
 */
export function centreStrengths(input: CentreStrengthsInput): CentredStrengths {
  const { strengths, rated, covariance, freeIndex, freeCount, itemIds, anchor, scale } = input;
  const itemCount = itemIds.length;
  const variance = (i: number, j: number): number => {
    const fi = freeIndex[i]!;
    const fj = freeIndex[j]!;
    return fi < 0 || fj < 0 ? 0 : covariance[fi * freeCount + fj]!;
  };
  const ratedCodes: number[] = [];
  for (let i = 0; i < itemCount; i++) if (rated[i] === 1) ratedCodes.push(i);
  const logStrengths = new Float64Array(itemCount).fill(Number.NaN);
  const logStrengthStandardErrors = new Float64Array(itemCount).fill(Number.NaN);
  const ratings = new Float64Array(itemCount).fill(Number.NaN);
  const standardErrors = new Float64Array(itemCount).fill(Number.NaN);
  const pointsPerUnit = eloPointsPerLogUnit(scale);
  let offset: number;
  let base: number;
  let varianceOf: (i: number) => number;
  if (anchor !== undefined) {
    const a = itemIds.indexOf(anchor.item);
    if (a < 0) throw new RatingsError("unknown-anchor", `anchor item "${anchor.item}" is not among the items`);
    if (rated[a] !== 1) throw new RatingsError("unknown-anchor", `anchor item "${anchor.item}" has no comparisons`);
    offset = strengths[a]!;
    base = anchor.value;
    varianceOf = (i) => variance(i, i) - 2 * variance(i, a) + variance(a, a);
  } else {
    const count = ratedCodes.length;
    offset = 0;
    for (const i of ratedCodes) offset += strengths[i]!;
    offset /= Math.max(1, count);
    const rowMean = new Float64Array(itemCount);
    let grandMean = 0;
    for (const i of ratedCodes) {
      let sum = 0;
      for (const j of ratedCodes) sum += variance(i, j);
      rowMean[i] = sum / count;
      grandMean += sum / count;
    }
    grandMean /= Math.max(1, count);
    base = scale.initial;
    varianceOf = (i) => variance(i, i) - 2 * rowMean[i]! + grandMean;
  }
  for (const i of ratedCodes) {
    const theta = strengths[i]! - offset;
    const standardError = Math.sqrt(Math.max(0, varianceOf(i)));
    logStrengths[i] = theta;
    logStrengthStandardErrors[i] = standardError;
    ratings[i] = base + pointsPerUnit * theta;
    standardErrors[i] = pointsPerUnit * standardError;
  }
  return { ratings, logStrengths, standardErrors, logStrengthStandardErrors };
}
