/**
 * Verdict codes of the columnar table. Positional: `FIRST` means the item in `first[k]` won.
 */
export const VerdictCode = { first: 0, second: 1, tie: 2, invalid: 3 } as const;
/** A verdict code (0 first, 1 second, 2 tie, 3 invalid). */
export type VerdictCode = (typeof VerdictCode)[keyof typeof VerdictCode];

/** Strength codes: 0 not graded, 1 weak (`A>B`), 2 strong (`A>>B`). */
export const StrengthCode = { none: 0, weak: 1, strong: 2 } as const;

/**
 * The columnar, dictionary-encoded comparison table that ratings and analytics consume.
 * Row k is one comparison. Item, judge, match, prompt and condition strings are dictionary-encoded
 * into Int32 codes (index into the dictionary arrays); -1 marks a missing value.
 * Built once per dataset; nothing downstream re-parses records.
 */
export interface ComparisonTable {
  /** Number of rows. */
  readonly size: number;
  /** Item dictionary: code → item id. Includes items that appear in no comparison. */
  readonly itemIds: readonly string[];
  /** Judge dictionary: code → judge id. */
  readonly judgeIds: readonly string[];
  /** Match dictionary: code → matchId. */
  readonly matchIds: readonly string[];
  /** Prompt dictionary: code → prompt id. */
  readonly promptIds: readonly string[];
  /** Condition dictionary: code → condition label. */
  readonly conditionIds: readonly string[];
  /** Comparison ids in row order. */
  readonly comparisonIds: readonly string[];
  /** Item code shown first. */
  readonly first: Int32Array;
  /** Item code shown second. */
  readonly second: Int32Array;
  /** Verdict code per row (see {@link VerdictCode}). */
  readonly verdict: Uint8Array;
  /** 1 when the presentation order is known, 0 when the source did not record it. */
  readonly orderKnown: Uint8Array;
  /** Strength code per row (see {@link StrengthCode}). */
  readonly strength: Uint8Array;
  /** Judge code per row. */
  readonly judge: Int32Array;
  /** Match code per row, -1 when the comparison has no matchId. */
  readonly match: Int32Array;
  /** Prompt code per row, -1 when none. */
  readonly prompt: Int32Array;
  /** Condition code per row, -1 when none. */
  readonly condition: Int32Array;
  /** Repetition index per row (0 when absent). */
  readonly repetition: Int32Array;
  /** createdAt as epoch milliseconds, NaN when absent. */
  readonly time: Float64Array;
  /** Soft preference for the second item in [0, 1]; NaN when the source gives none. */
  readonly preference: Float64Array;
  /**
   * The judge's probability that its verdict is right (`Comparison.confidence`), NaN on rows without one; the
   * column is absent when no comparison has a confidence (most datasets), so it costs nothing there.
   */
  readonly confidence?: Float64Array;
}
