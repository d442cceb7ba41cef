import type { JudgeDescription, JudgeRequest, JudgeTemplate, PairwiseJudge } from "@judgelab/judges";
import { BudgetLedger, type BudgetReservation } from "./budget-ledger.js";
import { type CallOutcome, type CallWithRetriesOutcome, callWithRetries } from "./call-with-retries.js";
import { type JudgeFailure, judgeFailureOf } from "./judge-failure.js";
import { JudgeSetupError } from "./judge-setup-error.js";
import { estimateRequestTokens, maxRequestTokens, type PriceTable } from "./price-table.js";
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

/** A planned comparison ready to call: its judge, request, which ask it is, and the cache key of that ask. */
export interface PreparedComparison {
  readonly planned: PlannedComparison;
  readonly judge: PairwiseJudge;
  readonly request: JudgeRequest;
  readonly cacheKey: string;
  /** 0 for the first ask, 1… for re-asks after an unparseable answer. */
  readonly ask: number;
}

/**
 * How `runAll` ended: every comparison handled, or stopped early by an interrupt, the budget, a judge whose
 * credentials or model were rejected, or the run folder vanishing.
 */
export type ExecutionOutcome = "done" | "interrupted" | "budget" | "judge-failed" | "folder-gone";

/** Judge-side failures that are asked again (`onUnparseable.reask`); other judge-side failures are final at once. */
const REASKED_KINDS: ReadonlySet<string> = new Set(["unparseable", "empty"]);

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
 *
 * Money guards:
 * - hard budget: each call's worst-case cost (input-token upper bound + max output tokens, see
 *   `maxRequestTokens`) is reserved in a `BudgetLedger` before it is sent and settled once its cost is recorded;
 * - fail fast: the first HTTP 401/403 or 404 of a judge stops every further call of that judge (calls in flight
 *   end); the run then stops with `judge-failed`, so at most the concurrency limit's worth of requests is rejected;
 * - the run folder is checked before each call: once it was deleted or moved, nothing more is called.
 * Unparseable answers are asked again up to `onUnparseable.reask` times, each ask with its own cache key; then the
 * comparison is final `invalid`.
 */
