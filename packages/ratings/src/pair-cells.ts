import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/**
 * Pairwise outcomes aggregated into unique cells: one cell per (first, second[, judge]) with the counts of
 * each outcome. Bradley–Terry depends on the data only through these counts, so it is fitted on cells, never
 * on raw rows, and the bootstrap can draw multinomial counts over cells instead of resampling rows.
 *
 * When `positional[c]` is 1, `first[c]` is the item shown first (the order effect applies); when 0 the
 * presentation order is unknown or was pooled and `first[c] < second[c]` (codes) by convention.
 */
export interface PairCells {
  readonly size: number;
  readonly itemIds: readonly string[];
  /** Judge dictionary when cells are split by judge, else empty. */
  readonly judgeIds: readonly string[];
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly positional: Uint8Array;
  /** Judge code per cell, −1 when cells are pooled over judges. */
  readonly judge: Int32Array;
  readonly firstWins: Float64Array;
  readonly secondWins: Float64Array;
  readonly ties: Float64Array;
  /** Rows left out because their verdict was 3 (invalid). */
  readonly invalidCount: number;
  /** With `rowCells`: the cell of each input row, −1 for invalid rows (for clustered resampling). */
  readonly rowCell?: Int32Array;
}

/** Options of {@link aggregatePairCells}. */
export interface AggregatePairCellsOptions {
  /**
   * Keep the presentation order (cells (a shown first, b) and (b shown first, a) stay apart) where the row's
   * order is known. Needed for the order-effect term and for BradleyTerry2-compatible deviances. Default false.
   */
  readonly keepOrder?: boolean;
  /** Split cells by judge (needed by the judge-aware model). Requires `outcomes.judge`. Default false. */
  readonly byJudge?: boolean;
  /** Also return the cell of each row (`rowCell`), e.g. to group comparisons into clusters. Default false. */
  readonly rowCells?: boolean;
}

/**
 * The preference for the second-shown item that a row counts as when `outcomes.softOutcomes` is set and the row
 * has a finite preference, else undefined (the verdict counts). Invalid rows (verdict 3) never count.
 */
export function softPreferenceOf(outcomes: PairwiseOutcomes, row: number): number | undefined {
  if (outcomes.softOutcomes !== true || outcomes.preference === undefined) return undefined;
  const preference = outcomes.preference[row]!;
  return Number.isFinite(preference) && outcomes.verdict[row]! < 3 ? preference : undefined;
}

/**
 * With `byJudge`, the judge column and its dictionary (outcomes.judgeIds; without one, the codes named by number);
 * else none and no judges.
 */
function resolveJudgeColumn(
  outcomes: PairwiseOutcomes,
  byJudge: boolean,
): { judgeColumn: PairwiseOutcomes["judge"]; judgeIds: readonly string[] } {
  const judgeColumn = byJudge ? outcomes.judge : undefined;
  if (byJudge && judgeColumn === undefined) {
    throw new RangeError("aggregatePairCells: byJudge needs outcomes.judge");
  }
  let judgeIds: readonly string[] = [];
  if (judgeColumn !== undefined) {
    // Judge codes index outcomes.judgeIds; without a dictionary, name the codes by number.
    let largest = -1;
    for (let row = 0; row < outcomes.size; row++) largest = Math.max(largest, judgeColumn[row]!);
    judgeIds = outcomes.judgeIds ?? Array.from({ length: largest + 1 }, (_, code) => String(code));
  }
  return { judgeColumn, judgeIds };
}

/** Largest dense lookup table (entries) before falling back to a Map keyed by cell. */
const DENSE_LIMIT = 1 << 24;

/**
 * Aggregates rows into unique cells with outcome counts, in order of first appearance.
 * Rows with verdict 3 (invalid) are counted in `invalidCount` and skipped; any other code outside 0–3, an item
 * code outside the dictionary or an item compared with itself throws a RangeError naming the row.
 */
