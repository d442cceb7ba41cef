import type { CellClusters } from "./cluster-comparisons.js";
import { createClusterResampler } from "./create-cluster-resampler.js";
import type { PairCells } from "./pair-cells.js";
import { createRandomSource, type RandomSource } from "./random-source.js";
import { sampleMultinomial } from "./sample-multinomial.js";
import { type BootstrapSummary, summarizeBootstrap } from "./summarize-bootstrap.js";

/**
 * Multinomial bootstrap over aggregated cells for any order-free model (e.g. the judge-aware Bradley–Terry
 * fit): each round draws counts over the (cell, outcome) categories with probabilities count/N (the same
 * distribution as resampling the N comparisons with replacement) and calls `rate` on the resampled cells.
 * `estimate` is the reported point estimate (normally the full-data fit). With `clusters`, each round resamples
 * whole clusters instead ({@link createClusterResampler}).
 */
export function bootstrapCells(
  cells: PairCells,
  options: {
    rate: (resampled: PairCells) => Float64Array;
    estimate: Float64Array;
    rounds?: number;
    seed?: number;
    random?: RandomSource;
    level?: number;
    clusters?: CellClusters;
  },
): BootstrapSummary {
  const rounds = options.rounds ?? 1000;
  const random = options.random ?? createRandomSource(options.seed ?? 0);
  const cellCount = cells.size;
  const weights = new Float64Array(3 * cellCount);
  weights.set(cells.firstWins, 0);
  weights.set(cells.secondWins, cellCount);
  weights.set(cells.ties, 2 * cellCount);
  let total = 0;
  for (const weight of weights) total += weight;
  const drawn = new Float64Array(3 * cellCount);
  const clustered = options.clusters === undefined ? null : createClusterResampler(options.clusters, 3 * cellCount);
  const interleaved = new Float64Array(clustered === null ? 0 : 3 * cellCount);
  const itemCount = cells.itemIds.length;
  const samples = new Float64Array(rounds * itemCount);
  for (let round = 0; round < rounds; round++) {
    if (clustered === null) sampleMultinomial({ random, total, weights, out: drawn });
    else {
      // Cluster contributions are laid out per cell (3c + outcome); this function's blocks are per outcome.
      clustered.draw(random, interleaved);
      for (let c = 0; c < cellCount; c++) {
        drawn[c] = interleaved[3 * c]!;
        drawn[cellCount + c] = interleaved[3 * c + 1]!;
        drawn[2 * cellCount + c] = interleaved[3 * c + 2]!;
      }
    }
    const resampled: PairCells = {
      ...cells,
      firstWins: drawn.slice(0, cellCount),
      secondWins: drawn.slice(cellCount, 2 * cellCount),
      ties: drawn.slice(2 * cellCount),
    };
    samples.set(options.rate(resampled), round * itemCount);
  }
  return summarizeBootstrap({
    itemIds: cells.itemIds,
    estimate: options.estimate,
    samples,
    rounds,
    ...(options.level === undefined ? {} : { level: options.level }),
  });
}
