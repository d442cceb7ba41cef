import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { createRandomSource, type RandomSource } from "./random-source.js";
import { type BootstrapSummary, summarizeBootstrap } from "./summarize-bootstrap.js";

/** Options of {@link bootstrapRows}. */
export interface BootstrapRowsOptions {
  /** Rates one resample (rows in resampled order); returns ratings by item code (NaN = unrated). */
  readonly rate: (sample: PairwiseOutcomes) => Float64Array;
  /** Default 1000. */
  readonly rounds?: number;
  readonly seed?: number;
  readonly random?: RandomSource;
  readonly level?: number;
  /**
   * The reported estimate: ratings from the full data, or "median" of the bootstrap ratings (Arena's choice for
   * online Elo, whose single pass depends on the order). Default "median".
   */
  readonly estimate?: Float64Array | "median";
  /**
   * "bootstrap" (default): N rows drawn with replacement. "shuffle": the same N rows in a random order
   * (Fisher–Yates), which isolates the order dependence of an online method from sampling noise.
   */
  readonly resample?: "bootstrap" | "shuffle";
}

/**
 * Row bootstrap for methods that depend on the order of the rows (online Elo, TrueSkill, Glicko-2, OpenSkill),
 * where cells cannot be used: each round draws N rows uniformly with replacement, in the order drawn (as
 * pandas `df.sample(frac=1, replace=True)` in Arena's notebook), or with `resample: "shuffle"` permutes the
 * rows, and rates them. Time is dropped from the resample so that the drawn order is the replay order.
 */
export function bootstrapRows(
  outcomes: PairwiseOutcomes,
  options: BootstrapRowsOptions,
): BootstrapSummary & { seed: number | undefined } {
  const rounds = options.rounds ?? 1000;
  if (!(Number.isInteger(rounds) && rounds >= 1))
    throw new RangeError(`bootstrapRows: rounds must be a positive integer, got ${rounds}`);
  const random = options.random ?? createRandomSource(options.seed ?? 0);
  const itemCount = outcomes.itemIds.length;
  const size = outcomes.size;
  const first = new Int32Array(size);
  const second = new Int32Array(size);
  const verdict = new Uint8Array(size);
  const judge = outcomes.judge === undefined ? undefined : new Int32Array(size);
  const orderKnown = outcomes.orderKnown === undefined ? undefined : new Uint8Array(size);
  const preference = outcomes.preference === undefined ? undefined : new Float64Array(size);
  const sample: PairwiseOutcomes = {
    size,
    itemIds: outcomes.itemIds,
    first,
    second,
    verdict,
    ...(judge === undefined ? {} : { judge }),
    ...(orderKnown === undefined ? {} : { orderKnown }),
    ...(preference === undefined ? {} : { preference }),
    ...(outcomes.judgeIds === undefined ? {} : { judgeIds: outcomes.judgeIds }),
  };
  const samples = new Float64Array(rounds * itemCount);
  const shuffle = options.resample === "shuffle";
  const permutation = new Int32Array(size);
  for (let round = 0; round < rounds; round++) {
    if (shuffle) {
      for (let k = 0; k < size; k++) permutation[k] = k;
      for (let k = size - 1; k > 0; k--) {
        const j = Math.floor(random.next() * (k + 1));
        const value = permutation[k]!;
        permutation[k] = permutation[j]!;
        permutation[j] = value;
      }
    }
    for (let k = 0; k < size; k++) {
      const row = shuffle ? permutation[k]! : Math.floor(random.next() * size);
      first[k] = outcomes.first[row]!;
      second[k] = outcomes.second[row]!;
      verdict[k] = outcomes.verdict[row]!;
      if (judge !== undefined) judge[k] = outcomes.judge?.[row] as number;
      if (orderKnown !== undefined) orderKnown[k] = outcomes.orderKnown?.[row] as number;
      if (preference !== undefined) preference[k] = outcomes.preference?.[row] as number;
    }
    samples.set(options.rate(sample), round * itemCount);
  }
  const level = options.level ?? 0.95;
  const provisional = summarizeBootstrap({
    itemIds: outcomes.itemIds,
    estimate: new Float64Array(itemCount),
    samples,
    rounds,
    level,
  });
  const estimate =
    options.estimate === undefined || options.estimate === "median" ? provisional.median : options.estimate;
  return {
    ...summarizeBootstrap({ itemIds: outcomes.itemIds, estimate, samples, rounds, level }),
    seed: options.random === undefined ? (options.seed ?? 0) : options.seed,
  };
}