export function aggregatePairCells(outcomes: PairwiseOutcomes, options: AggregatePairCellsOptions = {}): PairCells {
  const keepOrder = options.keepOrder ?? false;
  const byJudge = options.byJudge ?? false;
  const itemCount = outcomes.itemIds.length;
  const { judgeColumn, judgeIds } = resolveJudgeColumn(outcomes, byJudge);
  const judgeSlots = judgeIds.length + 1;
  const keySpace = itemCount * itemCount * 2 * judgeSlots;
  // The dense table costs keySpace to allocate and fill: worth it only when rows are many compared with it
  // (2,500 items would mean 12.5M entries per call even for a few thousand rows).
  const dense =
    keySpace <= DENSE_LIMIT && keySpace <= 16 * outcomes.size + 65536 ? new Int32Array(keySpace).fill(-1) : undefined;
  const sparse = dense === undefined ? new Map<number, number>() : undefined;

  const first: number[] = [];
  const second: number[] = [];
  const positional: number[] = [];
  const judge: number[] = [];
  const firstWins: number[] = [];
  const secondWins: number[] = [];
  const ties: number[] = [];
  let invalidCount = 0;
  const rowCell = options.rowCells === true ? new Int32Array(outcomes.size).fill(-1) : undefined;

  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    if (verdict === 3) {
      invalidCount++;
      continue;
    }
    if (verdict > 3) throw new RangeError(`aggregatePairCells: row ${row}: verdict ${verdict} is not 0–3`);
    let a = outcomes.first[row]!;
    let b = outcomes.second[row]!;
    checkItem(row, a, itemCount);
    checkItem(row, b, itemCount);
    if (a === b)
      throw new RangeError(`aggregatePairCells: row ${row}: item ${outcomes.itemIds[a]} compared with itself`);
    const known = keepOrder && (outcomes.orderKnown === undefined || outcomes.orderKnown[row] !== 0);
    let outcome = verdict;
    if (!known && a > b) {
      [a, b] = [b, a];
      if (outcome < 2) outcome = 1 - outcome;
    }
    let judgeCode = -1;
    if (judgeColumn !== undefined) {
      judgeCode = judgeColumn[row]!;
      if (judgeCode < -1 || judgeCode >= judgeSlots - 1) {
        throw new RangeError(`aggregatePairCells: row ${row}: judge code ${judgeCode} outside the judge dictionary`);
      }
    }
    const key = (((judgeCode + 1) * itemCount + a) * itemCount + b) * 2 + (known ? 1 : 0);
    let cell = dense !== undefined ? dense[key]! : (sparse?.get(key) ?? -1);
    if (cell < 0) {
      cell = first.length;
      if (dense !== undefined) dense[key] = cell;
      else sparse?.set(key, cell);
      first.push(a);
      second.push(b);
      positional.push(known ? 1 : 0);
      judge.push(judgeCode);
      firstWins.push(0);
      secondWins.push(0);
      ties.push(0);
    }
    if (rowCell !== undefined) rowCell[row] = cell;
    const soft = softPreferenceOf(outcomes, row);
    if (soft !== undefined) {
      // Fractional outcomes in the cell's orientation: p is the shown-second item's share.
      const forSecond = a === outcomes.first[row]! ? soft : 1 - soft;
      firstWins[cell] = firstWins[cell]! + 1 - forSecond;
      secondWins[cell] = secondWins[cell]! + forSecond;
    } else if (outcome === 0) firstWins[cell] = firstWins[cell]! + 1;
    else if (outcome === 1) secondWins[cell] = secondWins[cell]! + 1;
    else ties[cell] = ties[cell]! + 1;
  }
  return {
    size: first.length,
    itemIds: outcomes.itemIds,
    judgeIds,
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    positional: Uint8Array.from(positional),
    judge: Int32Array.from(judge),
    firstWins: Float64Array.from(firstWins),
    secondWins: Float64Array.from(secondWins),
    ties: Float64Array.from(ties),
    invalidCount,
    ...(rowCell === undefined ? {} : { rowCell }),
  };
}

function checkItem(row: number, code: number, itemCount: number): void {
  if (!(code >= 0 && code < itemCount)) {
    throw new RangeError(
      `aggregatePairCells: row ${row}: item code ${code} outside the item dictionary (${itemCount})`,
    );
  }
}

/** True when `input` is already aggregated (has outcome counts) rather than rows. */
export function isPairCells(input: PairwiseOutcomes | PairCells): input is PairCells {
  return (input as PairCells).firstWins !== undefined;
}
