import { openByteStream } from "./open-byte-stream.js";
import { parseDelimitedRows, recordOf } from "./parse-delimited-text.js";

/** One CSV record with the 1-based line where it starts (a quoted field may span several lines). */
export interface CsvRecord {
  readonly line: number;
  readonly record: Record<string, string>;
}

/** Options of {@link readCsvRecords}. */
export interface ReadCsvOptions {
  /** Field delimiter (default `,`; use `\t` for TSV). */
  delimiter?: string;
  /** Column names; by default the first line is the header. */
  columns?: readonly string[];
  /** Bytes read per chunk. */
  chunkSize?: number;
}

/**
 * Streams the records of a CSV (or TSV) file with a header line, `.gz` transparently, in constant memory, with
 * the same scanner as {@link parseDelimitedText} (RFC 4180 quoting, CRLF, BOM, blank lines skipped): the text is
 * parsed in pieces that end after the last line end outside quotes, so a record never straddles two pieces. A
 * malformed record (an unclosed quote, a wrong number of fields) throws a {@link DelimitedTextError} naming the
 * file and line.
 */
export async function* readCsvRecords(path: string, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord> {
  const bytes = await openByteStream(path, options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize });
  const delimiter = options.delimiter ?? ",";
  const decoder = new TextDecoder("utf-8");
  let header: readonly string[] | undefined = options.columns;
  let pending = "";
  let firstLine = 1;
  const rowsOf = function* (text: string): Generator<CsvRecord> {
    for (const { line, fields } of parseDelimitedRows(text, { delimiter, file: path, firstLine })) {
      if (header === undefined) header = fields;
      else yield { line, record: recordOf(header, fields, { file: path, line }) };
    }
  };
  for await (const chunk of bytes) {
    pending += decoder.decode(chunk, { stream: true });
    const cut = endOfLastCompleteRow(pending);
    if (cut === 0) continue;
    const piece = pending.slice(0, cut);
    pending = pending.slice(cut);
    yield* rowsOf(piece);
    firstLine += countLineEnds(piece);
  }
  pending += decoder.decode();
  yield* rowsOf(pending);
}

/**
 * The index just after the last `\n` that lies outside quoted fields (0 when there is none yet). The text starts
 * at a row start, so every `"` toggles between inside and outside a quoted field (a doubled quote toggles twice).
 */
function endOfLastCompleteRow(text: string): number {
  let inside = false;
  let cut = 0;
  let position = 0;
  for (;;) {
    const quote = text.indexOf('"', position);
    const newline = text.indexOf("\n", position);
    if (newline === -1 && quote === -1) return cut;
    if (quote !== -1 && (newline === -1 || quote < newline)) {
      inside = !inside;
      position = quote + 1;
      continue;
    }
    if (!inside) cut = newline + 1;
    position = newline + 1;
  }
}

function countLineEnds(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count++;
  return count;
}
