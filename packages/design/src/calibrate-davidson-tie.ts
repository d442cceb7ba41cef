/** Quadrature nodes of the standard normal on [−6, 6] (midpoint rule, 241 points; error far below 1e-6 here). */
const NODES = 241;

/**
 * Davidson's (1970) tie probability at perceived log-strength difference d: ν / (2 cosh(d/2) + ν)
 * (from P(tie) = ν√(π_i π_j) / (π_i + π_j + ν√(π_i π_j))).
 */
export function davidsonTieProbability(nu: number, difference: number): number {
  return nu / (2 * Math.cosh(difference / 2) + nu);
}

/**
 * The Davidson ν whose average tie probability over random pairs is `tieRate`: the difference of two random
 * items is d ~ N(0, 2·variance) (variance = spreadSd² + judgeNoise², what a judge perceives), so ν solves
 *   E_d[ν / (2 cosh(d/2) + ν)] = tieRate,
 * by bisection on ln ν (the mean is increasing in ν), the expectation by the midpoint rule on ±6 sd.
 * tieRate 0 gives ν = 0. Davidson, R. R. (1970), JASA 65, 317–328.
 */
export function calibrateDavidsonTie(options: { tieRate: number; variance: number }): number {
  const { tieRate, variance } = options;
  if (tieRate <= 0) return 0;
  const sd = Math.sqrt(2 * variance);
  const meanTie = (nu: number) => {
    let sum = 0;
    let weights = 0;
    for (let k = 0; k < NODES; k++) {
      const z = -6 + (12 * (k + 0.5)) / NODES;
      const weight = Math.exp(-0.5 * z * z);
      sum += weight * davidsonTieProbability(nu, sd * z);
      weights += weight;
    }
    return sum / weights;
  };
  let low = -30;
  let high = 30;
  for (let step = 0; step < 100; step++) {
    const middle = (low + high) / 2;
    if (meanTie(Math.exp(middle)) < tieRate) low = middle;
    else high = middle;
  }
  return Math.exp((low + high) / 2);
}
