import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** A line of the log that could not be used, shown as a notice (never silently dropped). */
export interface LogNotice {
  /** 1-based line number in log.jsonl. */
  readonly line: number;
  readonly bytes: number;
  readonly message: string;
}

/** What one {@link RunLogReader.poll} found. */
export interface LogPoll {
  /** Records of lines completed since the last poll. */
  readonly records: unknown[];
  /** True when the file was truncated or replaced (e.g. a resume repaired a torn line): start again from these. */
  readonly restarted: boolean;
}

/**
 * Reads an append-only JSONL log incrementally and read-only: each poll reads only the bytes added since the last
 * one, parses complete lines, and keeps an unterminated last line pending until its newline arrives (a writer
 * mid-append, or a run killed mid-line: shown as a notice, never parsed half). A complete line that is not JSON
 * (a torn line followed by newer lines) is skipped with a notice naming the line. A file that shrank is read again
 * from the start.
 */
export class RunLogReader {
  private offset = 0;
  private line = 0;
  private pending: Buffer = Buffer.alloc(0);
  private readonly skipped: LogNotice[] = [];

  constructor(readonly path: string) {}

  /** Lines skipped so far, and the unterminated tail when there is one. */
  notices(): LogNotice[] {
    const tail =
      this.pending.length === 0
        ? []
        : [
            {
              line: this.line + 1,
              bytes: this.pending.length,
              message: "last line is incomplete (a write in progress, or a run stopped mid-line): not read yet",
            },
          ];
    return [...this.skipped, ...tail];
  }

  poll(): LogPoll {
    let fd: number;
    try {
      fd = openSync(this.path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { records: [], restarted: false };
      throw error;
    }
    try {
      const size = fstatSync(fd).size;
      let restarted = false;
      if (size < this.offset) {
        this.offset = 0;
        this.line = 0;
        this.pending = Buffer.alloc(0);
        this.skipped.length = 0;
        restarted = true;
      }
      if (size === this.offset) return { records: [], restarted };
      const fresh = Buffer.allocUnsafe(size - this.offset);
      let filled = 0;
      while (filled < fresh.length) {
        const read = readSync(fd, fresh, filled, fresh.length - filled, this.offset + filled);
        if (read === 0) break;
        filled += read;
      }
      this.offset += filled;
      const bytes = this.pending.length === 0 ? fresh.subarray(0, filled) : Buffer.concat([this.pending, fresh]);
      const records: unknown[] = [];
      let begin = 0;
      let newline = bytes.indexOf(0x0a, begin);
      while (newline !== -1) {
        this.line++;
        const text = bytes.toString("utf8", begin, newline).trim();
        if (text !== "") {
          try {
            records.push(JSON.parse(text));
          } catch (error) {
            this.skipped.push({
              line: this.line,
              bytes: newline - begin,
              message: `not valid JSON (${(error as Error).message}): a torn line, skipped`,
            });
          }
        }
        begin = newline + 1;
        newline = bytes.indexOf(0x0a, begin);
      }
      this.pending = Buffer.from(bytes.subarray(begin));
      return { records, restarted };
    } finally {
      closeSync(fd);
    }
  }
}
