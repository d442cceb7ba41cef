/** Input of {@link solveConjugateGradient}. */
export interface ConjugateGradientProblem {
  /** out ← A·vector for the symmetric positive-definite A (matrix-free). */
  readonly multiply: (vector: Float64Array, out: Float64Array) => void;
  /** 1 / diag(A) (the Jacobi preconditioner); 0 where a coordinate is fixed (kept at 0). */
  readonly inverseDiagonal: Float64Array;
  readonly rightHandSide: Float64Array;
  /** Solution, overwritten (the iteration starts from 0). */
  readonly solution: Float64Array;
  /** Stop when ‖b − A·x‖₂ ≤ relativeTolerance · ‖b‖₂. */
  readonly relativeTolerance: number;
  readonly maxIterations: number;
}

/**
 * Preconditioned conjugate gradients (Hestenes & Stiefel 1952; Saad, "Iterative Methods for Sparse Linear
 * Systems", 2nd ed., Algorithm 9.1) with the Jacobi preconditioner M = diag(A):
 *   r₀ = b, z₀ = M⁻¹r₀, p₀ = z₀;  α = rᵀz / pᵀAp;  x += αp;  r −= αAp;  z = M⁻¹r;  β = r'ᵀz' / rᵀz;  p = z + βp.
 * Each iteration costs one product with A. Returns the number of iterations and whether the relative residual
 * reached the tolerance.
 */
export function solveConjugateGradient(problem: ConjugateGradientProblem): {
  iterations: number;
  converged: boolean;
} {
  const { multiply, inverseDiagonal, rightHandSide, solution, relativeTolerance, maxIterations } = problem;
  const size = rightHandSide.length;
  const residual = Float64Array.from(rightHandSide);
  const direction = new Float64Array(size);
  const product = new Float64Array(size);
  solution.fill(0);
  let rhsNorm = 0;
  let residualDotZ = 0;
  for (let i = 0; i < size; i++) {
    const r = residual[i]!;
    rhsNorm += r * r;
    const z = r * inverseDiagonal[i]!;
    direction[i] = z;
    residualDotZ += r * z;
  }
  const target = relativeTolerance * relativeTolerance * rhsNorm;
  if (rhsNorm === 0) return { iterations: 0, converged: true };
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    multiply(direction, product);
    let curvature = 0;
    for (let i = 0; i < size; i++) curvature += direction[i]! * product[i]!;
    if (!(curvature > 0)) return { iterations: iteration, converged: false };
    const alpha = residualDotZ / curvature;
    let residualNorm = 0;
    let nextDotZ = 0;
    for (let i = 0; i < size; i++) {
      solution[i] = solution[i]! + alpha * direction[i]!;
      const r = residual[i]! - alpha * product[i]!;
      residual[i] = r;
      residualNorm += r * r;
      nextDotZ += r * r * inverseDiagonal[i]!;
    }
    if (residualNorm <= target) return { iterations: iteration, converged: true };
    const beta = nextDotZ / residualDotZ;
    residualDotZ = nextDotZ;
    for (let i = 0; i < size; i++) {
      direction[i] = residual[i]! * inverseDiagonal[i]! + beta * direction[i]!;
    }
  }
  return { iterations: maxIterations, converged: false };
}
