import type { CellClusters } from "./cluster-comparisons.js";
import type { PairCells } from "./pair-cells.js";

/**
 * Comparisons aggregated outside this package (e.g. by SQL over a file too large for memory): the cells that
 * Bradley–Terry depends on, the clusters its bootstrap resamples, and the rows left out. `rateItems` rates
 * this like rows when the method needs only the counts (Bradley–Terry): given the same cells in the same order
 * ({@link aggregatePairCells}' first-appearance order) and the same clusters, the report equals the one from
 * the rows, bootstrap rounds included.
 *
 * `cells` must be aggregated with `keepOrder` equal to the fit's order effect, pooled over judges; `clusters`
 * null means every comparison is its own cluster (no match holds more than one judgment, or `--cluster none`).
 */
export interface AggregatedComparisons {
  readonly cells: PairCells;
  readonly clusters: CellClusters | null;
  /** Rows left out because their verdict was invalid. */
  readonly invalid: number;
}

/** True when `input` is {@link AggregatedComparisons} rather than rows. */
export function isAggregatedComparisons(input: object): input is AggregatedComparisons {
  return (input as AggregatedComparisons).cells !== undefined && (input as { verdict?: unknown }).verdict === undefined;
}
