import type { RandomSource } from "./random-source.js";

/**
 * Draws from Binomial(trials, probability).
 * - n·min(p, 1−p) < 10: inversion by sequential search (BINV, Kachitvichyanukul & Schmeiser 1988), exact.
 * - otherwise: BTRS, transformed rejection with squeeze (Hörmann 1993, "The generation of binomial random
 *   variates", J. Statist. Comput. Simul. 46), exact, O(1) expected time; the same algorithm PyTorch and
 *   TensorFlow use. The acceptance test compares with f(k)/f(m) (m the mode): by the pmf recurrence within 40
 *   of the mode, else through Stirling-series tails fc(k) = ln k! − (k+½)ln(k+1) + (k+1) − ½ln 2π.
 * p > ½ is handled by symmetry.
 */
export function sampleBinomial(random: RandomSource, trials: number, probability: number): number {
  return sampleWith(uniformOf(random), trials, probability);
}

/** {@link sampleBinomial} bound to one random source, for loops that draw many binomials. */
export function createBinomialSampler(random: RandomSource): (trials: number, probability: number) => number {
  const uniform = uniformOf(random);
  return (trials, probability) => sampleWith(uniform, trials, probability);
}

/** A uniform in [0, 1): 32-bit resolution (open at 1) when the source offers nextUint32, else `next()`. */
function uniformOf(random: RandomSource): () => number {
  if (random.nextUint32 === undefined) return () => random.next();
  const source = random as Required<RandomSource>;
  return () => (source.nextUint32() + 0.5) * 2.3283064365386963e-10;
}

function sampleWith(uniform: () => number, trials: number, probability: number): number {
  if (trials <= 0 || probability <= 0) return 0;
  if (probability >= 1) return trials;
  if (probability > 0.5) return trials - sampleWith(uniform, trials, 1 - probability);
  if (trials * probability < 10) return inversion(uniform, trials, probability);
  return transformedRejection(uniform, trials, probability);
}

function inversion(uniform: () => number, trials: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (trials + 1) * s;
  for (;;) {
    // q^n through exp/log1p: cheaper than pow for the large n of a multinomial's first categories.
    let r = Math.exp(trials * Math.log1p(-p));
    let u = uniform();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > trials) break;
      r *= a / x - s;
    }
    if (x <= trials) return x;
    // Rounding pushed u past the total mass: draw again.
  }
}

function transformedRejection(uniform: () => number, n: number, p: number): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const odds = p / (1 - p);
  const m = Math.floor((n + 1) * p);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const scaled = (v * alpha) / (a / (us * us) + b);
    const distance = k - m;
    if (distance <= 40 && distance >= -40) {
      // Near the mode, f(k)/f(m) by the recurrence f(i)/f(i−1) = (n − i + 1)/i · p/q: a few multiplications
      // instead of the logarithms below (the same exact test; BTPE evaluates it this way too).
      let ratio = 1;
      if (distance > 0) for (let i = m + 1; i <= k; i++) ratio *= ((n - i + 1) / i) * odds;
      else for (let i = k + 1; i <= m; i++) ratio /= ((n - i + 1) / i) * odds;
      if (scaled <= ratio) return k;
      continue;
    }
    const bound =
      stirlingTail(m) +
      stirlingTail(n - m) -
      stirlingTail(k) -
      stirlingTail(n - k) +
      distance * Math.log(odds) +
      logFactorialRatio(n, m, k);
    if (Math.log(scaled) <= bound) return k;
  }
}

/**
 * ln( m!(n−m)! / (k!(n−k)!) ) written through the Stirling main terms (the tails are added by the caller):
 * (m+½)ln(m+1) + (n−m+½)ln(n−m+1) − (k+½)ln(k+1) − (n−k+½)ln(n−k+1).
 */
function logFactorialRatio(n: number, m: number, k: number): number {
  return (
    (m + 0.5) * Math.log(m + 1) +
    (n - m + 0.5) * Math.log(n - m + 1) -
    (k + 0.5) * Math.log(k + 1) -
    (n - k + 0.5) * Math.log(n - k + 1)
  );
}

const SMALL_TAILS = (() => {
  const tails = new Float64Array(10);
  let logFactorial = 0;
  for (let k = 0; k < 10; k++) {
    if (k > 0) logFactorial += Math.log(k);
    tails[k] = logFactorial - (k + 0.5) * Math.log(k + 1) + (k + 1) - 0.5 * Math.log(2 * Math.PI);
  }
  return tails;
})();

/** fc(k) = ln k! − (k+½)ln(k+1) + (k+1) − ½ln 2π: exact for k < 10, Stirling series beyond. */
export function stirlingTail(k: number): number {
  if (k < 10) return SMALL_TAILS[k]!;
  const r = 1 / (k + 1);
  const r2 = r * r;
  return (1 / 12 - (1 / 360 - r2 / 1260) * r2) * r;
}
