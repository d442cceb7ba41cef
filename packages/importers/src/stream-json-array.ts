import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { ImportInputError } from "./import-input-error.js";

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 0xfeff;
}

/** Options of {@link streamJsonArray}. */
export interface StreamJsonArrayOptions {
  /** Bytes read per chunk (small values in tests exercise chunk boundaries). */
  readonly highWaterMark?: number;
}

/**
 * Streams the elements of a top-level JSON array (`.gz` transparently) without holding the whole text:
 * a scanner tracks strings, escapes and nesting depth and hands each element's text to `JSON.parse`. Needed for
 * files beyond V8's maximum string length (~512 MiB), such as Chatbot Arena's battle exports. Yields each
 * element with its 0-based index; malformed JSON throws an {@link ImportInputError} naming the file and element.
 */
export async function* streamJsonArray(
  path: string,
  options: StreamJsonArrayOptions = {},
): AsyncGenerator<{ index: number; value: unknown }> {
  const file = createReadStream(
    path,
    options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark },
  );
  const source: Readable = path.endsWith(".gz") ? file.pipe(createGunzip()) : file;
  source.setEncoding("utf8");
  let buffer = "";
  let scanned = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let elementStart = -1;
  let index = 0;
  let closed = false;
  const parse = (text: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ImportInputError(`${path}: element ${index}: not valid JSON (${(error as Error).message})`, {
        file: path,
      });
    }
  };
  try {
    for await (const chunk of source as AsyncIterable<string>) {
      buffer += chunk;
      const pending: unknown[] = [];
      for (let position = scanned; position < buffer.length; position++) {
        const code = buffer.charCodeAt(position);
        if (inString) {
          if (escaped) escaped = false;
          else if (code === BACKSLASH) escaped = true;
          else if (code === QUOTE) inString = false;
          continue;
        }
        if (isWhitespace(code)) continue;
        if (closed)
          throw new ImportInputError(`${path}: unexpected text after the closing ] of the array`, { file: path });
        if (depth === 0) {
          if (code !== OPEN_BRACKET)
            throw new ImportInputError(`${path}: expected a JSON array of records`, { file: path });
          depth = 1;
          continue;
        }
        if (depth === 1 && (code === COMMA || code === CLOSE_BRACKET)) {
          if (elementStart >= 0) {
            pending.push(parse(buffer.slice(elementStart, position)));
            index++;
            elementStart = -1;
          }
          if (code === CLOSE_BRACKET) {
            depth = 0;
            closed = true;
          }
          continue;
        }
        if (depth === 1 && elementStart < 0) elementStart = position;
        if (code === QUOTE) inString = true;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
      }
      // Keep only the unfinished element; everything before it has been handed out.
      if (elementStart >= 0) {
        buffer = buffer.slice(elementStart);
        elementStart = 0;
      } else {
        buffer = "";
      }
      scanned = buffer.length;
      const first = index - pending.length;
      for (let offset = 0; offset < pending.length; offset++) yield { index: first + offset, value: pending[offset] };
    }
  } finally {
    source.destroy();
    file.destroy();
  }
  if (!closed) throw new ImportInputError(`${path}: the JSON array is not closed (truncated file?)`, { file: path });
}
