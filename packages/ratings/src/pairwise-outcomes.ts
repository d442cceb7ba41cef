/**
 * The minimal columnar input of every rating method: plain typed arrays, no schema.
 * `@judgelab/datasets`' ComparisonTable satisfies this interface structurally.
 * `verdict`: 0 = first wins, 1 = second wins, 2 = tie, 3 = invalid (ignored by ratings).
 */
export interface PairwiseOutcomes {
  readonly size: number;
  readonly itemIds: readonly string[];
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly verdict: Uint8Array;
  readonly judge?: Int32Array;
  readonly judgeIds?: readonly string[];
  readonly orderKnown?: Uint8Array;
  readonly match?: Int32Array;
  readonly time?: Float64Array;
}