export class ComparisonExecutor {
  private readonly judges = new Map<
    string,
    { judge: PairwiseJudge; description: JudgeDescription; limiter: ProviderLimiter; provider: string }
  >();
  private readonly limiters = new Map<string, ProviderLimiter>();
  private readonly random;
  private readonly failedByKind: Partial<Record<FailureKind, number>> = {};
  private readonly ledger: BudgetLedger;
  /** Worst-case cost inputs per judge: max output tokens (0 when unknown and no budget is set). */
  private readonly maxOutputTokens = new Map<string, number>();
  /** Judges whose credentials or model were rejected: nothing more is sent for them. */
  private readonly blocked = new Map<string, JudgeFailure>();
  /** Reservations of comparisons sitting in provider batches, by comparison id. */
  private readonly batchReservations = new Map<string, BudgetReservation>();
  private folderProblem: string | undefined;
  /** The first error thrown while recording (a full disk): nothing more is sent, and `runAll` rethrows it. */
  private writeFailure: unknown;
  private budgetExhausted = false;
  private signal: AbortSignal | undefined;
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
      const description = judge.describe();
      this.judges.set(judge.id, { judge, description, limiter, provider: judgeConfig.provider });
      const limit = description.parameters.maxOutputTokens ?? judgeConfig.maxOutputTokens;
      this.maxOutputTokens.set(judge.id, typeof limit === "number" ? limit : 0);
    }
    const problems = budgetProblems(options.config, options.judges, options.prices);
    if (problems.length > 0) throw new JudgeSetupError(problems.join("\n"));
    this.ledger = new BudgetLedger(options.config.budget.maxCostUsd, () => options.state.spentUsd);
    this.random = seededRandom(options.config.seed, "retry-jitter");
    for (const failure of options.state.failed.values()) this.count(failure.kind, 1);
  }

  /** Judges whose credentials or model were rejected in this invocation (see `JudgeFailure`). */
  judgeFailures(): JudgeFailure[] {
    return [...this.blocked.values()];
  }

  /** What happened to the run folder, once it was found deleted or moved. */
  get folderGone(): string | undefined {
    return this.folderProblem;
  }

  /** Whether another call may be sent for `judgeId` now (no stop, folder in place, judge not rejected). */
  private maySend(judgeId: string): boolean {
    if (this.writeFailure !== undefined) return false;
    if (this.signal?.aborted || this.options.abandon?.aborted || this.blocked.has(judgeId)) return false;
    if (this.folderProblem !== undefined) return false;
    this.folderProblem = this.options.journal.folderProblem?.();
    return this.folderProblem === undefined;
  }

  /** Worst-case cost of a call in US dollars (0 when no budget is set, or for free judges). */
  private worstCaseUsd(prepared: PreparedComparison, batch = false): number {
    if (this.options.config.budget.maxCostUsd === undefined) return 0;
    const entry = this.judges.get(prepared.planned.judge)!;
    return (
      this.options.prices.costOf({
        model: entry.description.model,
        provider: entry.description.provider,
        inputTokens: maxRequestTokens(prepared.request),
        outputTokens: this.maxOutputTokens.get(prepared.planned.judge) ?? 0,
        batch,
      }) ?? 0
    );
  }

  /**
   * Reserves a batch entry's worst case; false when it does not fit in the budget (the entry then stays pending).
   * `force` reserves entries already submitted (an open batch found on resume), whether or not they fit.
   */
  reserveBatchEntry(prepared: PreparedComparison, force = false): boolean {
    const amount = this.worstCaseUsd(prepared, true);
    const reservation = force ? this.ledger.forceReserve(amount) : this.ledger.tryReserve(amount);
    if (reservation === undefined) {
      this.budgetExhausted = true;
      return false;
    }
    this.batchReservations.get(prepared.planned.id)?.settle();
    this.batchReservations.set(prepared.planned.id, reservation);
    return true;
  }

  /** Gives back the reservations of batch entries that were never submitted. */
  releaseBatchEntry(id: string): void {
    this.batchReservations.get(id)?.settle();
    this.batchReservations.delete(id);
  }

  /** Current counters (for progress events and the summary). */
  counters(): ProgressCounters {
    const { state } = this.options;
    return {
      planned: state.rounds.reduce((sum, round) => sum + (round?.length ?? 0), 0),
      recorded: state.recorded.size,
      failedByKind: { ...this.failedByKind },
      invalid: state.invalid.size,
      cacheHits: this.cacheHits,
      calls: this.calls,
      spentUsd: state.spentUsd,
    };
  }

  /**
   * Runs the comparisons until done, interrupted (`signal`), out of budget, stopped by a rejected judge or by the
   * run folder vanishing; never starts a call after a stop.
   */
  async runAll(pending: readonly PlannedComparison[], signal?: AbortSignal): Promise<ExecutionOutcome> {
    this.startRound(pending.length);
    this.signal = signal;
    this.budgetExhausted = false;
    const queues = new Map<string, PlannedComparison[]>();
    for (const planned of pending) {
      const provider = this.judges.get(planned.judge)?.provider ?? "";
      const queue = queues.get(provider) ?? [];
      queue.push(planned);
      queues.set(provider, queue);
    }
    let interrupted = false;
    const worker = async (queue: PlannedComparison[]): Promise<void> => {
      for (;;) {
        if (this.budgetExhausted || this.folderProblem !== undefined) return;
        if (signal?.aborted || this.options.abandon?.aborted) {
          interrupted = true;
          return;
        }
        if (this.ledger.exhausted) {
          this.budgetExhausted = true;
          return;
        }
        if (this.writeFailure !== undefined) return;
        const next = queue.shift();
        if (next === undefined) return;
        if (this.blocked.has(next.judge)) continue; // left pending: the run stops with judge-failed
        try {
          await this.runOne(next);
        } catch (error) {
          // Recording failed (a full disk): stop every worker, let calls in flight end, then report it.
          this.writeFailure ??= error;
          return;
        }
      }
    };
    const workers: Promise<void>[] = [];
    for (const [provider, queue] of queues) {
      const limiter = this.limiters.get(provider);
      const count = Math.min(queue.length, limiter?.limits.concurrency ?? 1);
      for (let index = 0; index < count; index++) workers.push(worker(queue));
    }
    await Promise.all(workers);
    if (this.writeFailure !== undefined) throw this.writeFailure;
    if (this.folderProblem !== undefined) return "folder-gone";
    if (interrupted || signal?.aborted || this.options.abandon?.aborted) return "interrupted";
    if (this.blocked.size > 0) return "judge-failed";
    if (this.budgetExhausted) return "budget";
    return "done";
  }

  /**
   * The request and cache key of a planned comparison's next ask (see `nextAsk`), or undefined (after recording an
   * `internal` failure) when the plan names an unknown judge or item.
   */
  prepare(planned: PlannedComparison, ask = this.nextAsk(planned.id)): PreparedComparison | undefined {
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
      ask,
    });
    return { planned, judge: entry.judge, request, cacheKey, ask };
  }

  /**
   * Which ask a comparison is at: 0 when it never failed; after a judge-side failure that is asked again, the next
   * ask; after a transport failure, the same ask again (its answer may be cached).
   */
  nextAsk(id: string): number {
    const previous = this.options.state.failed.get(id);
    if (previous === undefined) return 0;
    return (previous.ask ?? 0) + (previous.comparison === undefined ? 0 : 1);
  }

  /**
   * Whether the comparison's latest answer was unparseable with re-asks left. A judge-side failure logged before
   * re-asks existed (never final) whose asks are used up is made final here, without a call.
   */
  needsReask(id: string): boolean {
    const previous = this.options.state.failed.get(id);
    if (previous?.comparison === undefined) return false;
    const ask = previous.ask ?? 0;
    if (REASKED_KINDS.has(previous.kind) && ask < this.options.config.onUnparseable.reask) return true;
    this.finish({ ...previous, final: true, cached: true, attempts: 0 });
    return false;
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
    const { planned, cacheKey, ask } = prepared;
    const cached = options.cached === true;
    const askField = ask === 0 ? {} : { ask };
    if (!cached) this.calls += outcome.attempts;
    if (outcome.type === "error") {
      const { error } = outcome;
      const rejected = judgeFailureOf(planned.judge, error);
      if (rejected !== undefined && !this.blocked.has(planned.judge)) this.blocked.set(planned.judge, rejected);
      this.finish({
        type: "failed",
        id: planned.id,
        round: planned.round,
        kind: error.code,
        attempts: outcome.attempts,
        message: error.message,
        ...(error.status === undefined ? {} : { status: error.status }),
        ...askField,
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
        ...askField,
      });
    } else {
      const reaskLeft = REASKED_KINDS.has(outcome.result.kind) && ask < this.options.config.onUnparseable.reask;
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
        ...askField,
        ...(reaskLeft ? {} : { final: true }),
      });
    }
  }

  /** Records a comparison that ended without a call result (batch expiry, internal error). */
  recordFailure(planned: PlannedComparison, kind: FailureKind, message: string, attempts = 1): void {
    this.finish({ type: "failed", id: planned.id, round: planned.round, kind, message, attempts });
  }

  /** One comparison: its next ask, and re-asks while the answer is unparseable and re-asks are left. */
  private async runOne(planned: PlannedComparison): Promise<void> {
    for (;;) {
      const prepared = this.prepare(planned);
      if (prepared === undefined) return;
      if (!this.recordIfCached(prepared)) {
        const sent = await this.call(prepared);
        if (!sent) return;
      }
      if (!this.needsReask(planned.id)) return;
    }
  }

  /** Reserves the worst case, calls, records, settles. False when nothing was called (stop, budget, rejection). */
  private async call(prepared: PreparedComparison): Promise<boolean> {
    const { planned } = prepared;
    if (!this.maySend(planned.judge)) return false;
    const reservation = await this.ledger.reserve(this.worstCaseUsd(prepared), () => !this.maySend(planned.judge));
    if (reservation === undefined) {
      if (this.maySend(planned.judge)) this.budgetExhausted = true;
      return false;
    }
    const { config } = this.options;
    try {
      let outcome: CallWithRetriesOutcome;
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
          beforeSend: () => this.maySend(planned.judge),
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
        return true;
      }
      if (outcome.type === "skipped") {
        this.calls += outcome.attempts;
        return false;
      }
      this.recordOutcome(prepared, outcome);
      return true;
    } finally {
      reservation.settle();
    }
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
    this.releaseBatchEntry(record.id);
    if (record.type === "failed" && record.final !== true) this.count(record.kind, 1);
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

