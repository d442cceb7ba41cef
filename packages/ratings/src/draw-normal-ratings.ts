import { writeRoundRatings } from "./bootstrap-engine/bootstrap-rounds.js";
import { choleskyInPlace } from "./cholesky.js";
import { normalQuantile } from "./normal-distribution.js";
import { createRandomSource } from "./random-source.js";

/**
 * `draws` rating vectors from N(θ̂, V) (rounds × items, row-major): θ = θ̂ + L·z with V = L·Lᵀ (a tiny ridge is
 * added when V is singular, e.g. fewer clusters than parameters) and z standard normal, normalised as the fit.
 */
export function drawNormalRatings(options: {
  covariance: Float64Array;
  size: number;
  parameters: Float64Array;
  freeIndex: Int32Array;
  active: Uint8Array;
  anchorCode: number;
  base: number;
  pointsPerUnit: number;
  draws: number;
  seed: number;
}): Float64Array {
  const { covariance, size, parameters, freeIndex, active, draws } = options;
  const itemCount = active.length;
  const factor = factorWithRidge(covariance, size);
  const random = createRandomSource(options.seed);
  const slotParameter = new Int32Array(size);
  for (let p = 0; p < freeIndex.length; p++) if (freeIndex[p]! >= 0) slotParameter[freeIndex[p]!] = p;
  const normal = new Float64Array(size);
  const drawn = new Float64Array(parameters.length);
  const samples = new Float64Array(draws * itemCount);
  for (let r = 0; r < draws; r++) {
    for (let k = 0; k < size; k++) normal[k] = normalQuantile(random.next() * (1 - 2 ** -53) + 2 ** -54);
    drawn.set(parameters);
    for (let i = 0; i < size; i++) {
      let sum = 0;
      for (let k = 0; k <= i; k++) sum += factor[i * size + k]! * normal[k]!;
      const p = slotParameter[i]!;
      drawn[p] = drawn[p]! + sum;
    }
    writeRoundRatings({
      parameters: drawn,
      active,
      anchorCode: options.anchorCode,
      base: options.base,
      pointsPerUnit: options.pointsPerUnit,
      out: samples.subarray(r * itemCount, (r + 1) * itemCount),
    });
  }
  return samples;
}

/** Cholesky factor of a covariance, adding a ridge of 1e-12·(mean diagonal), ×10 each try, if it is singular. */
function factorWithRidge(covariance: Float64Array, size: number): Float64Array {
  let trace = 0;
  for (let i = 0; i < size; i++) trace += covariance[i * size + i]!;
  let ridge = 0;
  for (let attempt = 0; attempt < 12; attempt++) {
    const factor = covariance.slice();
    for (let i = 0; i < size; i++) factor[i * size + i] = factor[i * size + i]! + ridge;
    if (choleskyInPlace(factor, size)) {
      for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) factor[i * size + j] = 0;
      return factor;
    }
    ridge = ridge === 0 ? (1e-12 * trace) / Math.max(1, size) : ridge * 10;
  }
  throw new RangeError("sandwich intervals: the robust covariance is not positive semi-definite");
}
