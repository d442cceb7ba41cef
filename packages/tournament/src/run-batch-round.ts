import {
  type BatchCapableJudge,
  type BatchEntry,
  type BatchItemOutcome,
  type BatchJobStatus,
  type JudgeCallContext,
  JudgeCallError,
  waitForBatch,
} from "@judgelab/judges";
import type { ComparisonExecutor, ExecutionOutcome, PreparedComparison } from "./comparison-executor.js";
import type { ProgressReporter } from "./progress-events.js";
import type { RunJournal } from "./run-journal.js";
import type { BatchRecord, PlannedComparison } from "./run-records.js";
import type { RunState } from "./run-state.js";

/** What the runner needs of a provider batch client (`createOpenAIBatchClient`, `createAnthropicBatchClient`). */
export interface BatchClient {
  submit(submission: {
    readonly entries: readonly BatchEntry[];
    readonly judge: BatchCapableJudge;
    readonly context?: JudgeCallContext;
  }): Promise<BatchJobStatus>;
  retrieve(batchId: string, context?: JudgeCallContext): Promise<BatchJobStatus>;
  collect(collection: {
    readonly status: BatchJobStatus;
    readonly entries: readonly BatchEntry[];
    readonly judge: BatchCapableJudge;
    readonly context?: JudgeCallContext;
  }): Promise<BatchItemOutcome[]>;
}

/** Options of {@link runBatchRound}. */
export interface RunBatchRoundOptions {
  readonly executor: ComparisonExecutor;
  readonly state: RunState;
  readonly journal: RunJournal;
  readonly round: number;
  /** Batch client per judge id; judges without one are called online. */
  readonly clients: ReadonlyMap<string, BatchClient>;
  readonly pollIntervalMs: number;
  readonly signal?: AbortSignal;
  readonly reporter?: ProgressReporter;
}

function isBatchCapable(judge: unknown): judge is BatchCapableJudge {
  return typeof (judge as BatchCapableJudge).buildRequestBody === "function";
}

/**
 * Runs a round through provider batch APIs: cached responses are recorded at once; the rest go into one batch per
 * judge, whose id is logged as soon as the provider accepts it; the runner polls until the batches end and collects
 * every entry into the same run log (results as for online calls, per-entry errors and entries the provider did not
 * run as failures, retried on resume). A batch still open in the log (the run was stopped while waiting) is polled
 * and collected on resume, never submitted twice. Ctrl-C while waiting leaves the batches running at the provider.
 */
