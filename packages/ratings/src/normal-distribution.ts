const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

/** Standard normal density φ(x) = e^(−x²/2)/√(2π). */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_TWO_PI;
}

/**
 * Standard normal distribution function Φ(x), double precision (absolute error about 1e-15): Hart's (1968)
 * rational approximation for |x| < 7.07 and a continued fraction beyond, as given by G. West (2005),
 * "Better approximations to cumulative normal functions", Wilmott Magazine, Figure 2.
 */
export function normalCdf(x: number): number {
  const absolute = Math.abs(x);
  let tail: number;
  if (absolute > 37) {
    tail = 0;
  } else {
    const exponential = Math.exp(-(absolute * absolute) / 2);
    if (absolute < 7.07106781186547) {
      let numerator = 3.52624965998911e-2 * absolute + 0.700383064443688;
      numerator = numerator * absolute + 6.37396220353165;
      numerator = numerator * absolute + 33.912866078383;
      numerator = numerator * absolute + 112.079291497871;
      numerator = numerator * absolute + 221.213596169931;
      numerator = numerator * absolute + 220.206867912376;
      let denominator = 8.83883476483184e-2 * absolute + 1.75566716318264;
      denominator = denominator * absolute + 16.064177579207;
      denominator = denominator * absolute + 86.7807322029461;
      denominator = denominator * absolute + 296.564248779674;
      denominator = denominator * absolute + 637.333633378831;
      denominator = denominator * absolute + 793.826512519948;
      denominator = denominator * absolute + 440.413735824752;
      tail = (exponential * numerator) / denominator;
    } else {
      let fraction = absolute + 0.65;
      fraction = absolute + 4 / fraction;
      fraction = absolute + 3 / fraction;
      fraction = absolute + 2 / fraction;
      fraction = absolute + 1 / fraction;
      tail = exponential / fraction / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * Standard normal quantile Φ⁻¹(p): P. J. Acklam's rational approximation (relative error 1.15e-9) refined by
 * one Halley step on {@link normalCdf}, which brings it to about double precision.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  const low = 0.02425;
  let x: number;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const value =
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
    x = p < low ? value : -value;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  }
  const error = normalCdf(x) - p;
  const u = error * SQRT_TWO_PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
