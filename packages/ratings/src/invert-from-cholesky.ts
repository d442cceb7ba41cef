/**
 * A⁻¹ from the Cholesky factor L of A (row-major, lower triangle), in single precision: L⁻¹ row by row
 * (row i = −(1/L_ii)·Σ_{k<i} L_ik·row_k of L⁻¹, plus 1/L_ii on the diagonal), then A⁻¹ = L⁻ᵀL⁻¹ as a sum of
 * outer products of L⁻¹'s rows. About items³/3 multiply–adds, all along contiguous rows.
 */
export function invertFromCholesky(factor: Float64Array, size: number): Float32Array {
  const lowerInverse = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const rowI = i * size;
    const pivot = factor[rowI + i]!;
    for (let k = 0; k < i; k++) {
      const coefficient = factor[rowI + k]!;
      if (coefficient === 0) continue;
      const rowK = k * size;
      for (let j = 0; j <= k; j++) {
        lowerInverse[rowI + j] = lowerInverse[rowI + j]! - coefficient * lowerInverse[rowK + j]!;
      }
    }
    for (let j = 0; j < i; j++) lowerInverse[rowI + j] = lowerInverse[rowI + j]! / pivot;
    lowerInverse[rowI + i] = 1 / pivot;
  }
  const inverse = new Float64Array(size * size);
  for (let k = 0; k < size; k++) {
    const rowK = k * size;
    for (let i = 0; i <= k; i++) {
      const scale = lowerInverse[rowK + i]!;
      if (scale === 0) continue;
      const rowI = i * size;
      for (let j = 0; j <= i; j++) inverse[rowI + j] = inverse[rowI + j]! + scale * lowerInverse[rowK + j]!;
    }
  }
  const single = new Float32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      const value = inverse[i * size + j]!;
      single[i * size + j] = value;
      single[j * size + i] = value;
    }
  }
  return single;
}
