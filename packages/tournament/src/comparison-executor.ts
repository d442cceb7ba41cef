import type { JudgeDescription, JudgeRequest, JudgeTemplate, PairwiseJudge } from "@judgelab/judges";
import { type CallOutcome, callWithRetries } from "./call-with-retries.js";
import { estimateRequestTokens, type PriceTable } from "./price-table.js";
import type { ProgressCounters, ProgressReporter } from "./progress-events.js";
import { ProviderLimiter } from "./provider-limiter.js";
import { responseCacheKey } from "./response-cache.js";
import type { RunJournal } from "./run-journal.js";
import type { FailedResult, FailureKind, PlannedComparison, RecordedResult } from "./run-records.js";
import type { RunState } from "./run-state.js";
import { seededRandom } from "./seeded-random.js";
import { toComparisonRecord } from "./to-comparison-record.js";
import type { TournamentConfig } from "./tournament-config.js";
import type { TournamentItems } from "./tournament-items.js";

/** A planned comparison ready to call: its judge, request and cache key. */
export interface PreparedComparison {
  readonly planned: PlannedComparison;
  readonly judge: PairwiseJudge;
  readonly request: JudgeRequest;
  readonly cacheKey: string;
}

/** How `runAll` ended. */
export type ExecutionOutcome = "done" | "interrupted" | "budget";

/** Options of the executor (see `runTournament`). */
export interface ComparisonExecutorOptions {
  readonly config: TournamentConfig;
  readonly items: TournamentItems;
  readonly judges: readonly PairwiseJudge[];
  readonly template: JudgeTemplate;
  readonly journal: RunJournal;
  readonly state: RunState;
  readonly prices: PriceTable;
  readonly abandon?: AbortSignal;
  readonly reporter?: ProgressReporter;
  readonly now: () => Date;
}

/**
 * Executes planned comparisons: cache lookup, then a paced call with retries, then the response into the cache
 * (first, so a kill right after never pays twice) and the outcome into the run log. Each provider gets its own
 * pool of `concurrency` workers, so a throttled provider never blocks another.
 */
export class ComparisonExecutor {
  private readonly judges = new Map<
    string,
    { judge: PairwiseJudge; description: JudgeDescription; limiter: ProviderLimiter; provider: string }
  >();
  private readonly limiters = new Map<string, ProviderLimiter>();
  private readonly random;
  private readonly failedByKind: Partial<Record<FailureKind, number>> = {};
  private cacheHits = 0;
  private calls = 0;
  private roundDone = 0;
  private roundTotal = 0;

  /** Starts counting a new round of `total` comparisons (for progress events). */
  startRound(total: number): void {
    this.roundDone = 0;
    this.roundTotal = total;
  }

  constructor(private readonly options: ComparisonExecutorOptions) {
    for (const judgeConfig of options.config.judges) {
      const judge = options.judges.find((candidate) => candidate.id === judgeConfig.id);
      if (judge === undefined) throw new Error(`no judge instance for config judge "${judgeConfig.id}"`);
      // Limits are per provider as named in the config: judges of one provider share them.
      let limiter = this.limiters.get(judgeConfig.provider);
      if (limiter === undefined) {
        const limits = options.config.limits[judgeConfig.provider] ??
          options.config.limits.default ?? { concurrency: 8 };
        limiter = new ProviderLimiter(limits);
        this.limiters.set(judgeConfig.provider, limiter);
      }
      this.judges.set(judge.id, { judge, description: judge.describe(), limiter, provider: judgeConfig.provider });
    }
    this.random = seededRandom(options.config.seed, "retry-jitter");
    for (const failure of options.state.failed.values()) this.count(failure.kind, 1);
  }

  /** Current counters (for progress events and the summary). */
  counters(): ProgressCounters {
    const { state } = this.options;
    return {
      planned: state.rounds.reduce((sum, round) => sum + (round?.length ?? 0), 0),
      recorded: state.recorded.size,
      failedByKind: { ...this.failedByKind },
      cacheHits: this.cacheHits,
      calls: this.calls,
      spentUsd: state.spentUsd,
    };
  }

  /** Runs the comparisons until done, interrupted (`signal`) or out of budget; never starts one after a stop. */
  async runAll(pending: readonly PlannedComparison[], signal?: AbortSignal): Promise<ExecutionOutcome> {
    this.startRound(pending.length);
    const queues = new Map<string, PlannedComparison[]>();
    for (const planned of pending) {
      const provider = this.judges.get(planned.judge)?.provider ?? "";
      const queue = queues.get(provider) ?? [];
      queue.push(planned);
      queues.set(provider, queue);
    }
    let outcome: ExecutionOutcome = "done";
    const budget = this.options.config.budget.maxCostUsd;
    const worker = async (queue: PlannedComparison[]): Promise<void> => {
      for (;;) {
        if (outcome !== "done") return;
        if (signal?.aborted || this.options.abandon?.aborted) {
          outcome = "interrupted";
          return;
        }
        if (budget !== undefined && this.options.state.spentUsd >= budget) {
          outcome = "budget";
          return;
        }
        const next = queue.shift();
        if (next === undefined) return;
        await this.runOne(next);
      }
    };
    const workers: Promise<void>[] = [];
    for (const [provider, queue] of queues) {
      const limiter = this.limiters.get(provider);
      const count = Math.min(queue.length, limiter?.limits.concurrency ?? 1);
      for (let index = 0; index < count; index++) workers.push(worker(queue));
    }
    await Promise.all(workers);
    return outcome;
  }

