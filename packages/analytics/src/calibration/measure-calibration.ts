import type { ComparisonTable } from "@judgelab/datasets";
import { createRandomSource } from "@judgelab/ratings";
import { type GoldLabels, NO_LABEL } from "../agreement/gold-labels.js";
import type { Bin, Proportion, Statistic } from "../metrics-document.js";
import { type PairUnits, UnitLabel } from "../pair-units.js";
import { bootstrapInterval, proportion, statistic } from "../stats/proportion.js";
import { calibrationBin, computeCalibrationFigures, summariseBins } from "./compute-calibration-figures.js";

/** Number of equal-width bins of the reliability diagram (Guo et al. 2017 use 15, Naeini et al. 10). */
export const CALIBRATION_BINS = 10;

/** One reliability-diagram bin: how many verdicts, their mean confidence and how often they were right. */
export interface CalibrationBinValue {
  readonly n: number;
  readonly meanConfidence: number | null;
  readonly accuracy: number | null;
}

/** One judge's confidences against the gold labels. */
export interface CalibrationRow {
  readonly judge: string;
  /** Verdicts with a confidence on gold-labelled pairs (N). */
  readonly verdicts: number;
  /** Pair units they fall on: the clusters the bootstrap resamples. */
  readonly units: number;
  readonly meanConfidence: Statistic;
  /** Share of those verdicts that equal the gold label (a tie label is matched only by a tie verdict). */
  readonly accuracy: Proportion;
  /** Mean confidence − accuracy: above 0 the judge is overconfident on average. */
  readonly overconfidence: Statistic;
  /** Expected calibration error Σ_b (n_b/N)·|acc_b − conf_b|, 95% cluster-bootstrap interval over pair units. */
  readonly ece: Statistic;
  /** Brier score mean (p − y)², same interval. */
  readonly brier: Statistic;
  /** The reliability diagram: equal-width bins of confidence (empty bins have n = 0 and null values). */
  readonly bins: readonly Bin<CalibrationBinValue>[];
}

/** Calibration of the judges' stated or logprob confidences against gold labels. */
export interface CalibrationSection {
  /** How the figures are computed (outcome, binning, interval). */
  readonly method: string;
  /** Where the gold labels come from (`references:…`, `gold-judges`, `human-majority`). */
  readonly against: string;
  readonly binCount: number;
  readonly perJudge: readonly CalibrationRow[];
  /** Verdicts with a confidence that could not be checked (their pair has no gold label). */
  readonly unlabelled: number;
}

/** Per-judge cells: one per (pair unit, bin) with the sums the figures need. */
interface JudgeCells {
  readonly unit: number[];
  readonly bin: number[];
  readonly count: number[];
  readonly confidence: number[];
  readonly correct: number[];
  readonly squares: number[];
  readonly rawConfidence: number[];
  readonly rawCorrect: number[];
}

function collectCells(table: ComparisonTable, units: PairUnits, gold: GoldLabels, bins: number) {
  const confidence = table.confidence as Float64Array;
  const perJudge = new Map<number, JudgeCells & { cellOf: Map<number, number>; unitOf: Map<number, number> }>();
  let unlabelled = 0;
  for (let row = 0; row < table.size; row++) {
    const p = confidence[row]!;
    const unit = units.unit[row]!;
    if (!Number.isFinite(p) || unit < 0 || units.label[row]! === UnitLabel.invalid) continue;
    const judge = table.judge[row]!;
    if (gold.labelJudges.has(judge)) continue;
    const label = gold.label[unit]!;
    if (label === NO_LABEL) {
      unlabelled++;
      continue;
    }
    let cells = perJudge.get(judge);
    if (cells === undefined) {
      cells = {
        unit: [],
        bin: [],
        count: [],
        confidence: [],
        correct: [],
        squares: [],
        rawConfidence: [],
        rawCorrect: [],
        cellOf: new Map(),
        unitOf: new Map(),
      };
      perJudge.set(judge, cells);
    }
    let local = cells.unitOf.get(unit);
    if (local === undefined) {
      local = cells.unitOf.size;
      cells.unitOf.set(unit, local);
    }
    const y = units.label[row] === label ? 1 : 0;
    const bin = calibrationBin(p, bins);
    const key = local * bins + bin;
    let cell = cells.cellOf.get(key);
    if (cell === undefined) {
      cell = cells.unit.length;
      cells.cellOf.set(key, cell);
      cells.unit.push(local);
      cells.bin.push(bin);
      cells.count.push(0);
      cells.confidence.push(0);
      cells.correct.push(0);
      cells.squares.push(0);
    }
    cells.count[cell]! += 1;
    cells.confidence[cell]! += p;
    cells.correct[cell]! += y;
    cells.squares[cell]! += (p - y) * (p - y);
    cells.rawConfidence.push(p);
    cells.rawCorrect.push(y);
  }
  return { perJudge, unlabelled };
}

/** A judge's cells as typed arrays, for the bootstrap's inner loop. */
interface PackedCells {
  readonly unit: Int32Array;
  readonly bin: Int32Array;
  readonly count: Float64Array;
  readonly confidence: Float64Array;
  readonly correct: Float64Array;
  readonly squares: Float64Array;
}

