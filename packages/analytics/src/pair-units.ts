import type { ComparisonTable } from "@judgelab/datasets";

/** Canonical labels of a vote on a unit: which item of the unit won, regardless of presentation order. */
export const UnitLabel = { lowWins: 0, highWins: 1, tie: 2, invalid: 3 } as const;

/**
 * Rows grouped into units. A unit is an unordered item pair (`low` < `high` item codes) within one prompt
 * (prompt -1 when the table has none), so both presentation orders of a pair, its repetitions and every
 * judge's votes on it share one unit code.
 */
export interface PairUnits {
  readonly count: number;
  /** Unit code per row; -1 when the row compares an item with itself. */
  readonly unit: Int32Array;
  /** Canonical label per row (see {@link UnitLabel}). */
  readonly label: Uint8Array;
  /** 1 when the row showed the unit's `low` item first. */
  readonly lowFirst: Uint8Array;
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly prompt: Int32Array;
}

/**
 * Builds the unit coding in one pass over the rows (a Map from a numeric pair key to the unit code).
 * Positional verdicts become canonical labels: verdict first (0) with the low item first → lowWins.
 */
export function buildPairUnits(table: ComparisonTable): PairUnits {
  const size = table.size;
  const itemCount = Math.max(1, table.itemIds.length);
  const promptSpan = table.promptIds.length + 1;
  const numericKeys = itemCount * itemCount * promptSpan < Number.MAX_SAFE_INTEGER;
  const codes = new Map<number | string, number>();
  const unit = new Int32Array(size);
  const label = new Uint8Array(size);
  const lowFirst = new Uint8Array(size);
  const low: number[] = [];
  const high: number[] = [];
  const prompt: number[] = [];
  for (let row = 0; row < size; row++) {
    const first = table.first[row]!;
    const second = table.second[row]!;
    if (first === second) {
      unit[row] = -1;
      label[row] = UnitLabel.invalid;
      continue;
    }
    const isLowFirst = first < second;
    const lowItem = isLowFirst ? first : second;
    const highItem = isLowFirst ? second : first;
    const promptCode = table.prompt[row]!;
    const key = numericKeys
      ? (lowItem * itemCount + highItem) * promptSpan + promptCode + 1
      : `${lowItem}:${highItem}:${promptCode}`;
    let code = codes.get(key);
    if (code === undefined) {
      code = low.length;
      codes.set(key, code);
      low.push(lowItem);
      high.push(highItem);
      prompt.push(promptCode);
    }
    unit[row] = code;
    lowFirst[row] = isLowFirst ? 1 : 0;
    const verdict = table.verdict[row]!;
    label[row] = verdict >= 2 ? verdict : isLowFirst ? verdict : 1 - verdict;
  }
  return {
    count: low.length,
    unit,
    label,
    lowFirst,
    low: Int32Array.from(low),
    high: Int32Array.from(high),
    prompt: Int32Array.from(prompt),
  };
}

/** Row indices sorted by (unit, judge, row order); rows with unit -1 left out. */
export function sortRowsByUnitAndJudge(table: ComparisonTable, units: PairUnits): Int32Array {
  const rows: number[] = [];
  for (let row = 0; row < table.size; row++) if (units.unit[row]! >= 0) rows.push(row);
  const judge = table.judge;
  const unit = units.unit;
  rows.sort((a, b) => unit[a]! - unit[b]! || judge[a]! - judge[b]! || a - b);
  return Int32Array.from(rows);
}
