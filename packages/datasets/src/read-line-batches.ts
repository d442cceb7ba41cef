import { isUtf8 } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import { openByteStream } from "./open-byte-stream.js";

/** Longest line kept by default (64 MiB of text); longer lines are reported, not buffered. */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024 * 1024;

/**
 * A batch of consecutive lines (the lines completed by one chunk of input). Line `i` of the batch is line
 * number `firstLine + i` of the file (1-based). Line terminators (`\n` or `\r\n`) and a leading UTF-8 BOM are
 * removed.
 */
export interface LineBatch {
  readonly firstLine: number;
  readonly lines: string[];
  /** Indexes into `lines` of lines longer than `maxLineLength`; their text is replaced by "". */
  readonly overlong: readonly number[];
  /** Indexes into `lines` of lines with bytes that are not UTF-8 (decoded as U+FFFD), in increasing order. */
  readonly invalidUtf8: readonly number[];
  /** True on the last batch when the input did not end with a newline (the last line may be truncated). */
  readonly unterminated: boolean;
}

/** Options of {@link readLineBatches}. */
export interface ReadLinesOptions {
  /** Bytes read per chunk (default 1 MiB). */
  chunkSize?: number;
  /** Lines longer than this many characters are reported as overlong instead of buffered (default 64 Mi). */
  maxLineLength?: number;
}

const NO_OVERLONG: readonly number[] = Object.freeze([]);
const REPLACEMENT = "\uFFFD";

/** Occurrences of U+FFFD in a string. */
function countReplacements(text: string): number {
  let count = 0;
  for (let index = text.indexOf(REPLACEMENT); index !== -1; index = text.indexOf(REPLACEMENT, index + 1)) count++;
  return count;
}

/** Occurrences of EF BF BD (U+FFFD encoded) in `tail` (the previous chunk's last 2 bytes) followed by `chunk`. */
function countEncodedReplacements(tail: Uint8Array, chunk: Uint8Array): number {
  const bytes = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
  let count = 0;
  for (
    let index = bytes.indexOf(0xef);
    index !== -1 && index + 2 < bytes.length;
    index = bytes.indexOf(0xef, index + 1)
  ) {
    if (bytes[index + 1] === 0xbf && bytes[index + 2] === 0xbd) count++;
  }
  return count;
}

/**
 * Streams the lines of a text file (or of any byte stream) in batches, in constant memory: one chunk plus the
 * unfinished line. `.gz` input is decompressed transparently. Lines are split here rather than with
 * `readline`, which is several times slower and yields one promise per line.
 */
export async function* readLineBatches(
  source: string | AsyncIterable<Uint8Array>,
  options: ReadLinesOptions = {},
): AsyncGenerator<LineBatch> {
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const bytes =
    typeof source === "string"
      ? await openByteStream(source, options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize })
      : source;
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let pendingOverlong = false;
  let nextLine = 1;
  let atStart = true;
  // Invalid UTF-8 decodes to U+FFFD. A chunk has some when it decodes to more U+FFFD than it holds encoded ones
  // (checked only when a U+FFFD appears at all). Then each of its lines holding a U+FFFD is checked on its own
  // bytes (newlines are the same in bytes and text: 0x0A never occurs inside a multi-byte character), so a genuine
  // U+FFFD is never reported.
  let tail: Uint8Array = new Uint8Array(0);
  /** Bytes of the unfinished line from earlier chunks (views of those chunks). */
  let rawPending: Uint8Array[] = [];
  let pendingInvalid = false;
  for await (const chunk of bytes) {
    let text = decoder.write(chunk as Buffer);
    const chunkInvalid =
      text.indexOf(REPLACEMENT) !== -1 && countReplacements(text) > countEncodedReplacements(tail, chunk);
    tail = chunk.subarray(Math.max(0, chunk.length - 2));
    if (atStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      atStart = false;
    }
    const lines: string[] = [];
    let overlong: number[] | undefined;
    let invalidUtf8: number[] | undefined;
    let start = 0;
    let rawStart = 0;
    let newline = text.indexOf("\n");
    while (newline !== -1) {
      let line: string;
      const check = chunkInvalid || (pendingInvalid && lines.length === 0);
      const rawEnd = check ? chunk.indexOf(0x0a, rawStart) : -1;
      if (pendingOverlong || pending.length + newline - start > maxLineLength) {
        (overlong ??= []).push(lines.length);
        line = "";
      } else {
        line = pending.length > 0 ? pending + text.slice(start, newline) : text.slice(start, newline);
        if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
        if (check && line.indexOf(REPLACEMENT) !== -1) {
          const own = chunk.subarray(rawStart, rawEnd);
          const raw = lines.length === 0 && rawPending.length > 0 ? Buffer.concat([...rawPending, own]) : own;
          if (!isUtf8(raw)) (invalidUtf8 ??= []).push(lines.length);
        }
      }
      lines.push(line);
      if (check) rawStart = rawEnd + 1;
      pending = "";
      pendingInvalid = false;
      pendingOverlong = false;
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    if (lines.length > 0) rawPending = [];
    if (!pendingOverlong) {
      const rest = start === 0 ? text : text.slice(start);
      if (pending.length + rest.length > maxLineLength) {
        pendingOverlong = true;
        pending = "";
        rawPending = [];
      } else {
        pending = pending.length > 0 ? pending + rest : rest;
        if (rest.length > 0 || lines.length === 0) {
          rawPending.push(lines.length === 0 ? chunk : chunk.subarray(chunk.lastIndexOf(0x0a) + 1));
        }
        if (chunkInvalid && rest.indexOf(REPLACEMENT) !== -1) pendingInvalid = true;
      }
    }
    if (lines.length > 0) {
      yield {
        firstLine: nextLine,
        lines,
        overlong: overlong ?? NO_OVERLONG,
        invalidUtf8: invalidUtf8 ?? NO_OVERLONG,
        unterminated: false,
      };
      nextLine += lines.length;
    }
  }
  const last = unterminatedLineBatch(decoder.end(), { pending, pendingOverlong, pendingInvalid, rawPending, nextLine });
  if (last !== undefined) yield last;
}

/**
 * The batch of a last line without a newline, if any. `rest`: what the decoder still held, an incomplete
 * character (always invalid).
 */
function unterminatedLineBatch(
  rest: string,
  state: {
    pending: string;
    pendingOverlong: boolean;
    pendingInvalid: boolean;
    rawPending: readonly Uint8Array[];
    nextLine: number;
  },
): LineBatch | undefined {
  const { pendingOverlong, rawPending, nextLine } = state;
  let { pending, pendingInvalid } = state;
  if (!pendingOverlong && rest.length > 0) {
    pending += rest;
    pendingInvalid = true;
  }
  if (pendingOverlong) {
    return { firstLine: nextLine, lines: [""], overlong: [0], invalidUtf8: NO_OVERLONG, unterminated: true };
  }
  if (pending.length > 0) {
    const line = pending.charCodeAt(pending.length - 1) === 13 ? pending.slice(0, -1) : pending;
    const invalid =
      pendingInvalid && line.indexOf(REPLACEMENT) !== -1 && (rest.length > 0 || !isUtf8(Buffer.concat(rawPending)))
        ? [0]
        : NO_OVERLONG;
    return { firstLine: nextLine, lines: [line], overlong: NO_OVERLONG, invalidUtf8: invalid, unterminated: true };
  }
  return undefined;
}
