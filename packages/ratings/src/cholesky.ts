/**
 * Dense Cholesky factorisation of a symmetric positive-definite matrix A = L·Lᵀ (row-major n×n
 * Float64Array), used by the Newton solvers. Returns false when A is not numerically positive definite.
 * The lower triangle of `matrix` is overwritten by L.
 */
export function choleskyInPlace(matrix: Float64Array, size: number): boolean {
  for (let j = 0; j < size; j++) {
    const rowJ = j * size;
    let diagonal = matrix[rowJ + j]!;
    for (let k = 0; k < j; k++) {
      const value = matrix[rowJ + k]!;
      diagonal -= value * value;
    }
    if (!(diagonal > 0)) return false;
    const pivot = Math.sqrt(diagonal);
    matrix[rowJ + j] = pivot;
    for (let i = j + 1; i < size; i++) {
      const rowI = i * size;
      let sum = matrix[rowI + j]!;
      for (let k = 0; k < j; k++) sum -= matrix[rowI + k]! * matrix[rowJ + k]!;
      matrix[rowI + j] = sum / pivot;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b in place (b becomes x) given the factor from {@link choleskyInPlace}. */
export function choleskySolveInPlace(factor: Float64Array, size: number, vector: Float64Array): void {
  for (let i = 0; i < size; i++) {
    const row = i * size;
    let sum = vector[i]!;
    for (let k = 0; k < i; k++) sum -= factor[row + k]! * vector[k]!;
    vector[i] = sum / factor[row + i]!;
  }
  // Lᵀ·x = y by columns of Lᵀ (rows of L): once x_i is known, subtract x_i·L[i][0..i) from the entries above.
  // Reads the factor row by row (contiguous) instead of down its columns (one cache miss per entry).
  for (let i = size - 1; i >= 0; i--) {
    const row = i * size;
    const value = vector[i]! / factor[row + i]!;
    vector[i] = value;
    for (let k = 0; k < i; k++) vector[k] = vector[k]! - factor[row + k]! * value;
  }
}

/** The inverse of A (row-major) from its Cholesky factor, by solving for each unit vector. */
export function choleskyInverse(factor: Float64Array, size: number): Float64Array {
  const inverse = new Float64Array(size * size);
  const column = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    column.fill(0);
    column[j] = 1;
    choleskySolveInPlace(factor, size, column);
    for (let i = 0; i < size; i++) inverse[i * size + j] = column[i]!;
  }
  return inverse;
}
