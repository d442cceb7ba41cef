/**
 * Robbins' two-sided normal-mixture boundary (Howard, Ramdas, McAuliffe & Sekhon 2021, "Time-uniform,
 * nonparametric, nonasymptotic confidence sequences", Ann. Statist. 49:1055–1080, §3.2): for a sum S_t of
 * conditionally sub-Gaussian increments with accumulated variance proxy V_t ("intrinsic time"),
 *   P(∃t: |S_t| ≥ u(V_t)) ≤ α,   u(v) = sqrt((v + ρ) · ln((v + ρ) / (ρ α²))),
 * because the mixture martingale M_t = ∫ exp(λS_t − λ²V_t/2) dN(0, 1/ρ)(λ) = sqrt(ρ/(V_t+ρ))·exp(S_t²/(2(V_t+ρ)))
 * exceeds 1/α exactly when |S_t| ≥ u(V_t), and Ville's inequality bounds that by α at any time, however often one
 * looks. Dividing by the time gives a confidence sequence for a mean: e.g. for win indicators of one pair (Bernoulli,
 * sub-Gaussian with V_t = t/4), p ∈ p̂_t ± u(t/4)/t for all t simultaneously with probability ≥ 1 − α. For an
 * asymptotically normal estimate with Fisher information I (Waudby-Smith et al. 2021, "Time-uniform central limit
 * theory and asymptotic confidence sequences"), the half-width is u(I)/I with v = I.
 * ρ > 0 tunes where the boundary is tightest ({@link mixtureRhoFor}).
 */
export function normalMixtureBoundary(options: { intrinsicTime: number; alpha: number; rho: number }): number {
  const { intrinsicTime, alpha, rho } = options;
  const v = intrinsicTime + rho;
  return Math.sqrt(v * Math.log(v / (rho * alpha * alpha)));
}

/**
 * The ρ that makes {@link normalMixtureBoundary} tightest near intrinsic time `intrinsicTime` (the closed-form
 * approximation used by Howard et al.'s confseq package and Waudby-Smith et al. 2021):
 *   ρ = v* / (−2 ln α + ln(1 − 2 ln α)).
 */
export function mixtureRhoFor(options: { intrinsicTime: number; alpha: number }): number {
  const logAlpha = Math.log(options.alpha);
  return options.intrinsicTime / (-2 * logAlpha + Math.log(1 - 2 * logAlpha));
}
