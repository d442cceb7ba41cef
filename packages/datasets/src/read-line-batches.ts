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
  for await (const chunk of bytes) {
    let text = decoder.write(chunk as Buffer);
    if (atStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      atStart = false;
    }
    const lines: string[] = [];
    let overlong: number[] | undefined;
    let start = 0;
    let newline = text.indexOf("\n");
    while (newline !== -1) {
      let line: string;
      if (pendingOverlong || pending.length + newline - start > maxLineLength) {
        (overlong ??= []).push(lines.length);
        line = "";
      } else {
        line = pending.length > 0 ? pending + text.slice(start, newline) : text.slice(start, newline);
        if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      }
      lines.push(line);
      pending = "";
      pendingOverlong = false;
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    if (!pendingOverlong) {
      const rest = start === 0 ? text : text.slice(start);
      if (pending.length + rest.length > maxLineLength) {
        pendingOverlong = true;
        pending = "";
      } else {
        pending = pending.length > 0 ? pending + rest : rest;
      }
    }
    if (lines.length > 0) {
      yield { firstLine: nextLine, lines, overlong: overlong ?? NO_OVERLONG, unterminated: false };
      nextLine += lines.length;
    }
  }
  const tail = decoder.end();
  if (!pendingOverlong && tail.length > 0) pending += tail;
  if (pendingOverlong) {
    yield { firstLine: nextLine, lines: [""], overlong: [0], unterminated: true };
  } else if (pending.length > 0) {
    const line = pending.charCodeAt(pending.length - 1) === 13 ? pending.slice(0, -1) : pending;
    yield { firstLine: nextLine, lines: [line], overlong: NO_OVERLONG, unterminated: true };
  }
}
