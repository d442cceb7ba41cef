/**
 * The minimal columnar input of every rating method: plain typed arrays, no schema.
 * `@judgelab/datasets`' ComparisonTable satisfies this interface structurally.
 * `verdict`: 0 = first wins, 1 = second wins, 2 = tie, 3 = invalid (ignored by ratings).
 * `preference`: a soft preference for the second item in [0, 1] where the source grades one (AlpacaEval's
 * weighted annotators), NaN elsewhere; win rates with half ties use it (`computeMeanScores`), and Bradley–Terry
 * when `softOutcomes` is set.
 * `softOutcomes`: count a row with a finite `preference` p as fractional outcomes in Bradley–Terry, 1 − p a win
 * of the first item and p of the second (logprob-weighted preferences); its verdict then only marks it valid.
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
  readonly preference?: Float64Array;
  readonly softOutcomes?: boolean;
}
