import { aggregatePairCells, type PairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/**
 * {@link PairCells} whose cells also carry contest-level covariates x_c (one row of `covariates` per cell,
 * oriented first − second: swapping the two sides negates them). Bradley–Terry with covariates depends on the
 * data only through these counts, so cells with the same (first, second, x) are merged.
 */
export interface CovariateCells extends PairCells {
  /** Names of the covariate columns (e.g. "length", "headers"). */
  readonly covariateNames: readonly string[];
  /** size × covariateNames.length, row-major. */
  readonly covariates: Float64Array;
}

/**
 * Aggregates rows with per-row covariates (rows × k, row-major, oriented first − second) into cells keyed by
 * (first, second, covariate values). Rows whose presentation order is not kept are stored with the smaller item
 * code first, their verdict flipped and their covariates negated (the covariates must be antisymmetric in the two
 * sides, as every normalised difference is). Invalid verdicts are skipped and counted. With `rowCells`, the cells
 * also carry each row's cell (`rowCell`, −1 for invalid rows), as {@link aggregatePairCells} does, so that
 * `clusterCells` (cluster-comparisons.ts) can group the comparisons into clusters.
 */
export function aggregateCovariateCells(
  outcomes: PairwiseOutcomes,
  options: {
    covariates?: Float64Array;
    covariateNames?: readonly string[];
    keepOrder?: boolean;
    rowCells?: boolean;
  } = {},
): CovariateCells {
  const names = options.covariateNames ?? [];
  const width = names.length;
  const keepOrder = options.keepOrder ?? false;
  const rowCells = options.rowCells ?? false;
  if (width === 0) {
    const cells = aggregatePairCells(outcomes, { keepOrder, rowCells });
    return { ...cells, covariateNames: [], covariates: new Float64Array(0) };
  }
  const values = options.covariates;
  if (values === undefined || values.length !== outcomes.size * width) {
    throw new RangeError(
      `aggregateCovariateCells: covariates must hold ${outcomes.size} rows × ${width} columns, got ${values?.length ?? 0} values`,
    );
  }
  // Rows with the same oriented pair and covariate vector share a cell; the key spells the vector exactly.
  const index = new Map<string, number>();
  const first: number[] = [];
  const second: number[] = [];
  const positional: number[] = [];
  const wins: number[][] = [[], [], []];
  const covariates: number[] = [];
  const row0 = new Float64Array(width);
  let invalidCount = 0;
  const rowCell = rowCells ? new Int32Array(outcomes.size).fill(-1) : undefined;
  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    if (verdict === 3) {
      invalidCount++;
      continue;
    }
    if (verdict > 3) throw new RangeError(`aggregateCovariateCells: row ${row}: verdict ${verdict} is not 0–3`);
    let a = outcomes.first[row]!;
    let b = outcomes.second[row]!;
    if (a === b) throw new RangeError(`aggregateCovariateCells: row ${row}: an item is compared with itself`);
    const known = keepOrder && (outcomes.orderKnown === undefined || outcomes.orderKnown[row] !== 0);
    let outcome = verdict;
    let sign = 1;
    if (!known && a > b) {
      [a, b] = [b, a];
      if (outcome < 2) outcome = 1 - outcome;
      sign = -1;
    }
    for (let k = 0; k < width; k++) {
      const value = sign * values[row * width + k]!;
      if (!Number.isFinite(value))
        throw new RangeError(`aggregateCovariateCells: row ${row}: covariate ${names[k]} is not finite`);
      row0[k] = value === 0 ? 0 : value; // −0 and 0 share a key
    }
    const key = `${a},${b},${known ? 1 : 0},${row0.join(",")}`;
    let cell = index.get(key);
    if (cell === undefined) {
      cell = first.length;
      index.set(key, cell);
      first.push(a);
      second.push(b);
      positional.push(known ? 1 : 0);
      for (const column of wins) column.push(0);
      for (let k = 0; k < width; k++) covariates.push(row0[k]!);
    }
    if (rowCell !== undefined) rowCell[row] = cell;
    const column = wins[outcome] as number[];
    column[cell] = column[cell]! + 1;
  }
  return {
    size: first.length,
    itemIds: outcomes.itemIds,
    judgeIds: [],
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    positional: Uint8Array.from(positional),
    judge: new Int32Array(first.length).fill(-1),
    firstWins: Float64Array.from(wins[0] as number[]),
    secondWins: Float64Array.from(wins[1] as number[]),
    ties: Float64Array.from(wins[2] as number[]),
    invalidCount,
    covariateNames: names,
    covariates: Float64Array.from(covariates),
    ...(rowCell === undefined ? {} : { rowCell }),
  };
}
