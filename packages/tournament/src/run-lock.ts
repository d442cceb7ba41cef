import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/** Who holds a run folder's lock (the content of `run.lock`). */
export interface RunLockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

/** Raised when another live process holds the run folder. */
export class RunLockedError extends Error {
  override readonly name = "RunLockedError";
  constructor(
    readonly dir: string,
    readonly holder: RunLockHolder | undefined,
  ) {
    super(
      holder === undefined
        ? `${dir} is locked by another runner (run.lock is unreadable); wait for it to finish, or remove ` +
            `${join(dir, "run.lock")} if no runner uses this folder`
        : `${dir} is in use by another runner: process ${holder.pid} on host ${holder.host}, started ` +
            `${holder.startedAt}; wait for it to finish or stop it` +
            (holder.host === hostname()
              ? ""
              : ` (it runs on another host, so its liveness cannot be checked here: remove ${join(dir, "run.lock")} ` +
                "only if you are sure it is gone)"),
    );
  }
}

/** Options of `RunLock.acquire` (tests inject the identity and the liveness check). */
export interface RunLockOptions {
  readonly pid?: number;
  readonly host?: string;
  readonly now?: () => Date;
  /** Whether a process on this host is alive (default: `process.kill(pid, 0)`). */
  readonly isAlive?: (pid: number) => boolean;
}

/**
 * An exclusive lock on a run folder: the file `run.lock` holding `{pid, host, startedAt}`.
 *
 * Acquisition writes the holder to a private file and hard-links it to `run.lock` (`link(2)` fails when the name
 * exists, so exactly one process wins, also on NFS where `O_EXCL` is unreliable). A lock whose holder ran on this
 * host and is no longer alive (killed, crashed) is stale: it is taken over and reported in `takenOver`. A stale lock
 * is first renamed to a name unique to the taker and re-read, so two processes taking over the same stale lock
 * cannot both win. A lock from another host is never taken over (its liveness cannot be checked).
 */
export class RunLock {
  private released = false;

  private constructor(
    readonly path: string,
    readonly holder: RunLockHolder,
    /** The stale holder that was replaced, when the lock was taken over. */
    readonly takenOver: RunLockHolder | undefined,
  ) {}

  static acquire(dir: string, options: RunLockOptions = {}): RunLock {
    const path = join(dir, "run.lock");
    const holder: RunLockHolder = {
      pid: options.pid ?? process.pid,
      host: options.host ?? hostname(),
      startedAt: (options.now ?? (() => new Date()))().toISOString(),
    };
    const isAlive = options.isAlive ?? processIsAlive;
    const unique = `${path}.${holder.pid}.${process.hrtime.bigint()}`;
    const descriptor = openSync(unique, "wx");
    try {
      const text = `${JSON.stringify(holder)}\n`;
      writeSync(descriptor, text);
    } finally {
      closeSync(descriptor);
    }
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          linkSync(unique, path);
          return new RunLock(path, holder, undefined);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        }
        const current = readHolder(path);
        if (current === "missing") continue;
        if (current === undefined) {
          // A lock file without a complete holder: a writer between link and nothing (impossible: the content is
          // written before the link) or a damaged file. Old enough, it is stale; otherwise someone is taking it.
          if (ageMs(path) < 10_000) throw new RunLockedError(dir, undefined);
        } else if (current.host !== holder.host || isAlive(current.pid)) {
          throw new RunLockedError(dir, current);
        }
        const aside = `${unique}.stale`;
        try {
          renameSync(path, aside);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // another process took it first
          throw error;
        }
        const moved = readHolder(aside);
        const sameStale =
          current === undefined
            ? moved === undefined
            : moved !== undefined && moved !== "missing" && moved.pid === current.pid && moved.host === current.host;
        if (!sameStale && moved !== "missing" && moved !== undefined) {
          // Between our read and our rename another process took the stale lock over: give its lock back.
          try {
            linkSync(aside, path);
          } catch {
            // The name was taken again meanwhile; the live holder is whoever holds it now.
          }
          rmSync(aside, { force: true });
          throw new RunLockedError(dir, moved);
        }
        rmSync(aside, { force: true });
        try {
          linkSync(unique, path);
          return new RunLock(path, holder, current ?? { pid: 0, host: "unknown", startedAt: "unknown" });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        }
      }
      throw new RunLockedError(dir, undefined);
    } finally {
      rmSync(unique, { force: true });
    }
  }

  /** Whether `run.lock` still names this holder (false after the folder was deleted, moved or the lock stolen). */
  isHeld(): boolean {
    const current = readHolder(this.path);
    return (
      current !== undefined &&
      current !== "missing" &&
      current.pid === this.holder.pid &&
      current.host === this.holder.host &&
      current.startedAt === this.holder.startedAt
    );
  }

  /** Removes `run.lock` if it is still this holder's. Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.isHeld()) rmSync(this.path, { force: true });
  }
}

function readHolder(path: string): RunLockHolder | undefined | "missing" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<RunLockHolder>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.startedAt === "string") {
      return { pid: value.pid, host: value.host, startedAt: value.startedAt };
    }
  } catch {
    // fall through: unreadable
  }
  return undefined;
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** `kill(pid, 0)`: ESRCH means no such process; EPERM means it exists under another user. */
function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
