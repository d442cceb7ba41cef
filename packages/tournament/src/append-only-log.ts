import {
  close,
  closeSync,
  existsSync,
  fdatasync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from "node:fs";

/** What `AppendOnlyLog.open` found and repaired. */
export interface LogRepair {
  /** Bytes of a torn last line (a write cut short by a kill) that were removed. */
  readonly truncatedBytes: number;
  /** 1-based line number of the torn line, when one was removed. */
  readonly tornLine?: number;
  /** 1-based numbers of malformed lines skipped (only with `skipMalformed`). */
  readonly skippedLines?: readonly number[];
}

/** A write failed because the disk (or quota) is full. The line being written was cut back off the file. */
export class DiskFullError extends Error {
  override readonly name = "DiskFullError";
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`disk full while writing ${file}; nothing lost; resume after freeing space`, { cause });
  }
}

/** One line that did not parse. */
export class LogLineError extends Error {
  override readonly name = "LogLineError";
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(
      `${file}:${line}: ${detail}. The file is append-only and a kill can only tear its last line, so this line ` +
        `was changed by something else: restore the file from a backup, or delete line ${line} if you accept ` +
        "losing that record (a resume then calls that comparison again)",
    );
  }
}

/** Options of `AppendOnlyLog.open`. */
export interface AppendOnlyLogOptions {
  readonly syncIntervalMs?: number;
  /**
   * Skip malformed complete lines (reported in `skippedLines`) instead of failing: for derived files such as a
   * response cache, where a lost line only costs a call.
   */
  readonly skipMalformed?: boolean;
  /** The `write(2)` used for appends (tests inject failures such as a full disk). */
  readonly write?: (descriptor: number, buffer: Buffer, offset: number) => number;
}

/**
 * An append-only, crash-safe JSON Lines file.
 *
 * Durability policy:
 * - every record is one `write(2)` of the whole line including its newline, issued synchronously before `append`
 *   returns, so a process kill (SIGKILL, crash) loses nothing that `append` returned for; at worst the line being
 *   written when the process died is torn;
 * - `fdatasync` runs at most every `syncIntervalMs` (default 200 ms), in the background (libuv thread pool) so the
 *   event loop never waits for the disk, and synchronously on `sync()`/`close()`: an operating-system crash or
 *   power loss loses at most about that window;
 * - on open, a last line without its newline is torn: the file is truncated back to the last newline and the repair
 *   is reported. A malformed line that does end in a newline is corruption, not a tear, and is an error.
 */
export class AppendOnlyLog<T> {
  private lastSync = Date.now();
  private closed = false;
  /** A background fdatasync is running; `close` then waits for it before closing the descriptor. */
  private syncing = false;
  private closeWhenSynced = false;

  private constructor(
    readonly path: string,
    private readonly descriptor: number,
    private readonly syncIntervalMs: number,
    /** Bytes in the file: where the next line starts, and where a failed write is cut back to. */
    private size: number,
    private readonly write: (descriptor: number, buffer: Buffer, offset: number) => number,
  ) {}

  /** Opens (creating if missing) a log, repairs a torn tail, and returns the log with its existing records. */
  static open<T>(
    path: string,
    options: AppendOnlyLogOptions = {},
  ): { log: AppendOnlyLog<T>; records: T[]; repair: LogRepair } {
    const records: T[] = [];
    const skippedLines: number[] = [];
    let repair: LogRepair = { truncatedBytes: 0 };
    if (existsSync(path)) {
      const bytes = readFileSync(path);
      const end = bytes.lastIndexOf(0x0a) + 1;
      const text = bytes.subarray(0, end).toString("utf8");
      const lines = text.length === 0 ? [] : text.slice(0, -1).split("\n");
      lines.forEach((line, index) => {
        try {
          records.push(JSON.parse(line) as T);
        } catch (error) {
          if (options.skipMalformed === true) skippedLines.push(index + 1);
          else throw new LogLineError(path, index + 1, `not valid JSON (${(error as Error).message})`);
        }
      });
      if (end < bytes.length) {
        const descriptor = openSync(path, "r+");
        try {
          ftruncateSync(descriptor, end);
          fdatasyncSync(descriptor);
        } finally {
          closeSync(descriptor);
        }
        repair = { truncatedBytes: bytes.length - end, tornLine: lines.length + 1 };
      }
    }
    if (skippedLines.length > 0) repair = { ...repair, skippedLines };
    const descriptor = openSync(path, "a");
    const log = new AppendOnlyLog<T>(
      path,
      descriptor,
      options.syncIntervalMs ?? 200,
      fstatSync(descriptor).size,
      options.write ?? ((fd, buffer, offset) => writeSync(fd, buffer, offset)),
    );
    return { log, records, repair };
  }

  /**
   * Appends one record as one line. Synchronous: when it returns, the line is in the operating system. When the
   * write fails (a full disk), the part written is cut off again, so no torn line is left, and the error is thrown
   * (`DiskFullError` for ENOSPC and EDQUOT).
   */
  append(record: T): void {
    if (this.closed) throw new Error(`${this.path}: append after close`);
    const line = `${JSON.stringify(record)}\n`;
    const buffer = Buffer.from(line, "utf8");
    let offset = 0;
    try {
      while (offset < buffer.length) offset += this.write(this.descriptor, buffer, offset);
    } catch (error) {
      if (offset > 0) {
        try {
          ftruncateSync(this.descriptor, this.size);
        } catch {
          // The torn line is then repaired when the log is next opened.
        }
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOSPC" || code === "EDQUOT") throw new DiskFullError(this.path, error);
      throw error;
    }
    this.size += buffer.length;
    if (!this.syncing && Date.now() - this.lastSync >= this.syncIntervalMs) this.syncInBackground();
  }

  private syncInBackground(): void {
    this.syncing = true;
    this.lastSync = Date.now();
    fdatasync(this.descriptor, () => {
      this.syncing = false;
      if (this.closeWhenSynced) close(this.descriptor, () => undefined);
    });
  }

  /**
   * Whether the file is still reachable at its path: false when it was deleted (link count 0) or when the path
   * now names another file or nothing (the folder was moved or deleted). Appends then go to an orphaned file.
   */
  isAtPath(): boolean {
    if (this.closed) return true;
    const open = fstatSync(this.descriptor);
    if (open.nlink === 0) return false;
    try {
      const named = statSync(this.path);
      return named.ino === open.ino && named.dev === open.dev;
    } catch {
      return false;
    }
  }

  /** Forces the appended lines to stable storage. */
  sync(): void {
    if (this.closed) return;
    fdatasyncSync(this.descriptor);
    this.lastSync = Date.now();
  }

  /** Syncs and closes. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    fdatasyncSync(this.descriptor);
    this.closed = true;
    // A background sync still holds the descriptor: close it when that sync returns, never under its feet.
    if (this.syncing) this.closeWhenSynced = true;
    else closeSync(this.descriptor);
  }
}
