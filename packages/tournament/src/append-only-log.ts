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
}

/** One line that did not parse. */
export class LogLineError extends Error {
  override readonly name = "LogLineError";
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}. The log is append-only; restore the file or start a new run folder.`);
  }
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
  ) {}

  /** Opens (creating if missing) a log, repairs a torn tail, and returns the log with its existing records. */
  static open<T>(
    path: string,
    options: { syncIntervalMs?: number } = {},
  ): { log: AppendOnlyLog<T>; records: T[]; repair: LogRepair } {
    const records: T[] = [];
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
          throw new LogLineError(path, index + 1, `not valid JSON (${(error as Error).message})`);
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
    const descriptor = openSync(path, "a");
    return { log: new AppendOnlyLog<T>(path, descriptor, options.syncIntervalMs ?? 200), records, repair };
  }

  /** Appends one record as one line. Synchronous: when it returns, the line is in the operating system. */
  append(record: T): void {
    if (this.closed) throw new Error(`${this.path}: append after close`);
    const line = `${JSON.stringify(record)}\n`;
    const buffer = Buffer.from(line, "utf8");
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(this.descriptor, buffer, offset);
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
