/**
 * Solves A·X = B for a general square matrix A (row-major n×n) and `columns` right-hand sides (row-major
 * n×columns), by Gaussian elimination with partial pivoting. Returns null when A is singular to working
 * precision. A and B are not modified.
 */
export function solveLinearSystem(
  matrix: Float64Array,
  size: number,
  rightHandSides: Float64Array,
  columns: number,
): Float64Array | null {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rightHandSides);
  let scale = 0;
  for (const value of a) scale = Math.max(scale, Math.abs(value));
  for (let pivotColumn = 0; pivotColumn < size; pivotColumn++) {
    let pivotRow = pivotColumn;
    for (let row = pivotColumn + 1; row < size; row++) {
      if (Math.abs(a[row * size + pivotColumn]!) > Math.abs(a[pivotRow * size + pivotColumn]!)) pivotRow = row;
    }
    const pivot = a[pivotRow * size + pivotColumn]!;
    if (Math.abs(pivot) <= 1e-13 * scale) return null;
    if (pivotRow !== pivotColumn) {
      swapRows(a, size, pivotRow, pivotColumn);
      swapRows(b, columns, pivotRow, pivotColumn);
    }
    for (let row = pivotColumn + 1; row < size; row++) {
      const factor = a[row * size + pivotColumn]! / pivot;
      if (factor === 0) continue;
      for (let k = pivotColumn; k < size; k++)
        a[row * size + k] = a[row * size + k]! - factor * a[pivotColumn * size + k]!;
      for (let k = 0; k < columns; k++)
        b[row * columns + k] = b[row * columns + k]! - factor * b[pivotColumn * columns + k]!;
    }
  }
  for (let row = size - 1; row >= 0; row--) {
    for (let k = 0; k < columns; k++) {
      let sum = b[row * columns + k]!;
      for (let j = row + 1; j < size; j++) sum -= a[row * size + j]! * b[j * columns + k]!;
      b[row * columns + k] = sum / a[row * size + row]!;
    }
  }
  return b;
}

function swapRows(matrix: Float64Array, width: number, first: number, second: number): void {
  for (let k = 0; k < width; k++) {
    const value = matrix[first * width + k]!;
    matrix[first * width + k] = matrix[second * width + k]!;
    matrix[second * width + k] = value;
  }
}
