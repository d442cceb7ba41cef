import { normalCdf, normalDensity, normalQuantile } from "./normal-distribution.js";

/** TrueSkill environment (Herbrich, Minka & Graepel 2007). Defaults are the seed system's and Python trueskill's. */
export interface TrueSkillEnvironment {
  /** Prior mean μ0; default 25. */
  readonly mu: number;
  /** Prior standard deviation σ0; default 25/3. */
  readonly sigma: number;
  /** Performance noise β; default 25/6. */
  readonly beta: number;
  /** Dynamics τ added to σ² before each match; default 25/300. */
  readonly tau: number;
  /** Probability of a draw between equal players (0 when ties cannot occur; Python trueskill's default is 0.1). */
  readonly drawProbability: number;
}

/** The seed system's environment: μ0 25, σ0 25/3, β 25/6, τ 25/300, no draws. */
export const SEED_TRUE_SKILL: TrueSkillEnvironment = {
  mu: 25,
  sigma: 25 / 3,
  beta: 25 / 6,
  tau: 25 / 300,
  drawProbability: 0,
};

/** A player's belief N(μ, σ²). */
export interface SkillBelief {
  readonly mu: number;
  readonly sigma: number;
}

/**
 * One two-player TrueSkill update (exact for 1 vs 1; the factor graph reduces to these closed forms):
 *   σ² ← σ² + τ²,  c² = 2β² + σ_a² + σ_b²,  t = (μ_a − μ_b)/c,  ε = Φ⁻¹((p_draw + 1)/2)·√2·β / c,
 *   win of a:  v = φ(t − ε)/Φ(t − ε),  w = v(v + t − ε);
 *   draw:      v = (φ(−ε − t) − φ(ε − t))/(Φ(ε − t) − Φ(−ε − t)),
 *              w = v² + ((ε − t)φ(ε − t) + (ε + t)φ(ε + t))/(Φ(ε − t) − Φ(−ε − t));
 *   μ_a += σ_a²/c · v,  μ_b −= σ_b²/c · v,  σ² ← σ²(1 − σ²/c² · w).
 * `outcome`: 0 = a wins, 1 = b wins, 2 = draw (needs drawProbability > 0).
 */
export function updateTrueSkill(options: {
  a: SkillBelief;
  b: SkillBelief;
  outcome: 0 | 1 | 2;
  environment: TrueSkillEnvironment;
}): [SkillBelief, SkillBelief] {
  const { environment, outcome } = options;
  if (outcome === 1) {
    const [b, a] = updateTrueSkill({ a: options.b, b: options.a, outcome: 0, environment });
    return [a, b];
  }
  const varianceA = options.a.sigma ** 2 + environment.tau ** 2;
  const varianceB = options.b.sigma ** 2 + environment.tau ** 2;
  const c = Math.sqrt(2 * environment.beta ** 2 + varianceA + varianceB);
  const t = (options.a.mu - options.b.mu) / c;
  const epsilon = (normalQuantile((environment.drawProbability + 1) / 2) * Math.SQRT2 * environment.beta) / c;
  let v: number;
  let w: number;
  if (outcome === 0) {
    const x = t - epsilon;
    const cdf = normalCdf(x);
    // Far in the tail Φ underflows; the limits are v → −x, w → 1 (Herbrich et al. 2007, Fig. 1).
    v = cdf < 1e-300 ? -x : normalDensity(x) / cdf;
    w = cdf < 1e-300 ? 1 : v * (v + x);
  } else {
    if (!(environment.drawProbability > 0)) {
      throw new RangeError("updateTrueSkill: a draw needs drawProbability > 0");
    }
    const mass = normalCdf(epsilon - t) - normalCdf(-epsilon - t);
    v = (normalDensity(-epsilon - t) - normalDensity(epsilon - t)) / mass;
    w = v * v + ((epsilon - t) * normalDensity(epsilon - t) + (epsilon + t) * normalDensity(epsilon + t)) / mass;
  }
  const muA = options.a.mu + (varianceA / c) * v;
  const muB = options.b.mu - (varianceB / c) * v;
  const sigmaA = Math.sqrt(varianceA * (1 - (varianceA / (c * c)) * w));
  const sigmaB = Math.sqrt(varianceB * (1 - (varianceB / (c * c)) * w));
  return [
    { mu: muA, sigma: sigmaA },
    { mu: muB, sigma: sigmaB },
  ];
}
