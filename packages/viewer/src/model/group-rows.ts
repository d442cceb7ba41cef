/**
 * Rows grouped by a key code in compressed sparse row form: the rows of key k are
 * `rows[start[k]] … rows[start[k + 1] − 1]`, in row order. One counting pass and one fill pass, no objects per row.
 */
export interface GroupedRows {
  readonly start: Int32Array;
  readonly rows: Int32Array;
}

/** Groups rows by `keyOf(row)` ∈ [0, keys) (a negative key leaves the row out); `also` adds a second key per row. */
export function groupRows(options: {
  size: number;
  keys: number;
  keyOf: (row: number) => number;
  also?: (row: number) => number;
}): GroupedRows {
  const { size, keys, keyOf, also } = options;
  const start = new Int32Array(keys + 1);
  const count = (key: number) => {
    if (key >= 0) start[key + 1]!++;
  };
  for (let row = 0; row < size; row++) {
    const key = keyOf(row);
    count(key);
    if (also !== undefined) {
      const second = also(row);
      if (second !== key) count(second);
    }
  }
  for (let key = 0; key < keys; key++) start[key + 1]! += start[key]!;
  const next = start.slice(0, keys);
  const rows = new Int32Array(start[keys]!);
  const put = (key: number, row: number) => {
    if (key >= 0) rows[next[key]!++] = row;
  };
  for (let row = 0; row < size; row++) {
    const key = keyOf(row);
    put(key, row);
    if (also !== undefined) {
      const second = also(row);
      if (second !== key) put(second, row);
    }
  }
  return { start, rows };
}

/** The rows of one key. */
export function rowsOf(grouped: GroupedRows, key: number): Int32Array {
  if (key < 0 || key + 1 >= grouped.start.length) return new Int32Array(0);
  return grouped.rows.subarray(grouped.start[key]!, grouped.start[key + 1]!);
}
