import type { JudgeCallErrorCode, JudgeFailureKind } from "@judgelab/judges";
import type { Comparison } from "@judgelab/schema";

/**
 * One comparison the scheduler planned: two items in presented order for one judge and repetition. Its `id` is a
 * deterministic function of the plan (`r3m12.gpt.ab.0`), so a resumed run and an uninterrupted run name the same
 * comparison the same way.
 */
export interface PlannedComparison {
  readonly id: string;
  readonly matchId: string;
  readonly round: number;
  /** Item shown first. */
  readonly first: string;
  /** Item shown second. */
  readonly second: string;
  readonly judge: string;
  readonly repetition: number;
}

/**
 * Why a scheduled comparison has no verdict: a judge-side failure (refusal, unparseable, ...: the call was paid
 * and its answer is recorded), a transport error code after the last retry, a batch entry the provider never ran,
 * or an internal error (a bug, recorded rather than crashing the run).
 */
export type FailureKind = JudgeFailureKind | JudgeCallErrorCode | "batch-expired" | "internal";

/** A round of the schedule, written before any of its calls so that resume replays the same plan. */
export interface RoundRecord {
  readonly type: "round";
  readonly round: number;
  readonly comparisons: readonly PlannedComparison[];
}

/** A comparison that ended with a verdict. `comparison` is the canonical record (schema `Comparison`). */
export interface RecordedResult {
  readonly type: "recorded";
  readonly id: string;
  readonly round: number;
  readonly comparison: Comparison;
  readonly cacheKey: string;
  readonly attempts: number;
  /** True when the response came from the cache (no paid call in this run). */
  readonly cached: boolean;
}

/**
 * A comparison attempt that ended without a verdict. Judge-side failures (refusal, unparseable) were paid for and
 * carry the canonical record with verdict `invalid` and the raw answer; transport failures carry the last error.
 *
 * `ask` numbers the asks of one comparison (0 the first, 1… the re-asks of an unparseable answer, each a fresh
 * call with its own cache key). `final: true` marks the comparison decided as `invalid`: re-asks are used up, or
 * the judge refused; it is counted and never called again. A failure without `final` is retried on resume.
 */
export interface FailedResult {
  readonly type: "failed";
  readonly id: string;
  readonly round: number;
  readonly kind: FailureKind;
  readonly message: string;
  readonly attempts: number;
  readonly status?: number;
  readonly comparison?: Comparison;
  readonly cacheKey?: string;
  readonly cached?: boolean;
  /** Which ask of the comparison this was (absent: 0). */
  readonly ask?: number;
  /** The comparison is decided as invalid and is not retried. */
  readonly final?: boolean;
}

/** Written when a run stops, with the reason (informational; resume does not depend on it). */
export interface StopRecord {
  readonly type: "stop";
  readonly reason: StopReason;
  readonly round: number;
  readonly at: string;
}

/** Why a run stopped. */
export type StopReason =
  | "converged"
  | "max-rounds"
  | "max-matches"
  | "budget"
  | "interrupted"
  | "plan-exhausted"
  /** A judge's credentials or model were rejected (HTTP 401/403/404): see the summary's `judgeFailures`. */
  | "judge-failed"
  /** The run folder was deleted or moved while running. */
  | "folder-gone";

/**
 * A provider batch submitted for some comparisons of a round. Written right after the provider accepted it, so a
 * resumed run polls and collects the same batch instead of paying for a second one.
 */
export interface BatchRecord {
  readonly type: "batch";
  readonly round: number;
  readonly judge: string;
  readonly batchId: string;
  /** Batch custom id → comparison id (comparison ids contain characters batch ids may not). */
  readonly entries: Readonly<Record<string, string>>;
}

/** Written once a batch's results are all in the log (recorded or failed). */
export interface BatchDoneRecord {
  readonly type: "batch-done";
  readonly batchId: string;
  readonly state: string;
}

/** One line of `log.jsonl`. */
export type RunLogRecord = RoundRecord | RecordedResult | FailedResult | StopRecord | BatchRecord | BatchDoneRecord;
