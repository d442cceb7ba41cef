import { JudgeCallError } from "../judge-call-error.js";
import type { BatchCapableJudge, JudgeRequest, JudgeResult } from "../judge-contract.js";

/** One request of a batch, keyed by the caller's `customId` (1–64 characters of `A–Z a–z 0–9 _ -`). */
export interface BatchEntry {
  readonly customId: string;
  readonly request: JudgeRequest;
}

/** Provider-independent state of a batch job. */
export type BatchJobState =
  | "pending"
  | "running"
  | "finalizing"
  | "completed"
  | "failed"
  | "expired"
  | "cancelling"
  | "cancelled";

/** Snapshot of a batch job. */
export interface BatchJobStatus {
  readonly id: string;
  readonly state: BatchJobState;
  /** True when the job will not change any more (results, if any, can be collected). */
  readonly done: boolean;
  readonly counts: { readonly total: number; readonly succeeded: number; readonly failed: number };
  /** The provider's batch object (no headers, no keys). */
  readonly raw: unknown;
}

/**
 * What happened to one entry of a finished batch:
 * - `result`: the provider answered; the verdict or recorded failure, as for an online call (latency 0: unknown);
 * - `error`: the provider rejected this entry (HTTP status per line); the code says whether to resubmit;
 * - `not-run`: the batch expired, was cancelled or failed as a whole before this entry ran; resubmit it.
 * Entries of the batch missing from the provider's results are reported as `not-run` too, so none is lost.
 */
export type BatchItemOutcome =
  | { readonly customId: string; readonly type: "result"; readonly result: JudgeResult }
  | { readonly customId: string; readonly type: "error"; readonly error: JudgeCallError }
  | {
      readonly customId: string;
      readonly type: "not-run";
      readonly reason: "expired" | "cancelled" | "failed" | "missing";
    };

const CUSTOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Checks custom ids (the stricter Anthropic rule, so one id scheme works for both providers) and uniqueness. */
export function validateBatchEntries(entries: readonly BatchEntry[]): void {
  if (entries.length === 0) throw new RangeError("a batch needs at least one entry");
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    if (!CUSTOM_ID.test(entry.customId)) {
      throw new RangeError(
        `batch entry ${index}: customId "${entry.customId}" must be 1–64 characters of A–Z a–z 0–9 _ -`,
      );
    }
    if (seen.has(entry.customId))
      throw new RangeError(`batch entry ${index}: customId "${entry.customId}" is used twice`);
    seen.add(entry.customId);
  }
}

/**
 * Adds a `not-run` outcome for every entry the provider's results did not mention: reason `expired`, `cancelled` or
 * `failed` when the batch ended that way, otherwise `missing`.
 */
export function addMissingOutcomes(
  entries: readonly BatchEntry[],
  outcomes: BatchItemOutcome[],
  state: BatchJobState,
): BatchItemOutcome[] {
  const reason = state === "expired" || state === "cancelled" || state === "failed" ? state : "missing";
  const reported = new Set(outcomes.map((outcome) => outcome.customId));
  for (const entry of entries) {
    if (!reported.has(entry.customId)) outcomes.push({ customId: entry.customId, type: "not-run", reason });
  }
  return outcomes;
}

/**
 * The outcome of one succeeded batch line: the judge reads the response body like an online answer (latency 0:
 * unknown); a body of the wrong shape becomes an `error` outcome instead of aborting the whole collection.
 */
export function readBatchLine(options: {
  readonly customId: string;
  readonly judge: BatchCapableJudge;
  readonly request: JudgeRequest;
  readonly body: unknown;
}): BatchItemOutcome {
  try {
    return {
      customId: options.customId,
      type: "result",
      result: options.judge.parseResponseBody(options.request, options.body, 0),
    };
  } catch (error) {
    if (!JudgeCallError.isInstance(error)) throw error;
    return { customId: options.customId, type: "error", error };
  }
}