function packCells(cells: JudgeCells): PackedCells {
  return {
    unit: Int32Array.from(cells.unit),
    bin: Int32Array.from(cells.bin),
    count: Float64Array.from(cells.count),
    confidence: Float64Array.from(cells.confidence),
    correct: Float64Array.from(cells.correct),
    squares: Float64Array.from(cells.squares),
  };
}

/** ECE, Brier and overconfidence of one bootstrap round: cells weighted by how often their unit was drawn. */
function resampledFigures(cells: PackedCells, multiplicity: Float64Array, bins: number): [number, number, number] {
  const binCount = new Float64Array(bins);
  const binConfidence = new Float64Array(bins);
  const binCorrect = new Float64Array(bins);
  let n = 0;
  let squares = 0;
  const { unit, bin, count, confidence, correct } = cells;
  for (let cell = 0; cell < unit.length; cell++) {
    const m = multiplicity[unit[cell]!]!;
    if (m === 0) continue;
    const b = bin[cell]!;
    const weighted = m * count[cell]!;
    binCount[b]! += weighted;
    binConfidence[b]! += m * confidence[cell]!;
    binCorrect[b]! += m * correct[cell]!;
    squares += m * cells.squares[cell]!;
    n += weighted;
  }
  const summary = summariseBins({ binCount, binConfidence, binCorrect, n });
  return [summary.ece, n === 0 ? Number.NaN : squares / n, summary.meanConfidence - summary.accuracy];
}

/**
 * Calibration of each judge's verdict confidences (`Comparison.confidence`: the probability it gives its stated
 * verdict) against gold labels: the outcome of a verdict is y = 1 when it equals the pair's gold label (a tie
 * label is matched only by a tie verdict; invalid verdicts carry no confidence and are left out). Per judge:
 * a reliability diagram over {@link CALIBRATION_BINS} equal-width bins, ECE and Brier score
 * ({@link computeCalibrationFigures}), with 95% percentile intervals from a cluster bootstrap that resamples the
 * judge's pair units with replacement (the units the agreement bootstraps resample, so repeated and both-order
 * verdicts on one pair move together); the random source is seeded with `seed + judge code`. Judges that supply
 * the labels are left out.
 */
export function measureCalibration(options: {
  readonly table: ComparisonTable;
  readonly units: PairUnits;
  readonly gold: GoldLabels;
  readonly seed: number;
  readonly bootstrapRounds: number;
  readonly bins?: number;
}): CalibrationSection {
  const { table, units, gold } = options;
  const bins = options.bins ?? CALIBRATION_BINS;
  const { perJudge, unlabelled } = collectCells(table, units, gold, bins);
  const rows: CalibrationRow[] = [];
  for (const judge of [...perJudge.keys()].sort((a, b) => a - b)) {
    const cells = perJudge.get(judge)!;
    const unitCount = cells.unitOf.size;
    const full = computeCalibrationFigures({ confidence: cells.rawConfidence, correct: cells.rawCorrect, bins });
    const samples = [0, 1, 2].map(() => new Float64Array(options.bootstrapRounds));
    const random = createRandomSource(options.seed + judge);
    const multiplicity = new Float64Array(unitCount);
    const packed = packCells(cells);
    for (let round = 0; round < options.bootstrapRounds; round++) {
      // U units drawn with replacement: U uniform indices, O(U) per round (no binomial per unit).
      multiplicity.fill(0);
      for (let draw = 0; draw < unitCount; draw++) multiplicity[Math.floor(random.next() * unitCount)]! += 1;
      const figures = resampledFigures(packed, multiplicity, bins);
      for (let index = 0; index < 3; index++) samples[index]![round] = figures[index]!;
    }
    const correct = cells.rawCorrect.reduce((sum, y) => sum + y, 0);
    rows.push({
      judge: table.judgeIds[judge]!,
      verdicts: full.n,
      units: unitCount,
      meanConfidence: statistic(full.meanConfidence, full.n),
      accuracy: proportion(correct, full.n),
      overconfidence: statistic(full.meanConfidence - full.accuracy, full.n, bootstrapInterval(samples[2]!)),
      ece: statistic(full.ece, full.n, bootstrapInterval(samples[0]!)),
      brier: statistic(full.brier, full.n, bootstrapInterval(samples[1]!)),
      bins: Array.from({ length: bins }, (_, bin) => {
        const n = full.binCount[bin]!;
        return {
          lower: bin / bins,
          upper: (bin + 1) / bins,
          value: {
            n,
            meanConfidence: n === 0 ? null : full.binConfidence[bin]! / n,
            accuracy: n === 0 ? null : full.binCorrect[bin]! / n,
          },
        };
      }),
    });
  }
  return {
    method:
      `a verdict is right when it equals the pair's label (a tie label is matched only by a tie verdict); ` +
      `${bins} equal-width confidence bins; ECE = Σ (n_b/N)·|acc_b − conf_b|; Brier = mean (p − y)²; ` +
      `95% percentile intervals over ${options.bootstrapRounds} cluster-bootstrap rounds resampling pair units`,
    against: gold.source,
    binCount: bins,
    perJudge: rows,
    unlabelled,
  };
}