  /**
   * The request and cache key of a planned comparison, or undefined (after recording an `internal` failure) when
   * the plan names an unknown judge or item.
   */
  prepare(planned: PlannedComparison): PreparedComparison | undefined {
    const { items, template, config } = this.options;
    const entry = this.judges.get(planned.judge);
    const a = items.index.get(planned.first);
    const b = items.index.get(planned.second);
    if (entry === undefined || a === undefined || b === undefined) {
      this.finish({
        type: "failed",
        id: planned.id,
        round: planned.round,
        kind: "internal",
        attempts: 0,
        message: `unknown judge "${planned.judge}" or item in the plan`,
      });
      return undefined;
    }
    const request: JudgeRequest = {
      first: items.judgeItems[a]!,
      second: items.judgeItems[b]!,
      template,
      repetition: planned.repetition,
      ...(config.task === undefined ? {} : { task: config.task }),
      ...(config.rubric === undefined ? {} : { rubric: config.rubric }),
    };
    const cacheKey = responseCacheKey({
      judge: entry.description,
      templateHash: template.hash,
      firstHash: items.contentHashes[a]!,
      secondHash: items.contentHashes[b]!,
      repetition: planned.repetition,
      request: { task: config.task, rubric: config.rubric },
    });
    return { planned, judge: entry.judge, request, cacheKey };
  }

  /** Records a cached response, if there is one; returns whether it did. */
  recordIfCached(prepared: PreparedComparison): boolean {
    const cached = this.options.journal.cache.get(prepared.cacheKey);
    if (cached === undefined) return false;
    this.cacheHits++;
    this.recordOutcome(prepared, { type: "result", result: cached, attempts: 0 }, { cached: true });
    return true;
  }

  /**
   * Records the outcome of a call: a response goes into the cache first (so a kill right after never pays twice),
   * then the verdict or failure into the log.
   */
  recordOutcome(
    prepared: PreparedComparison,
    outcome: CallOutcome,
    options: { cached?: boolean; batch?: boolean } = {},
  ): void {
    const { planned, cacheKey } = prepared;
    const cached = options.cached === true;
    if (!cached) this.calls += outcome.attempts;
    if (outcome.type === "error") {
      const { error } = outcome;
      this.finish({
        type: "failed",
        id: planned.id,
        round: planned.round,
        kind: error.code,
        attempts: outcome.attempts,
        message: error.message,
        ...(error.status === undefined ? {} : { status: error.status }),
      });
      return;
    }
    if (!cached) this.options.journal.cache.set(cacheKey, outcome.result);
    const comparison = toComparisonRecord({
      planned,
      result: outcome.result,
      judge: prepared.judge,
      prices: this.options.prices,
      batch: options.batch === true,
      templateHash: this.options.template.hash,
      createdAt: this.options.now().toISOString(),
    });
    if (outcome.result.type === "verdict") {
      this.finish({
        type: "recorded",
        id: planned.id,
        round: planned.round,
        comparison,
        cacheKey,
        attempts: outcome.attempts,
        cached,
      });
    } else {
      this.finish({
        type: "failed",
        id: planned.id,
        round: planned.round,
        kind: outcome.result.kind,
        message: outcome.result.message,
        attempts: outcome.attempts,
        comparison,
        cacheKey,
        cached,
      });
    }
  }

  /** Records a comparison that ended without a call result (batch expiry, internal error). */
  recordFailure(planned: PlannedComparison, kind: FailureKind, message: string, attempts = 1): void {
    this.finish({ type: "failed", id: planned.id, round: planned.round, kind, message, attempts });
  }

  private async runOne(planned: PlannedComparison): Promise<void> {
    const prepared = this.prepare(planned);
    if (prepared === undefined || this.recordIfCached(prepared)) return;
    const { config } = this.options;
    let outcome: CallOutcome;
    try {
      outcome = await callWithRetries({
        judge: prepared.judge,
        request: prepared.request,
        limiter: this.judges.get(planned.judge)!.limiter,
        estimatedTokens: estimateRequestTokens(prepared.request) + config.expectedOutputTokens,
        retry: config.retries,
        timeoutMs: config.timeoutMs,
        random: this.random,
        abandon: this.options.abandon,
        onRetry: (notice) =>
          this.options.reporter?.report({
            type: "retry",
            id: planned.id,
            attempt: notice.attempt,
            delayMs: notice.delayMs,
            code: notice.error.code,
          }),
      });
    } catch (error) {
      this.recordFailure(planned, "internal", error instanceof Error ? error.message : String(error));
      return;
    }
    this.recordOutcome(prepared, outcome);
  }

  private count(kind: FailureKind, delta: number): void {
    const next = (this.failedByKind[kind] ?? 0) + delta;
    if (next <= 0) delete this.failedByKind[kind];
    else this.failedByKind[kind] = next;
  }

  private finish(record: RecordedResult | FailedResult): void {
    const { state, journal } = this.options;
    const previous = state.failed.get(record.id);
    if (previous !== undefined) this.count(previous.kind, -1);
    journal.append(record);
    state.apply(record);
    if (record.type === "failed") this.count(record.kind, 1);
    this.roundDone++;
    this.options.reporter?.report({
      type: "comparison",
      id: record.id,
      outcome: record.type === "recorded" ? "recorded" : record.kind,
      cached: record.cached === true,
      counters: this.counters(),
      roundDone: this.roundDone,
      roundTotal: this.roundTotal,
    });
  }
}
