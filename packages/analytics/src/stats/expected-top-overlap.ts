import { normalCdf, normalDensity, normalQuantile } from "@judgelab/ratings";

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
