import type { CellCounts } from "../bradley-terry-likelihood.js";
import { createRandomSource, deriveSeed } from "../random-source.js";
import {
  fitBradleyTerryReference,
  type ReferenceCells,
  type ReferenceFitOptions,
} from "./fit-bradley-terry-reference.js";

/** Options of {@link bootstrapBradleyTerryReference}. */
export interface ReferenceBootstrapOptions extends ReferenceFitOptions {
  readonly rounds: number;
  /** Round r draws from createRandomSource(deriveSeed(seed, r)); default 0. */
  readonly seed?: number;
  /**
   * The resampled counts of round r, when given (e.g. the fast engine's own draws, so that both refit the same
   * resamples); default a plain bootstrap of the comparisons ({@link resampleComparisons}).
   */
  readonly resample?: (round: number) => CellCounts;
}

/**
 * The nonparametric bootstrap of Bradley–Terry ratings, plainly (Efron and Tibshirani, An Introduction to the
 * Bootstrap, 1993, ch. 6): each round draws N comparisons with replacement from the N observed ones, refits
 * ({@link fitBradleyTerryReference}, from the full-data estimate) and records the ratings, centred over the
 * items the resample compares (NaN for the others). Percentile intervals are quantiles of each item's column.
 * Returns the rounds × items samples, row-major.
 */
export function bootstrapBradleyTerryReference(
  cells: ReferenceCells,
  options: ReferenceBootstrapOptions,
): Float64Array {
  const itemCount = cells.itemIds.length;
  const start = fitBradleyTerryReference(cells, options).logStrengths.map((value) => (Number.isNaN(value) ? 0 : value));
  const samples = new Float64Array(options.rounds * itemCount);
  for (let round = 0; round < options.rounds; round++) {
    const counts = options.resample?.(round) ?? resampleComparisons(cells, options.seed ?? 0, round);
    const refit = fitBradleyTerryReference({ ...cells, ...counts }, options, start);
    samples.set(refit.ratings, round * itemCount);
  }
  return samples;
}

/**
 * One resample of the comparisons, aggregated back into the cells: the N comparisons are laid out one per slot
 * (cell by cell: first wins, second wins, ties), and N uniform slot indices are drawn with replacement.
 */
export function resampleComparisons(cells: ReferenceCells, seed: number, round: number): CellCounts {
  const outcomes = [cells.firstWins, cells.secondWins, cells.ties];
  const slots: { cell: number; outcome: number }[] = [];
  for (let cell = 0; cell < cells.first.length; cell++) {
    outcomes.forEach((counts, outcome) => {
      for (let k = 0; k < counts[cell]!; k++) slots.push({ cell, outcome });
    });
  }
  const resampled = outcomes.map(() => new Float64Array(cells.first.length));
  const random = createRandomSource(deriveSeed(seed, round));
  for (let draw = 0; draw < slots.length; draw++) {
    const { cell, outcome } = slots[Math.floor(random.next() * slots.length)] as { cell: number; outcome: number };
    const column = resampled[outcome] as Float64Array;
    column[cell] = column[cell]! + 1;
  }
  const [firstWins, secondWins, ties] = resampled as [Float64Array, Float64Array, Float64Array];
  return { firstWins, secondWins, ties };
}
