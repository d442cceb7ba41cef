/** Calibration figures of one set of (confidence, correct) pairs, optionally weighted. */
export interface CalibrationFigures {
  /** Σ weights (the number of verdicts when unweighted). */
  readonly n: number;
  /** Mean confidence Σ w·p / Σ w. */
  readonly meanConfidence: number;
  /** Accuracy Σ w·y / Σ w. */
  readonly accuracy: number;
  /** Expected calibration error Σ_b (n_b / N)·|acc_b − conf_b| over equal-width bins. */
  readonly ece: number;
  /** Brier score Σ w·(p − y)² / Σ w. */
  readonly brier: number;
  /** Per bin b: weight n_b, Σ p and Σ y over its verdicts (divide by n_b for conf_b and acc_b). */
  readonly binCount: Float64Array;
  readonly binConfidence: Float64Array;
  readonly binCorrect: Float64Array;
}

/**
 * Bin of a confidence among `bins` equal-width bins of [0, 1], lower ≤ p < upper (the last bin includes 1): the
 * number of inner edges k/B (k = 1…B−1, computed as k·(1/B) like numpy's linspace) at or below p, i.e. numpy
 * `searchsorted(edges, p, side="right")`. (scikit-learn 1.2's `calibration_curve` uses side "left", so a
 * confidence exactly on an inner edge lands one bin lower there.)
 */
export function calibrationBin(confidence: number, bins: number): number {
  const step = 1 / bins;
  let bin = Math.min(bins - 1, Math.max(0, Math.floor(confidence * bins)));
  while (bin > 0 && bin * step > confidence) bin--;
  while (bin < bins - 1 && (bin + 1) * step <= confidence) bin++;
  return bin;
}

/**
 * Reliability-diagram bins, expected calibration error and Brier score of verdict confidences p ∈ [0, 1] with
 * outcomes y ∈ {0, 1} (1 = the verdict was right):
 *
 *   ECE = Σ_b (n_b / N) · |acc_b − conf_b|   (Naeini et al. 2015; Guo et al. 2017), B equal-width bins
 *   Brier = (1/N) Σ (p − y)²                   (Brier 1950)
 *
 * where conf_b and acc_b are the mean confidence and the accuracy of the verdicts in bin b. `weights` (default 1
 * per verdict) let a bootstrap round reuse precomputed per-unit cells: a unit drawn m times counts m times.
 *
 * @example p = [0.9, 0.9, 0.6, 0.6], y = [1, 0, 1, 1], 10 bins: bin 9 has conf 0.9, acc 0.5; bin 6 has conf 0.6,
 * acc 1; ECE = ½·0.4 + ½·0.4 = 0.4; Brier = (0.01 + 0.81 + 0.16 + 0.16) / 4 = 0.285.
 */
export function computeCalibrationFigures(options: {
  readonly confidence: ArrayLike<number>;
  readonly correct: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
  readonly bins: number;
}): CalibrationFigures {
  const { confidence, correct, weights, bins } = options;
  const binCount = new Float64Array(bins);
  const binConfidence = new Float64Array(bins);
  const binCorrect = new Float64Array(bins);
  let n = 0;
  let squares = 0;
  for (let index = 0; index < confidence.length; index++) {
    const weight = weights === undefined ? 1 : weights[index]!;
    if (weight === 0) continue;
    const p = confidence[index]!;
    const y = correct[index]!;
    const bin = calibrationBin(p, bins);
    binCount[bin] = binCount[bin]! + weight;
    binConfidence[bin] = binConfidence[bin]! + weight * p;
    binCorrect[bin] = binCorrect[bin]! + weight * y;
    squares += weight * (p - y) * (p - y);
    n += weight;
  }
  return { n, ...summariseBins({ binCount, binConfidence, binCorrect, n }), brier: n === 0 ? Number.NaN : squares / n };
}

/** Mean confidence, accuracy and ECE from bin sums (shared with the bootstrap, which sums cells into bins). */
export function summariseBins(sums: {
  readonly binCount: Float64Array;
  readonly binConfidence: Float64Array;
  readonly binCorrect: Float64Array;
  readonly n: number;
}): Omit<CalibrationFigures, "n" | "brier"> {
  const { binCount, binConfidence, binCorrect, n } = sums;
  let confidenceSum = 0;
  let correctSum = 0;
  let gaps = 0;
  for (let bin = 0; bin < binCount.length; bin++) {
    confidenceSum += binConfidence[bin]!;
    correctSum += binCorrect[bin]!;
    // n_b/N · |acc_b − conf_b| = |Σ y − Σ p| / N over the bin.
    gaps += Math.abs(binCorrect[bin]! - binConfidence[bin]!);
  }
  return {
    meanConfidence: n === 0 ? Number.NaN : confidenceSum / n,
    accuracy: n === 0 ? Number.NaN : correctSum / n,
    ece: n === 0 ? Number.NaN : gaps / n,
    binCount,
    binConfidence,
    binCorrect,
  };
}
