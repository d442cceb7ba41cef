import { estimateMatchCorrelation } from "./estimate-match-correlation.js";
import { fitBradleyTerry } from "./fit-bradley-terry.js";
import { hasFiniteMle } from "./has-finite-mle.js";
import { type IntervalCoverage, measureIntervalCoverage } from "./measure-interval-coverage.js";
import { aggregatePairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/** L2 prior of the truth fit when the plain MLE is infinite (an item never lost or never won). */
const FALLBACK_PRIOR = 0.1;

/** The fitted truth and noise a coverage check simulates from, and the coverage it measured. */
export interface IntervalCheck extends IntervalCoverage {
  /** Valid comparisons of the dataset (each simulated dataset has the same rows). */
  readonly comparisons: number;
  /** Matches holding more than one valid comparison, and the mean comparisons per match. */
  readonly sharedMatches: number;
  readonly comparisonsPerMatch: number;
  /** L2 prior of the truth fit (0 when the plain MLE exists). */
  readonly prior: number;
}

/**
 * A coverage check at a dataset's own design (`judgelab check-intervals`): fits Bradley–Terry (half ties; an L2
 * prior of 0.1 when the MLE is infinite) and takes its strengths as the truth, estimates the shared per-match
 * noise as the intra-class correlation of the residuals within matches ({@link estimateMatchCorrelation}) and the
 * tie rate, then simulates `datasets` datasets with the same rows (pairs, presentation orders, matches) and
 * measures how often each interval method covers the true ratings and ranks ({@link measureIntervalCoverage}).
 * Invalid rows (verdict 3) are left out. Presentation-order and judge effects are not simulated: the noise a
 * match shares is the only dependence.
 */
export function checkIntervalsAtDesign(
  outcomes: PairwiseOutcomes,
  options: { datasets?: number; rounds?: number; seed?: number } = {},
): IntervalCheck {
  const valid = validRows(outcomes);
  if (valid.size < 2) throw new RangeError("checkIntervalsAtDesign: fewer than two valid comparisons");
  const cells = aggregatePairCells(valid);
  const prior = hasFiniteMle(cells) ? 0 : FALLBACK_PRIOR;
  const fit = fitBradleyTerry(cells, { prior });
  const strengths = fit.logStrengths.map((value) => (Number.isNaN(value) ? 0 : value));
  const correlation = estimateMatchCorrelation(valid, strengths);
  let ties = 0;
  for (let row = 0; row < valid.size; row++) if (valid.verdict[row] === 2) ties++;
  const { sharedMatches, comparisonsPerMatch } = describeMatches(valid);
  const coverage = measureIntervalCoverage({
    design: {
      itemIds: valid.itemIds,
      first: valid.first,
      second: valid.second,
      ...(valid.match === undefined ? {} : { match: valid.match }),
    },
    strengths,
    correlation,
    tieRate: Math.min(0.9, ties / valid.size),
    ...options,
  });
  return { ...coverage, comparisons: valid.size, sharedMatches, comparisonsPerMatch, prior };
}

/** The rows with verdicts 0–2. */
function validRows(outcomes: PairwiseOutcomes): PairwiseOutcomes {
  const rows: number[] = [];
  for (let row = 0; row < outcomes.size; row++) if (outcomes.verdict[row]! <= 2) rows.push(row);
  const pick = (column: Int32Array) => Int32Array.from(rows, (row) => column[row]!);
  return {
    size: rows.length,
    itemIds: outcomes.itemIds,
    first: pick(outcomes.first),
    second: pick(outcomes.second),
    verdict: Uint8Array.from(rows, (row) => outcomes.verdict[row]!),
    ...(outcomes.match === undefined ? {} : { match: pick(outcomes.match) }),
  };
}

function describeMatches(outcomes: PairwiseOutcomes): { sharedMatches: number; comparisonsPerMatch: number } {
  const counts = new Map<number, number>();
  let alone = 0;
  for (let row = 0; row < outcomes.size; row++) {
    const code = outcomes.match?.[row] ?? -1;
    if (code < 0) alone++;
    else counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let shared = 0;
  for (const count of counts.values()) if (count > 1) shared++;
  return { sharedMatches: shared, comparisonsPerMatch: outcomes.size / Math.max(1, counts.size + alone) };
}
