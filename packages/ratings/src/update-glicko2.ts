/** Glicko-2 system constants (Glickman 2013, "Example of the Glicko-2 system"). */
export interface Glicko2Settings {
  /** Initial rating on the Glicko scale; default 1500. */
  readonly rating: number;
  /** Initial rating deviation; default 350. */
  readonly deviation: number;
  /** Initial volatility; default 0.06. */
  readonly volatility: number;
  /** System constant τ constraining volatility changes; default 0.5 (Glickman suggests 0.3–1.2). */
  readonly tau: number;
  /** Convergence tolerance of the volatility iteration; default 1e-6 (Glickman's ε). */
  readonly tolerance: number;
}

export const GLICKO2_DEFAULTS: Glicko2Settings = {
  rating: 1500,
  deviation: 350,
  volatility: 0.06,
  tau: 0.5,
  tolerance: 1e-6,
};

/** A player's Glicko-2 state on the Glicko scale. */
export interface Glicko2Player {
  readonly rating: number;
  readonly deviation: number;
  readonly volatility: number;
}

/** One game of a rating period against an opponent (their pre-period state) with score 1, 0.5 or 0. */
export interface Glicko2Game {
  readonly opponent: Glicko2Player;
  readonly score: number;
}

/** Glicko-2 scale factor 400/ln 10 ≈ 173.7178. */
const SCALE = 400 / Math.LN10;

/**
 * Updates one player after a rating period (Glickman 2013, steps 2–8):
 *   μ = (r − 1500)/173.7178, φ = RD/173.7178, g(φ) = 1/√(1 + 3φ²/π²), E = 1/(1 + e^(−g(φ_j)(μ − μ_j))),
 *   v = [Σ g(φ_j)² E(1 − E)]⁻¹, Δ = v Σ g(φ_j)(s_j − E),
 *   σ' from f(x) = e^x(Δ² − φ² − v − e^x)/(2(φ² + v + e^x)²) − (x − ln σ²)/τ² = 0 (Illinois regula falsi),
 *   φ* = √(φ² + σ'²), φ' = 1/√(1/φ*² + 1/v), μ' = μ + φ'² Σ g(φ_j)(s_j − E).
 * A player without games only has φ' = √(φ² + σ²) (step 6).
 */
export function updateGlicko2(options: {
  player: Glicko2Player;
  games: readonly Glicko2Game[];
  settings?: Partial<Glicko2Settings>;
}): Glicko2Player {
  const settings = { ...GLICKO2_DEFAULTS, ...options.settings };
  const { player, games } = options;
  const mu = (player.rating - 1500) / SCALE;
  const phi = player.deviation / SCALE;
  const sigma = player.volatility;
  if (games.length === 0) {
    return { ...player, deviation: Math.sqrt(phi * phi + sigma * sigma) * SCALE };
  }
  let information = 0;
  let scoreSum = 0;
  for (const game of games) {
    const muJ = (game.opponent.rating - 1500) / SCALE;
    const g = reduction(game.opponent.deviation / SCALE);
    const expected = 1 / (1 + Math.exp(-g * (mu - muJ)));
    information += g * g * expected * (1 - expected);
    scoreSum += g * (game.score - expected);
  }
  const variance = 1 / information;
  const delta = variance * scoreSum;
  const volatility = solveVolatility({ delta, phi, variance, sigma, tau: settings.tau, tolerance: settings.tolerance });
  const phiStar = Math.sqrt(phi * phi + volatility * volatility);
  const phiNew = 1 / Math.sqrt(1 / (phiStar * phiStar) + 1 / variance);
  const muNew = mu + phiNew * phiNew * scoreSum;
  return { rating: muNew * SCALE + 1500, deviation: phiNew * SCALE, volatility };
}

function reduction(phi: number): number {
  return 1 / Math.sqrt(1 + (3 * phi * phi) / (Math.PI * Math.PI));
}

/** Step 5 of Glickman (2013): the Illinois algorithm on f(x), x = ln σ'². */
function solveVolatility(options: {
  delta: number;
  phi: number;
  variance: number;
  sigma: number;
  tau: number;
  tolerance: number;
}): number {
  const { delta, phi, variance, sigma, tau, tolerance } = options;
  const a = Math.log(sigma * sigma);
  const f = (x: number): number => {
    const ex = Math.exp(x);
    const denominator = phi * phi + variance + ex;
    return (ex * (delta * delta - phi * phi - variance - ex)) / (2 * denominator * denominator) - (x - a) / (tau * tau);
  };
  let lowerA = a;
  let upperB: number;
  if (delta * delta > phi * phi + variance) {
    upperB = Math.log(delta * delta - phi * phi - variance);
  } else {
    let k = 1;
    while (f(a - k * tau) < 0) k++;
    upperB = a - k * tau;
  }
  let fA = f(lowerA);
  let fB = f(upperB);
  for (let iteration = 0; iteration < 1000 && Math.abs(upperB - lowerA) > tolerance; iteration++) {
    const c = lowerA + ((lowerA - upperB) * fA) / (fB - fA);
    const fC = f(c);
    if (fC * fB <= 0) {
      lowerA = upperB;
      fA = fB;
    } else {
      fA /= 2;
    }
    upperB = c;
    fB = fC;
  }
  return Math.exp(lowerA / 2);
}