/**
 * Why a budget cannot be enforced, if it cannot: with `budget.maxCostUsd`, every paid judge needs a price and a
 * max output token limit, or a call's worst case is unknown.
 */
export function budgetProblems(
  config: TournamentConfig,
  judges: readonly PairwiseJudge[],
  prices: PriceTable,
): string[] {
  if (config.budget.maxCostUsd === undefined) return [];
  const problems: string[] = [];
  for (const judgeConfig of config.judges) {
    const judge = judges.find((candidate) => candidate.id === judgeConfig.id);
    const description = judge?.describe();
    const model = description?.model ?? judgeConfig.model;
    const price = prices.priceOf(model, description?.provider ?? judgeConfig.provider);
    if (price === undefined) {
      problems.push(
        `judge "${judgeConfig.id}": budget.maxCostUsd needs a price for model "${model}": add it under prices: ` +
          "(inputPerMillion, outputPerMillion)",
      );
      continue;
    }
    if (price.outputPerMillion === 0 && price.inputPerMillion === 0) continue;
    const limit = description?.parameters.maxOutputTokens ?? judgeConfig.maxOutputTokens;
    if (typeof limit !== "number") {
      problems.push(
        `judge "${judgeConfig.id}": budget.maxCostUsd needs maxOutputTokens on the judge, so that each call's ` +
          "worst-case cost is known before it is sent (e.g. maxOutputTokens: 512)",
      );
    }
  }
  return problems;
}
