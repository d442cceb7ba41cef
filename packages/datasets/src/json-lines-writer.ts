import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Writable } from "node:stream";
import { createGzip } from "node:zlib";

/**
 * Writes JSON Lines one value at a time, respecting back-pressure, so memory stays flat however many
 * values are written. Paths ending in `.gz` are gzip-compressed. Always `close()` (it flushes).
 */
export class JsonLinesWriter {
  private closed = false;
  private written = 0;

  private constructor(
    readonly path: string,
    private readonly output: Writable,
    private readonly file: WriteStream,
  ) {}

  /** Opens (creating parent folders) a JSONL file for writing, or for appending with `append: true`. */
  static async open(path: string, options: { append?: boolean } = {}): Promise<JsonLinesWriter> {
    await mkdir(dirname(path), { recursive: true });
    const file = createWriteStream(path, { flags: options.append === true ? "a" : "w" });
    await once(file, "open");
    if (!path.endsWith(".gz")) return new JsonLinesWriter(path, file, file);
    const gzip = createGzip();
    gzip.pipe(file);
    return new JsonLinesWriter(path, gzip, file);
  }

  /** Number of values written so far. */
  get count(): number {
    return this.written;
  }

  /** Writes one value as one line. Waits when the operating system buffer is full. */
  async write(value: unknown): Promise<void> {
    if (this.closed) throw new Error(`${this.path}: write after close`);
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error(`${this.path}: cannot write ${typeof value} as JSON`);
    this.written++;
    if (!this.output.write(`${text}\n`)) await once(this.output, "drain");
  }

  /** Flushes and closes the file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const finished = once(this.file, "close");
    this.output.end();
    await finished;
  }
}
