import type { LogRepair } from "./append-only-log.js";
import type { FailureKind, StopReason } from "./run-records.js";

/** Counters shared by progress events. */
export interface ProgressCounters {
  /** Comparisons planned so far (all rounds). */
  readonly planned: number;
  /** Comparisons with a verdict. */
  readonly recorded: number;
  /** Comparisons whose latest attempt failed and that are retried on resume, by kind. */
  readonly failedByKind: Readonly<Partial<Record<FailureKind, number>>>;
  /** Comparisons decided as final `invalid` (unparseable after every re-ask, or refused). */
  readonly invalid: number;
  /** Calls answered from the cache in this invocation. */
  readonly cacheHits: number;
  /** Paid calls (attempts that reached the provider) in this invocation. */
  readonly calls: number;
  readonly spentUsd: number;
}

/**
 * What the runner reports while it works. Libraries never print: the CLI turns these into a progress bar on a TTY
 * or plain lines otherwise; tests collect them.
 */
export type ProgressEvent =
  | { readonly type: "repaired"; readonly file: string; readonly repair: LogRepair }
  | { readonly type: "run-start"; readonly resumed: boolean; readonly counters: ProgressCounters }
  | { readonly type: "round-start"; readonly round: number; readonly comparisons: number; readonly pending: number }
  | {
      readonly type: "comparison";
      readonly id: string;
      readonly outcome: "recorded" | FailureKind;
      readonly cached: boolean;
      readonly counters: ProgressCounters;
      /** Done and total of the current round. */
      readonly roundDone: number;
      readonly roundTotal: number;
    }
  | {
      readonly type: "retry";
      readonly id: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly code: string;
    }
  | { readonly type: "round-end"; readonly round: number; readonly counters: ProgressCounters }
  | {
      /** A provider batch was submitted or polled (batch mode waits can last hours). */
      readonly type: "batch-status";
      readonly batchId: string;
      readonly judge: string;
      readonly state: string;
      readonly total: number;
      readonly succeeded: number;
      readonly failed: number;
    }
  | { readonly type: "run-end"; readonly reason: StopReason; readonly counters: ProgressCounters };

/** Receives progress events. */
export interface ProgressReporter {
  report(event: ProgressEvent): void;
}
