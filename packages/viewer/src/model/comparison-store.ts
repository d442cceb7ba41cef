import { closeSync, openSync, readSync } from "node:fs";
import { type ComparisonTable, isBlankLine, readLineBatches } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";

/**
 * The per-comparison text the table does not hold (rationale, raw response, usage), kept out of the hot path: the
 * full record is read back from disk by byte offset when a page shows it, and only what filtering needs stays in
 * memory (the lower-cased rationale for full-text search, tokens and cost in typed arrays).
 */
export interface ComparisonStore {
  readonly size: number;
  /** The full record of a row (read from disk for dataset folders). */
  record(row: number): Comparison;
  /** Lower-cased rationale of a row ("" when none), for full-text search. */
  readonly searchText: readonly string[];
  /** Input and output tokens and cost in USD per row; NaN when the record has no usage. */
  readonly inputTokens: Float64Array;
  readonly outputTokens: Float64Array;
  readonly costUsd: Float64Array;
  /** Releases the open file, if any. */
  close(): void;
}

/** Columns filled from each record while indexing. */
class StoreColumns {
  readonly searchText: string[];
  readonly inputTokens: Float64Array;
  readonly outputTokens: Float64Array;
  readonly costUsd: Float64Array;
  constructor(size: number) {
    this.searchText = new Array<string>(size).fill("");
    this.inputTokens = new Float64Array(size).fill(Number.NaN);
    this.outputTokens = new Float64Array(size).fill(Number.NaN);
    this.costUsd = new Float64Array(size).fill(Number.NaN);
  }
  fill(row: number, record: Comparison): void {
    if (typeof record.rationale === "string") this.searchText[row] = record.rationale.toLowerCase();
    const usage = record.usage;
    if (usage !== undefined) {
      if (usage.inputTokens !== undefined) this.inputTokens[row] = usage.inputTokens;
      if (usage.outputTokens !== undefined) this.outputTokens[row] = usage.outputTokens;
      if (usage.costUsd !== undefined) this.costUsd[row] = usage.costUsd;
    }
  }
}

/** A store over records already in memory (run folders: the comparisons of the run log). */
export function memoryComparisonStore(records: readonly Comparison[]): ComparisonStore {
  const columns = new StoreColumns(records.length);
  records.forEach((record, row) => {
    columns.fill(row, record);
  });
  return {
    size: records.length,
    record: (row) => {
      const record = records[row];
      if (record === undefined) throw new RangeError(`no comparison row ${row}`);
      return record;
    },
    searchText: columns.searchText,
    inputTokens: columns.inputTokens,
    outputTokens: columns.outputTokens,
    costUsd: columns.costUsd,
    close: () => {},
  };
}

const CHUNK = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Indexes a validated `comparisons.jsonl`: one pass records each line's byte offset and fills the search and usage
 * columns. Row k of the table must be the k-th non-blank line (true for a file `loadDataset` accepted); every row's
 * id is checked against the table so a file changed since loading is refused rather than shown wrongly.
 * A `.gz` file cannot be read by offset, so its lines are kept in memory instead.
 */
export async function indexComparisonFile(path: string, table: ComparisonTable): Promise<ComparisonStore> {
  const columns = new StoreColumns(table.size);
  const check = (row: number, record: Comparison, line: number) => {
    if (row >= table.size || table.comparisonIds[row] !== record.id)
      throw new Error(`${path}:${line}: the file changed while it was being read; start the viewer again`);
    columns.fill(row, record);
  };
  if (path.endsWith(".gz")) {
    const lines: string[] = [];
    let row = 0;
    for await (const batch of readLineBatches(path)) {
      batch.lines.forEach((text, index) => {
        if (isBlankLine(text)) return;
        check(row, JSON.parse(text) as Comparison, batch.firstLine + index);
        lines.push(text);
        row++;
      });
    }
    return {
      size: table.size,
      record: (at) => JSON.parse(lines[at] ?? "null") as Comparison,
      ...columnsOf(columns),
      close: () => {},
    };
  }
  const offsets = new Float64Array(table.size);
  const lengths = new Int32Array(table.size);
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    let carryStart = 0; // file offset of carry[0]
    let position = 0;
    let row = 0;
    let line = 0;
    const take = (bytes: Buffer, start: number) => {
      line++;
      let text = bytes.toString("utf8");
      let offset = start;
      if (start === 0 && text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        offset = 3;
      }
      if (isBlankLine(text)) return;
      check(row, JSON.parse(text) as Comparison, line);
      offsets[row] = offset;
      lengths[row] = bytes.length - (offset - start);
      row++;
    };
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, position);
      if (read === 0) break;
      const chunk = buffer.subarray(0, read);
      let begin = 0;
      let newline = chunk.indexOf(NEWLINE, begin);
      while (newline !== -1) {
        if (carry.length > 0) {
          take(Buffer.concat([carry, chunk.subarray(0, newline)]), carryStart);
          carry = Buffer.alloc(0);
        } else take(chunk.subarray(begin, newline), position + begin);
        begin = newline + 1;
        newline = chunk.indexOf(NEWLINE, begin);
      }
      if (begin < read) {
        if (carry.length === 0) carryStart = position + begin;
        carry = Buffer.concat([carry, chunk.subarray(begin, read)]);
      }
      position += read;
    }
    if (carry.length > 0) take(carry, carryStart);
    if (row !== table.size)
      throw new Error(`${path}: ${row} comparison lines but ${table.size} rows; the file changed, start again`);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const readBuffer = Buffer.allocUnsafe(64 * 1024);
  return {
    size: table.size,
    record: (at) => {
      const length = lengths[at];
      if (length === undefined) throw new RangeError(`no comparison row ${at}`);
      const target = length <= readBuffer.length ? readBuffer : Buffer.allocUnsafe(length);
      readSync(fd, target, 0, length, offsets[at]!);
      return JSON.parse(target.toString("utf8", 0, length)) as Comparison;
    },
    ...columnsOf(columns),
    close: () => closeSync(fd),
  };
}

function columnsOf(columns: StoreColumns) {
  return {
    searchText: columns.searchText,
    inputTokens: columns.inputTokens,
    outputTokens: columns.outputTokens,
    costUsd: columns.costUsd,
  };
}
