import type { ComparisonTable } from "./comparison-table.js";

/**
 * A table with only some rows, keeping the same dictionaries (codes stay comparable across the two tables).
 * `rows` is either a mask (`Uint8Array` of length `table.size`, non-zero = keep) or row indices
 * (`Int32Array`, any order, repeats allowed: a bootstrap resample is a selection with repeats).
 */
export function selectRows(table: ComparisonTable, rows: Uint8Array | Int32Array): ComparisonTable {
  let indices: Int32Array;
  if (rows instanceof Uint8Array) {
    if (rows.length !== table.size) {
      throw new RangeError(`selectRows: mask has length ${rows.length} but the table has ${table.size} rows`);
    }
    let count = 0;
    for (let row = 0; row < rows.length; row++) if (rows[row] !== 0) count++;
    indices = new Int32Array(count);
    let next = 0;
    for (let row = 0; row < rows.length; row++) if (rows[row] !== 0) indices[next++] = row;
  } else {
    for (const row of rows) {
      if (row < 0 || row >= table.size) {
        throw new RangeError(`selectRows: row index ${row} is outside 0..${table.size - 1}`);
      }
    }
    indices = rows;
  }
  const pick = <T extends Int32Array | Uint8Array | Float64Array>(column: T, make: (n: number) => T): T => {
    const out = make(indices.length);
    for (let k = 0; k < indices.length; k++) out[k] = column[indices[k]!]!;
    return out;
  };
  const comparisonIds = new Array<string>(indices.length);
  for (let k = 0; k < indices.length; k++) comparisonIds[k] = table.comparisonIds[indices[k]!] as string;
  return {
    size: indices.length,
    itemIds: table.itemIds,
    judgeIds: table.judgeIds,
    matchIds: table.matchIds,
    promptIds: table.promptIds,
    conditionIds: table.conditionIds,
    comparisonIds,
    first: pick(table.first, (n) => new Int32Array(n)),
    second: pick(table.second, (n) => new Int32Array(n)),
    verdict: pick(table.verdict, (n) => new Uint8Array(n)),
    orderKnown: pick(table.orderKnown, (n) => new Uint8Array(n)),
    strength: pick(table.strength, (n) => new Uint8Array(n)),
    judge: pick(table.judge, (n) => new Int32Array(n)),
    match: pick(table.match, (n) => new Int32Array(n)),
    prompt: pick(table.prompt, (n) => new Int32Array(n)),
    condition: pick(table.condition, (n) => new Int32Array(n)),
    repetition: pick(table.repetition, (n) => new Int32Array(n)),
    time: pick(table.time, (n) => new Float64Array(n)),
    preference: pick(table.preference, (n) => new Float64Array(n)),
    ...(table.confidence === undefined ? {} : { confidence: pick(table.confidence, (n) => new Float64Array(n)) }),
  };
}
