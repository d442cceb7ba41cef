import type { CellCounts } from "../bradley-terry-likelihood.js";
import type { CellClusters } from "../cluster-comparisons.js";
import { createClusterResampler } from "../create-cluster-resampler.js";
import { createCountResampler } from "../create-count-resampler.js";
import type { PairCells } from "../pair-cells.js";
import { createRandomSource, deriveSeed } from "../random-source.js";
import { interleaveOutcomes } from "./bootstrap-rounds.js";

/**
 * The resampled outcome counts that round `round` of {@link bootstrapBradleyTerrySamples} refits (seeded as the
 * engine seeds it: createRandomSource(deriveSeed(seed, round))), with or without clusters. The engine sums the
 * same draws per cell its own way; this is the plain form, so that the reference path can refit exactly the
 * engine's resamples in the parity test.
 */
export function drawBootstrapCounts(
  cells: PairCells,
  options: { readonly seed: number; readonly round: number; readonly clusters?: CellClusters | null },
): CellCounts {
  const cellCount = cells.size;
  const resampler =
    options.clusters === undefined || options.clusters === null
      ? createCountResampler(interleaveOutcomes(cells))
      : createClusterResampler(options.clusters, 3 * cellCount);
  const drawn = resampler.draw(
    createRandomSource(deriveSeed(options.seed, options.round)),
    new Float64Array(3 * cellCount),
  );
  const counts = {
    firstWins: new Float64Array(cellCount),
    secondWins: new Float64Array(cellCount),
    ties: new Float64Array(cellCount),
  };
  for (let c = 0; c < cellCount; c++) {
    counts.firstWins[c] = drawn[3 * c]!;
    counts.secondWins[c] = drawn[3 * c + 1]!;
    counts.ties[c] = drawn[3 * c + 2]!;
  }
  return counts;
}
