import type { Comparison } from "@judgelab/schema";
import type { BatchRecord, FailedResult, PlannedComparison, RecordedResult, RunLogRecord } from "./run-records.js";

/** A problem found while replaying a log (a comparison recorded twice, a result for an unplanned id). */
export interface RunStateProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * The state of a run rebuilt from its log: the planned rounds and the latest outcome of every comparison.
 * Everything the scheduler needs (ratings, pairs played, match counts) is derived from this, in plan order, so
 * the order in which concurrent calls completed never matters.
 */
export class RunState {
  readonly rounds: PlannedComparison[][] = [];
  /** Comparison id → its verdict record. A recorded comparison is final. */
  readonly recorded = new Map<string, RecordedResult>();
  /** Comparison id → its latest failure, while it has no verdict and is not decided invalid (retried on resume). */
  readonly failed = new Map<string, FailedResult>();
  /** Comparison id → its final failure: decided as `invalid` (re-asks used up, or a refusal); never called again. */
  readonly invalid = new Map<string, FailedResult>();
  readonly problems: RunStateProblem[] = [];
  /** Provider batches submitted and not yet collected, by batch id. */
  readonly openBatches = new Map<string, BatchRecord>();
  /** US dollars paid so far: every result that was not served from the cache, including superseded failures. */
  spentUsd = 0;
  private readonly planned = new Set<string>();

  /** Replays log records (in file order). */
  static fromRecords(records: readonly RunLogRecord[]): RunState {
    const state = new RunState();
    records.forEach((record, index) => {
      state.apply(record, index + 1);
    });
    return state;
  }

  /** Applies one record; `line` is used in problems. */
  apply(record: RunLogRecord, line = 0): void {
    switch (record.type) {
      case "round": {
        if (this.rounds[record.round] !== undefined) {
          this.problems.push({ line, message: `round ${record.round} planned twice; the first plan is kept` });
          return;
        }
        this.rounds[record.round] = [...record.comparisons];
        for (const comparison of record.comparisons) this.planned.add(comparison.id);
        return;
      }
      case "recorded": {
        if (!record.cached) this.spentUsd += record.comparison.usage?.costUsd ?? 0;
        if (!this.planned.has(record.id)) this.problems.push({ line, message: `${record.id} was never planned` });
        if (this.recorded.has(record.id)) {
          this.problems.push({ line, message: `${record.id} recorded twice; the first verdict is kept` });
          return;
        }
        if (this.invalid.has(record.id)) {
          this.problems.push({ line, message: `${record.id} recorded after it was decided invalid; kept invalid` });
          return;
        }
        this.recorded.set(record.id, record);
        this.failed.delete(record.id);
        return;
      }
      case "failed": {
        if (record.cached !== true) this.spentUsd += record.comparison?.usage?.costUsd ?? 0;
        if (!this.planned.has(record.id)) this.problems.push({ line, message: `${record.id} was never planned` });
        if (this.recorded.has(record.id)) {
          this.problems.push({ line, message: `${record.id} failed after it was recorded; the verdict is kept` });
          return;
        }
        if (this.invalid.has(record.id)) {
          this.problems.push({ line, message: `${record.id} failed after it was decided invalid; the first is kept` });
          return;
        }
        if (record.final === true) {
          this.failed.delete(record.id);
          this.invalid.set(record.id, record);
        } else this.failed.set(record.id, record);
        return;
      }
      case "batch":
        this.openBatches.set(record.batchId, record);
        return;
      case "batch-done":
        this.openBatches.delete(record.batchId);
        return;
      case "stop":
        return;
    }
  }

  /** Number of planned rounds. */
  get roundCount(): number {
    return this.rounds.length;
  }

  /** Comparisons of a round not decided yet: no verdict and not final invalid (never attempted, or failed). */
  pending(round: number): PlannedComparison[] {
    return (this.rounds[round] ?? []).filter(
      (comparison) => !this.recorded.has(comparison.id) && !this.invalid.has(comparison.id),
    );
  }

  /** Recorded results in plan order (round, then position in the round): the canonical order for ratings. */
  recordedInPlanOrder(): RecordedResult[] {
    const results: RecordedResult[] = [];
    for (const round of this.rounds) {
      for (const comparison of round ?? []) {
        const result = this.recorded.get(comparison.id);
        if (result !== undefined) results.push(result);
      }
    }
    return results;
  }
}

/**
 * The canonical comparisons of a run log, in plan order: recorded verdicts and judge-side failures (with verdict
 * `invalid`); transport failures have no comparison record.
 */
export function comparisonsInPlanOrder(records: readonly RunLogRecord[]): Comparison[] {
  const state = RunState.fromRecords(records);
  const comparisons: Comparison[] = [];
  for (const round of state.rounds) {
    for (const planned of round ?? []) {
      const comparison =
        state.recorded.get(planned.id)?.comparison ??
        state.invalid.get(planned.id)?.comparison ??
        state.failed.get(planned.id)?.comparison;
      if (comparison !== undefined) comparisons.push(comparison);
    }
  }
  return comparisons;
}
