/**
 * Standard normal CDF Φ(x) via the complementary error function (W. J. Cody's rational approximation
 * as in Numerical Recipes `erfcc`, relative error < 1.2e-7).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Standard normal density φ(x). */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal quantile Φ⁻¹(p) by bisection on {@link normalCdf} (|error| < 1e-9). */
export function normalQuantile(p: number): number {
  let low = -10;
  let high = 10;
  for (let step = 0; step < 80; step++) {
    const middle = (low + high) / 2;
    if (normalCdf(middle) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * Expected share of the top-q fraction on one variable that is also in the top-q fraction on the other,
 * for a standard bivariate normal with correlation ρ: P(X > c, Y > c) / q with c = Φ⁻¹(1 − q), where
 * P(X > c, Y > c) = ∫_c^∞ φ(x) (1 − Φ((c − ρx)/sqrt(1 − ρ²))) dx (Simpson's rule, 2000 panels up to c + 10).
 * By symmetry the same holds for bottom-q overlap. ρ = 0 gives q; ρ = 1 gives 1.
 */
export function expectedTopOverlap(q: number, rho: number): number {
  if (q <= 0 || q >= 1) return q >= 1 ? 1 : 0;
  if (rho >= 1) return 1;
  const c = normalQuantile(1 - q);
  const s = Math.sqrt(1 - rho * rho);
  const panels = 2000;
  const upper = c + 10;
  const h = (upper - c) / panels;
  let sum = 0;
  for (let index = 0; index <= panels; index++) {
    const x = c + index * h;
    const f = normalDensity(x) * (1 - normalCdf((c - rho * x) / s));
    sum += (index === 0 || index === panels ? 1 : index % 2 === 1 ? 4 : 2) * f;
  }
  return (sum * h) / 3 / q;
}