export async function runBatchRound(options: RunBatchRoundOptions): Promise<ExecutionOutcome> {
  const { executor, state, round, clients } = options;
  const byId = new Map((state.rounds[round] ?? []).map((planned) => [planned.id, planned]));
  const waits: Promise<void>[] = [];
  for (const batch of [...state.openBatches.values()].filter((open) => open.round === round)) {
    const client = clients.get(batch.judge);
    if (client === undefined) continue;
    const prepared = Object.entries(batch.entries).map(([customId, id]) => ({ customId, planned: byId.get(id)! }));
    waits.push(collectBatch(options, client, batch, prepared));
  }
  const inOpenBatch = new Set([...state.openBatches.values()].flatMap((batch) => Object.values(batch.entries)));
  const pending = state.pending(round).filter((planned) => !inOpenBatch.has(planned.id));
  executor.startRound(pending.length + inOpenBatch.size);
  const online: PlannedComparison[] = [];
  const groups = new Map<string, { judge: BatchCapableJudge; prepared: PreparedComparison[] }>();
  for (const planned of pending) {
    const prepared = executor.prepare(planned);
    if (prepared === undefined || executor.recordIfCached(prepared)) continue;
    if (!clients.has(planned.judge) || !isBatchCapable(prepared.judge)) {
      online.push(planned);
      continue;
    }
    // The budget is reserved entry by entry (worst case at the batch price); what does not fit stays pending.
    if (!executor.reserveBatchEntry(prepared)) continue;
    const group = groups.get(planned.judge) ?? { judge: prepared.judge, prepared: [] };
    group.prepared.push(prepared);
    groups.set(planned.judge, group);
  }
  for (const [judgeId, group] of groups) {
    if (options.signal?.aborted) {
      for (const prepared of group.prepared) executor.releaseBatchEntry(prepared.planned.id);
      continue;
    }
    const client = clients.get(judgeId)!;
    const entries = group.prepared.map((prepared, index) => ({ customId: `c${index}`, request: prepared.request }));
    let status: BatchJobStatus;
    try {
      status = await client.submit({ entries, judge: group.judge });
    } catch (error) {
      if (!JudgeCallError.isInstance(error)) throw error;
      for (const prepared of group.prepared) executor.recordOutcome(prepared, { type: "error", error, attempts: 1 });
      continue;
    }
    const record: BatchRecord = {
      type: "batch",
      round,
      judge: judgeId,
      batchId: status.id,
      entries: Object.fromEntries(entries.map((entry, index) => [entry.customId, group.prepared[index]!.planned.id])),
    };
    options.journal.append(record);
    state.apply(record);
    const prepared = entries.map((entry, index) => ({
      customId: entry.customId,
      planned: group.prepared[index]!.planned,
    }));
    waits.push(collectBatch(options, client, record, prepared));
  }
  const onlineOutcome = online.length > 0 ? await executor.runAll(online, options.signal) : "done";
  const results = await Promise.allSettled(waits);
  for (const result of results) {
    if (result.status === "rejected") {
      if (JudgeCallError.isInstance(result.reason) && result.reason.code === "aborted") return "interrupted";
      throw result.reason;
    }
  }
  return options.signal?.aborted ? "interrupted" : onlineOutcome;
}

async function collectBatch(
  options: RunBatchRoundOptions,
  client: BatchClient,
  batch: BatchRecord,
  members: readonly { customId: string; planned: PlannedComparison }[],
): Promise<void> {
  const { executor } = options;
  const prepared = new Map<string, PreparedComparison>();
  for (const member of members) {
    const ready = executor.prepare(member.planned);
    if (ready === undefined) continue;
    prepared.set(member.customId, ready);
    // Already submitted: its cost comes whether or not it fits, so it is reserved regardless.
    executor.reserveBatchEntry(ready, true);
  }
  try {
    await collectBatchResults(options, client, batch, prepared);
  } finally {
    for (const ready of prepared.values()) executor.releaseBatchEntry(ready.planned.id);
  }
}

async function collectBatchResults(
  options: RunBatchRoundOptions,
  client: BatchClient,
  batch: BatchRecord,
  prepared: ReadonlyMap<string, PreparedComparison>,
): Promise<void> {
  const { executor, state } = options;
  const judge = [...prepared.values()][0]?.judge;
  if (judge === undefined || !isBatchCapable(judge)) return;
  const status = await waitForBatch({
    retrieve: () => client.retrieve(batch.batchId),
    intervalMs: options.pollIntervalMs,
    onStatus: (current) =>
      options.reporter?.report({
        type: "batch-status",
        batchId: batch.batchId,
        judge: batch.judge,
        state: current.state,
        ...current.counts,
      }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const entries = [...prepared].map(([customId, ready]) => ({ customId, request: ready.request }));
  const outcomes = await client.collect({ status, entries, judge });
  for (const outcome of outcomes) {
    const ready = prepared.get(outcome.customId);
    if (ready === undefined || state.recorded.has(ready.planned.id)) continue;
    if (outcome.type === "result") {
      executor.recordOutcome(ready, { type: "result", result: outcome.result, attempts: 1 }, { batch: true });
    } else if (outcome.type === "error") {
      executor.recordOutcome(ready, { type: "error", error: outcome.error, attempts: 1 }, { batch: true });
    } else {
      executor.recordFailure(
        ready.planned,
        "batch-expired",
        `batch ${batch.batchId}: entry not run (${outcome.reason})`,
      );
    }
  }
  options.journal.append({ type: "batch-done", batchId: batch.batchId, state: status.state });
  state.apply({ type: "batch-done", batchId: batch.batchId, state: status.state });
}
