import { replayValidRows } from "./chronological-order.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/** Weng–Lin (OpenSkill) beliefs per item code. */
export interface OpenSkillRatings {
  readonly itemIds: readonly string[];
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  /** openskill's ordinal μ − 3σ. */
  readonly ordinal: Float64Array;
}

/** Constants of openskill 5.0.1's defaults: μ0 25, σ0 25/3, β 25/6, τ 25/300, κ 1e-4. */
const OPEN_SKILL = { mu: 25, sigma: 25 / 3, beta: 25 / 6, tau: 25 / 300, kappa: 1e-4 };

/**
 * Weng & Lin (2011) Bayesian approximation, Plackett–Luce model (Algorithm 4), for one two-player game, as the
 * npm package `openskill` 5.0.1 computes it with its defaults (`rate([[a], [b]], { rank })`): σ² ← σ² + τ²,
 * c = √(σ_a² + σ_b² + 2β²), p_a = e^(μ_a/c)/(e^(μ_a/c) + e^(μ_b/c)), then for a win of a
 *   Ω_a = (1 − p_a)σ_a²/c, Ω_b = −p_b σ_b²/c;  for a draw Ω_a = (p_b − p_a)/2 · σ_a²/c (and symmetric);
 *   Δ_i = p_a p_b · σ_i²/c² · (σ_i/c);  μ_i += Ω_i,  σ_i ← σ_i √max(1 − Δ_i, κ).
 * Parity with the package is tested on random game sequences. Written out here because the package's generic
 * n-team `rate` allocates per call and is about 100× slower, which matters inside a bootstrap.
 * `outcome`: 0 = a wins, 1 = b wins, 2 = draw.
 */
export function updateOpenSkill(
  a: { mu: number; sigma: number },
  b: { mu: number; sigma: number },
  outcome: 0 | 1 | 2,
): [{ mu: number; sigma: number }, { mu: number; sigma: number }] {
  const tauSquared = OPEN_SKILL.tau * OPEN_SKILL.tau;
  const sigmaA = Math.sqrt(a.sigma * a.sigma + tauSquared);
  const sigmaB = Math.sqrt(b.sigma * b.sigma + tauSquared);
  const varianceA = sigmaA * sigmaA;
  const varianceB = sigmaB * sigmaB;
  const c = Math.sqrt(varianceA + OPEN_SKILL.beta ** 2 + (varianceB + OPEN_SKILL.beta ** 2));
  const expA = Math.exp(a.mu / c);
  const expB = Math.exp(b.mu / c);
  const pA = expA / (expA + expB);
  const pB = expB / (expA + expB);
  let omegaA: number;
  let omegaB: number;
  let deltaA: number;
  let deltaB: number;
  if (outcome === 2) {
    omegaA = (1 - pA) / 2 - pA / 2;
    omegaB = -pB / 2 + (1 - pB) / 2;
    deltaA = (pA * (1 - pA)) / 2 + (pA * (1 - pA)) / 2;
    deltaB = (pB * (1 - pB)) / 2 + (pB * (1 - pB)) / 2;
  } else {
    const winnerP = outcome === 0 ? pA : pB;
    const loserP = outcome === 0 ? pB : pA;
    const winnerOmega = 1 - winnerP;
    const loserOmega = -loserP;
    const winnerDelta = winnerP * (1 - winnerP);
    const loserDelta = loserP * (1 - loserP);
    omegaA = outcome === 0 ? winnerOmega : loserOmega;
    omegaB = outcome === 0 ? loserOmega : winnerOmega;
    deltaA = outcome === 0 ? winnerDelta : loserDelta;
    deltaB = outcome === 0 ? loserDelta : winnerDelta;
  }
  const update = (mu: number, sigma: number, variance: number, omega: number, delta: number) => {
    const gamma = Math.sqrt(variance) / c;
    const scaledOmega = omega * (variance / c);
    const scaledDelta = delta * (variance / c ** 2) * gamma;
    return {
      mu: mu + (sigma ** 2 / variance) * scaledOmega,
      sigma: sigma * Math.sqrt(Math.max(1 - (sigma ** 2 / variance) * scaledDelta, OPEN_SKILL.kappa)),
    };
  };
  return [update(a.mu, sigmaA, varianceA, omegaA, deltaA), update(b.mu, sigmaB, varianceB, omegaB, deltaB)];
}

/**
 * Weng–Lin (OpenSkill) ratings computed match by match in chronological order with {@link updateOpenSkill}
 * (openskill 5.0.1's default Plackett–Luce model and constants). Each comparison is a two-player game; a tie
 * is a draw; invalid rows are skipped.
 */
export function computeOpenSkill(outcomes: PairwiseOutcomes): OpenSkillRatings {
  const itemCount = outcomes.itemIds.length;
  const mu = new Float64Array(itemCount).fill(OPEN_SKILL.mu);
  const sigma = new Float64Array(itemCount).fill(OPEN_SKILL.sigma);
  replayValidRows(outcomes, (a, b, verdict) => {
    const [nextA, nextB] = updateOpenSkill({ mu: mu[a]!, sigma: sigma[a]! }, { mu: mu[b]!, sigma: sigma[b]! }, verdict);
    mu[a] = nextA.mu;
    sigma[a] = nextA.sigma;
    mu[b] = nextB.mu;
    sigma[b] = nextB.sigma;
  });
  const ordinal = mu.map((value, i) => value - 3 * sigma[i]!);
  return { itemIds: outcomes.itemIds, mu, sigma, ordinal };
}
