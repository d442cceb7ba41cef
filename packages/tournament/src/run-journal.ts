import type { JudgeResult } from "@judgelab/judges";
import type { RunLogRecord } from "./run-records.js";

/** Where the runner keeps responses: the run folder's `cache.jsonl`, or a map in memory for simulations. */
export interface ResponseStore {
  get(key: string): JudgeResult | undefined;
  has(key: string): boolean;
  set(key: string, result: JudgeResult): void;
}

/**
 * What the runner writes to: the run log and the response cache. `RunStore` is the durable implementation;
 * `createMemoryJournal` serves simulations and tests that need no files.
 */
export interface RunJournal {
  /** Records present when the run started (for resume). */
  readonly records: readonly RunLogRecord[];
  readonly cache: ResponseStore;
  append(record: RunLogRecord): void;
  /** What happened to the run's files when they vanished (folder deleted or moved); undefined while intact. */
  folderProblem?(): string | undefined;
}

/** An in-memory journal; `appended` collects what the runner wrote. */
export function createMemoryJournal(records: readonly RunLogRecord[] = []): RunJournal & {
  readonly appended: RunLogRecord[];
} {
  const appended: RunLogRecord[] = [];
  const cache = new Map<string, JudgeResult>();
  return {
    records,
    appended,
    cache: {
      get: (key) => cache.get(key),
      has: (key) => cache.has(key),
      set: (key, result) => {
        if (!cache.has(key)) cache.set(key, result);
      },
    },
    append: (record) => {
      appended.push(record);
    },
  };
}
