import type { RatingCounts } from "./fleiss-kappa.js";

/** Krippendorff's metric: nominal (δ = [c ≠ k]), ordinal (rank distance), interval ((v_c − v_k)²). */
export type AlphaLevel = "nominal" | "ordinal" | "interval";

/**
 * Krippendorff's α = 1 − D_o/D_e on the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
 * alpha-reliability"). Only units with m_u ≥ 2 ratings are pairable; missing ratings are simply absent.
 * o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1); n_c = Σ_k o_ck; n = Σ_c n_c;
 * α = 1 − (n − 1) Σ_{c,k} o_ck δ²_ck / Σ_{c,k} n_c n_k δ²_ck.
 * Ordinal: δ²_ck = (Σ_{g between c and k} n_g − (n_c + n_k)/2)². Interval: δ²_ck = (v_c − v_k)² with
 * `values[c]` the numeric value of category c (default c). Reference: irrCAC `cac.raw4raters` nominal 0.74342.
 */
export function krippendorffAlpha(
  data: RatingCounts,
  level: AlphaLevel,
  values?: ArrayLike<number>,
): { alpha: number; pairable: number } {
  const { units, categories: k, counts, weights } = data;
  const coincidence = new Float64Array(k * k);
  let pairableUnits = 0;
  for (let u = 0; u < units; u++) {
    let m = 0;
    for (let c = 0; c < k; c++) m += counts[u * k + c]!;
    const weight = weights === undefined ? 1 : weights[u]!;
    if (m < 2 || weight === 0) continue;
    pairableUnits += weight;
    for (let c = 0; c < k; c++) {
      const nc = counts[u * k + c]!;
      if (nc === 0) continue;
      for (let d = 0; d < k; d++) {
        const nd = counts[u * k + d]! - (c === d ? 1 : 0);
        if (nd > 0) coincidence[c * k + d]! += (weight * nc * nd) / (m - 1);
      }
    }
  }
  const marginal = new Float64Array(k);
  let n = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) marginal[c]! += coincidence[c * k + d]!;
    n += marginal[c]!;
  }
  if (n <= 1) return { alpha: Number.NaN, pairable: pairableUnits };
  const distance = (c: number, d: number): number => {
    if (c === d) return 0;
    if (level === "nominal") return 1;
    if (level === "interval") {
      const vc = values ? values[c]! : c;
      const vd = values ? values[d]! : d;
      return (vc - vd) ** 2;
    }
    const low = Math.min(c, d);
    const high = Math.max(c, d);
    let sum = 0;
    for (let g = low; g <= high; g++) sum += marginal[g]!;
    return (sum - (marginal[c]! + marginal[d]!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (c === d) continue;
      const delta = distance(c, d);
      observed += coincidence[c * k + d]! * delta;
      expected += marginal[c]! * marginal[d]! * delta;
    }
  }
  if (expected === 0) return { alpha: Number.NaN, pairable: pairableUnits };
  return { alpha: 1 - ((n - 1) * observed) / expected, pairable: pairableUnits };
}
