/** out = M·v for a symmetric single-precision M (row-major), four rows per pass over v. */
export function multiplySymmetric(matrix: Float32Array, size: number, vector: Float64Array, out: Float64Array): void {
  let i = 0;
  for (; i + 3 < size; i += 4) {
    const row0 = i * size;
    const row1 = row0 + size;
    const row2 = row1 + size;
    const row3 = row2 + size;
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    for (let k = 0; k < size; k++) {
      const value = vector[k]!;
      sum0 += matrix[row0 + k]! * value;
      sum1 += matrix[row1 + k]! * value;
      sum2 += matrix[row2 + k]! * value;
      sum3 += matrix[row3 + k]! * value;
    }
    out[i] = sum0;
    out[i + 1] = sum1;
    out[i + 2] = sum2;
    out[i + 3] = sum3;
  }
  for (; i < size; i++) {
    const row = i * size;
    let sum = 0;
    for (let k = 0; k < size; k++) sum += matrix[row + k]! * vector[k]!;
    out[i] = sum;
  }
}
