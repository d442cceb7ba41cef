import { ImportInputError } from "./import-input-error.js";

/** One parsed row: its 1-based starting line in the text and its fields by column name. */
export interface DelimitedRow {
  readonly line: number;
  readonly record: Record<string, string>;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index === -1 ? text.length : index;
}

function countNewlines(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = text.indexOf("\n", start); index !== -1 && index < end; index = text.indexOf("\n", index + 1))
    count++;
  return count;
}

/**
 * Parses CSV/TSV text (RFC 4180: fields in double quotes may hold delimiters, newlines and doubled quotes;
 * CRLF or LF line ends; a leading BOM is ignored; blank lines are skipped). The first row is the header. A row
 * with a different number of fields than the header throws an {@link ImportInputError} naming `file:line`.
 *
 * Why not csv-parse's streaming reader: the importers read whole files of at most tens of megabytes, and
 * scanning the decompressed text with `indexOf` is several times faster than the per-character state
 * machine plus per-record `info` objects (AlpacaEval's 108,665 rows: ~0.3 s instead of ~3 s of CPU).
 */
export function* parseDelimitedText(
  text: string,
  options: { delimiter: string; file: string },
): Generator<DelimitedRow> {
  const { delimiter, file } = options;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let header: string[] | undefined;
  const length = text.length;
  let nextDelimiter = -1;
  let nextNewline = -1;
  while (position < length) {
    const rowLine = line;
    const fields: string[] = [];
    // Parse one row: fields until an unquoted newline or the end of the text.
    for (;;) {
      if (text.charCodeAt(position) === 34 /* " */) {
        let value = "";
        let start = position + 1;
        for (;;) {
          const quote = text.indexOf('"', start);
          if (quote === -1) throw new ImportInputError(`${file}:${rowLine}: unclosed quoted field`, { file });
          value += text.slice(start, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            value += '"';
            start = quote + 2;
            continue;
          }
          line += countNewlines(text, position, quote);
          position = quote + 1;
          break;
        }
        fields.push(value);
      } else {
        // Cached look-ahead positions keep a file without delimiters (one column) linear.
        if (nextDelimiter < position) nextDelimiter = indexOrEnd(text, delimiter, position);
        if (nextNewline < position) nextNewline = indexOrEnd(text, "\n", position);
        const rowEnd = nextNewline;
        const end = Math.min(nextDelimiter, rowEnd);
        const value = text.slice(position, end);
        fields.push(value.endsWith("\r") && end === rowEnd ? value.slice(0, -1) : value);
        position = end;
      }
      if (position >= length) break;
      if (text.startsWith(delimiter, position)) {
        position += delimiter.length;
        continue;
      }
      if (text.charCodeAt(position) === 13 /* \r */) position++;
      if (text.charCodeAt(position) === 10 /* \n */) {
        position++;
        line++;
        break;
      }
      if (position >= length) break;
      throw new ImportInputError(`${file}:${line}: unexpected character after a quoted field`, { file });
    }
    if (fields.length === 1 && fields[0] === "") continue;
    if (header === undefined) {
      header = fields;
      continue;
    }
    if (fields.length !== header.length) {
      throw new ImportInputError(
        `${file}:${rowLine}: expected ${header.length} fields as in the header, got ${fields.length}`,
        {
          file,
        },
      );
    }
    const record: Record<string, string> = {};
    for (let index = 0; index < header.length; index++) record[header[index] as string] = fields[index] as string;
    yield { line: rowLine, record };
  }
}
