/**
 * Per-unit category counts: `counts[u * categories + c]` = number of ratings of unit u in category c.
 * Units with a single rating still count for the category distribution (as in irrCAC).
 */
export interface RatingCounts {
  readonly units: number;
  readonly categories: number;
  readonly counts: ArrayLike<number>;
  /** How many units each row stands for (rows of identical units merged, or bootstrap multiplicities); default 1. */
  readonly weights?: ArrayLike<number>;
}

/**
 * Fleiss' κ (Fleiss 1971) in Gwet's generalisation to a varying number of ratings per unit
 * (irrCAC `fleiss.kappa.raw`, unweighted). With r_u ratings of unit u and r_uc in category c:
 * p_a = mean over units with r_u ≥ 2 of Σ_c r_uc(r_uc − 1) / (r_u(r_u − 1));
 * π_c = mean over units with r_u ≥ 1 of r_uc / r_u; p_e = Σ_c π_c²; κ = (p_a − p_e)/(1 − p_e).
 * With a constant number of raters this is the textbook Fleiss κ (irr `kappam.fleiss`).
 * Reference values: irr `diagnoses` 0.4302; irrCAC `cac.raw4raters` 0.76117 with p_a = 0.8181818.
 */
export function fleissKappa(data: RatingCounts): { kappa: number; percentAgreement: number; units: number } {
  const { units, categories, counts, weights } = data;
  const pi = new Float64Array(categories);
  let rated = 0;
  let agreementSum = 0;
  let multiRated = 0;
  for (let u = 0; u < units; u++) {
    let total = 0;
    for (let c = 0; c < categories; c++) total += counts[u * categories + c]!;
    const weight = weights === undefined ? 1 : weights[u]!;
    if (total === 0 || weight === 0) continue;
    rated += weight;
    let pairs = 0;
    for (let c = 0; c < categories; c++) {
      const count = counts[u * categories + c]!;
      pi[c]! += (weight * count) / total;
      pairs += count * (count - 1);
    }
    if (total >= 2) {
      multiRated += weight;
      agreementSum += (weight * pairs) / (total * (total - 1));
    }
  }
  if (rated === 0 || multiRated === 0) return { kappa: Number.NaN, percentAgreement: Number.NaN, units: multiRated };
  let expected = 0;
  for (let c = 0; c < categories; c++) expected += (pi[c]! / rated) ** 2;
  const percentAgreement = agreementSum / multiRated;
  const kappa = expected === 1 ? Number.NaN : (percentAgreement - expected) / (1 - expected);
  return { kappa, percentAgreement, units: multiRated };
}
