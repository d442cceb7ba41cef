import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { openByteStream } from "./open-byte-stream.js";

/** One CSV record with its 1-based line number (the line where it ends, if a quoted field spans lines). */
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
 * Streams the records of a CSV (or TSV) file with a header line, `.gz` transparently, in constant memory.
 * A malformed record (for instance an unclosed quote or a wrong number of fields) throws an error that
 * names the file and line.
 */
export async function* readCsvRecords(path: string, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord> {
  const bytes = await openByteStream(path, options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize });
  const parser = parse({
    bom: true,
    columns: options.columns === undefined ? true : [...options.columns],
    delimiter: options.delimiter ?? ",",
    info: true,
    skip_empty_lines: true,
    relax_column_count: false,
  });
  const input = Readable.from(bytes);
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const entry of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { line: entry.info.lines, record: entry.record };
    }
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    const where = lines === undefined ? path : `${path}:${lines}`;
    throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
  } finally {
    input.destroy();
  }
}
