import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { AppendOnlyLog, type LogRepair } from "./append-only-log.js";
import type { ItemAddition, ItemListEntry } from "./growing-items.js";
import { ResponseCache } from "./response-cache.js";
import { RunLock, type RunLockHolder, type RunLockOptions } from "./run-lock.js";
import type { RunLogRecord } from "./run-records.js";

/** `run.json`: what the run is (config snapshot and hashes). Written once when the folder is created. */
export interface RunManifest {
  readonly schemaVersion: 1;
  readonly name: string;
  readonly createdAt: string;
  readonly seed: number;
  /**
   * Hash of everything that determines the schedule and the answers (seed, items, judges, template, order,
   * assignment, repetitions, scheduler). Limits, retries, timeouts, stop rules and budget may change between
   * resumes; this may not.
   */
  readonly identityHash: string;
  readonly itemsHash: string;
  readonly templateHash: string;
  readonly judges: readonly unknown[];
  readonly config: unknown;
  /**
   * The append-only item list of a growing tournament (see `resolveGrowingItems`): ids and content hashes in
   * index order. `itemsHash` stays the hash of the items the run was created with.
   */
  readonly items?: readonly ItemListEntry[];
  /** Each time items joined the run (`judgelab run --add-items`, or items appended to the configured source). */
  readonly itemAdditions?: readonly ItemAddition[];
}

/** Raised when a run folder belongs to a different tournament than the config being run. */
export class RunIdentityError extends Error {
  override readonly name = "RunIdentityError";
}

/** Raised by `RunStore.open` with `existing: "refuse"` when the folder already holds results. */
export class RunExistsError extends Error {
  override readonly name = "RunExistsError";
}

/** Options of `RunStore.open`. */
export interface RunStoreOptions {
  /** Response cache file (default `<dir>/cache.jsonl`). */
  readonly cachePath?: string;
  /** `refuse`: a folder whose log already has lines is an error (checked under the lock). Default `resume`. */
  readonly existing?: "resume" | "refuse";
  /** Identity and liveness check of the lock (tests). */
  readonly lock?: RunLockOptions;
}

/**
 * A run folder: `run.json` (manifest), `log.jsonl` (append-only run log, see `AppendOnlyLog` for the fsync policy),
 * `cache.jsonl` (response cache) and `run.lock` (held while open: one runner per folder, see `RunLock`). Opening
 * takes the lock, repairs torn last lines and returns the existing records for resume.
 */
export class RunStore {
  private constructor(
    readonly dir: string,
    readonly manifest: RunManifest,
    private readonly log: AppendOnlyLog<RunLogRecord>,
    readonly records: readonly RunLogRecord[],
    readonly cache: ResponseCache,
    readonly repairs: { readonly log: LogRepair; readonly cache: LogRepair },
    readonly resumed: boolean,
    private readonly lock: RunLock,
  ) {}

  /** The stale holder whose lock was taken over when opening (its process was gone), if any. */
  get lockTakenOver(): RunLockHolder | undefined {
    return this.lock.takenOver;
  }

  /**
   * Opens or creates a run folder. Throws `RunIdentityError` when the folder holds a different tournament.
   * `cachePath` puts the response cache elsewhere (default `<dir>/cache.jsonl`), e.g. one cache shared by several
   * runs: keys carry everything that shapes an answer, so sharing never mixes judges, templates or orders.
   * Throws `RunLockedError` when another live process has the folder open.
   */
  static open(dir: string, manifest: RunManifest, options: RunStoreOptions = {}): RunStore {
    mkdirSync(dir, { recursive: true });
    const lock = RunLock.acquire(dir, options.lock);
    try {
      return RunStore.openLocked(dir, manifest, options, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  private static openLocked(dir: string, manifest: RunManifest, options: RunStoreOptions, lock: RunLock): RunStore {
    const logPath = join(dir, "log.jsonl");
    if (options.existing === "refuse" && existsSync(logPath) && statSync(logPath).size > 0) {
      throw new RunExistsError(`${dir} already holds a run; pass --resume to continue it, or set another runDir`);
    }
    const manifestPath = join(dir, "run.json");
    let stored = manifest;
    const resumed = existsSync(manifestPath);
    if (resumed) {
      stored = JSON.parse(readFileSync(manifestPath, "utf8")) as RunManifest;
      if (stored.identityHash !== manifest.identityHash) {
        throw new RunIdentityError(
          `${dir} holds run "${stored.name}" created ${stored.createdAt} with a different seed, items, judges, template ` +
            "or schedule settings; use a new runDir (or restore the original config) to continue",
        );
      }
    } else {
      const temporary = `${manifestPath}.partial`;
      writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
      renameSync(temporary, manifestPath);
    }
    const { log, records, repair } = AppendOnlyLog.open<RunLogRecord>(logPath);
    const cachePath = options.cachePath ?? join(dir, "cache.jsonl");
    mkdirSync(dirname(cachePath), { recursive: true });
    const cache = ResponseCache.open(cachePath);
    return new RunStore(dir, stored, log, records, cache, { log: repair, cache: cache.repair }, resumed, lock);
  }

  append(record: RunLogRecord): void {
    this.log.append(record);
  }

  /**
   * Undefined while the folder is where it was opened; otherwise what happened (its log was deleted, or the folder
   * was deleted or moved). Checked before every call, so a vanished folder stops the run before it pays for more.
   */
  folderProblem(): string | undefined {
    if (this.log.isAtPath()) return undefined;
    return existsSync(this.dir)
      ? `${join(this.dir, "log.jsonl")} was deleted or replaced while the run was writing it`
      : `the run folder ${this.dir} was deleted or moved while the run was writing it`;
  }

  close(): void {
    this.log.close();
    this.cache.close();
    this.lock.release();
  }
}
