import { checkJsonLine } from "./check-json-line.js";
import {
  DEFAULT_MAX_LINE_LENGTH,
  type LineBatch,
  type ReadLinesOptions,
  readLineBatches,
} from "./read-line-batches.js";

/** One line of a JSONL file: the parsed `value`, or an `error` saying why the line is not a JSON value. */
export interface JsonLine {
  /** 1-based line number in the (decompressed) file. */
  readonly line: number;
  readonly value?: unknown;
  readonly error?: string;
  /** The field `error` is about, when it is one field (a duplicate key, a non-finite number); else the line. */
  readonly field?: string;
}

/** The message for a line with bytes that are not UTF-8. */
export const INVALID_UTF8_MESSAGE =
  "is not valid UTF-8 (bytes that encode no character); convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8";

/** True when a line holds only whitespace (blank lines are skipped; they carry no record). */
export function isBlankLine(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 13) return false;
  }
  return true;
}

/** Why a line of a batch could not be parsed, given the `JSON.parse` error message. */
export function describeJsonLineError(batch: LineBatch, index: number, parseMessage: string): string {
  const isLast = batch.unterminated && index === batch.lines.length - 1;
  if (isLast) return `truncated last line: no trailing newline and not valid JSON (${parseMessage})`;
  return `not valid JSON (${parseMessage})`;
}

/** The message for a line longer than the reader's limit. */
export function overlongLineMessage(maxLineLength: number | undefined): string {
  return `line longer than the maximum of ${maxLineLength ?? DEFAULT_MAX_LINE_LENGTH} characters; not read`;
}

/**
 * Streams the JSON values of a JSON Lines file (`.gz` transparently), one per non-blank line, in constant
 * memory. Lines that are not JSON come back with an `error` and the reading continues; a last line without
 * a trailing newline that does not parse is reported as truncated.
 */
export async function* readJsonLines(
  source: string | AsyncIterable<Uint8Array>,
  options: ReadLinesOptions = {},
): AsyncGenerator<JsonLine> {
  for await (const batch of readLineBatches(source, options)) {
    let overlongIndex = 0;
    let invalidIndex = 0;
    for (let index = 0; index < batch.lines.length; index++) {
      const line = batch.firstLine + index;
      if (batch.overlong[overlongIndex] === index) {
        overlongIndex++;
        yield { line, error: overlongLineMessage(options.maxLineLength) };
        continue;
      }
      if (batch.invalidUtf8[invalidIndex] === index) {
        invalidIndex++;
        yield { line, error: INVALID_UTF8_MESSAGE };
        continue;
      }
      const text = batch.lines[index] as string;
      if (isBlankLine(text)) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        yield { line, error: describeJsonLineError(batch, index, (error as Error).message) };
        continue;
      }
      const problem = checkJsonLine(text, value);
      if (problem !== undefined) {
        yield { line, error: problem.message, ...(problem.field === "(line)" ? {} : { field: problem.field }) };
        continue;
      }
      yield { line, value };
    }
  }
}
