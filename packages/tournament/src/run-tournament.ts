import type { JudgeTemplate, PairwiseJudge } from "@judgelab/judges";
import type { Item } from "@judgelab/schema";
import { ComparisonExecutor, type ExecutionOutcome } from "./comparison-executor.js";
import { expandMatches } from "./expand-matches.js";
import { IncrementalStandings } from "./incremental-standings.js";
import { itemsNeedingMatches } from "./item-convergence.js";
import { describeJudgeFailure } from "./judge-failure.js";
import { type PlanRoundOptions, planRound } from "./plan-round.js";
import { planTargetRound } from "./plan-target-round.js";
import { PriceTable } from "./price-table.js";
import type { ProgressReporter } from "./progress-events.js";
import { type BatchClient, runBatchRound } from "./run-batch-round.js";
import type { RunJournal } from "./run-journal.js";
import type { RoundRecord, StopReason } from "./run-records.js";
import { RunState } from "./run-state.js";
import type { TournamentConfig } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

/** Everything a run needs. Judges are built by the caller (the CLI resolves API keys; tests pass fakes). */
export interface RunTournamentOptions {
  readonly config: TournamentConfig;
  readonly items: readonly Item[];
  /** One judge per `config.judges` entry, matched by id. */
  readonly judges: readonly PairwiseJudge[];
  readonly template: JudgeTemplate;
  readonly journal: RunJournal;
  /** Stops scheduling: in-flight calls finish and are recorded; the run stays resumable (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Abandons in-flight calls too (a second Ctrl-C); they end as `aborted` failures and are retried on resume. */
  readonly abandonSignal?: AbortSignal;
  readonly reporter?: ProgressReporter;
  /** Batch client per judge id, used when `config.batch.enabled` (see `createBatchClients`). */
  readonly batchClients?: ReadonlyMap<string, BatchClient>;
  /** Clock for `createdAt` (tests). */
  readonly now?: () => Date;
}

/** What a run did. */
export interface TournamentRunSummary {
  readonly reason: StopReason;
  readonly rounds: number;
  readonly planned: number;
  readonly recorded: number;
  /** Comparisons whose latest attempt failed; they are retried on resume. */
  readonly failed: number;
  readonly failedByKind: Readonly<Record<string, number>>;
  /** Comparisons decided as final `invalid` (unparseable after every re-ask, or refused): counted, not retried. */
  readonly invalid: number;
  /** Planned comparisons with no outcome yet (interrupted or stopped by the budget). */
  readonly pending: number;
  readonly calls: number;
  readonly cacheHits: number;
  /** US dollars paid over the whole run folder (all invocations). */
  readonly spentUsd: number;
  /** The cap in US dollars (`budget.maxCostUsd`), when set; `spentUsd` never exceeds it. */
  readonly budgetUsd?: number;
  /** Judges the provider rejected (HTTP 401/403/404), with what to check; the run stopped with `judge-failed`. */
  readonly judgeFailures: readonly { readonly judge: string; readonly status?: number; readonly message: string }[];
  /** Set when the run folder was deleted or moved while running (reason `folder-gone`). */
  readonly folderProblem?: string;
  /** Problems found replaying the log (should be empty) and comparisons left waiting in open batches. */
  readonly problems: readonly string[];
}

/**
 * Runs (or resumes) a tournament. Rounds are planned from the seed and the ratings recomputed from the log in plan
 * order, and each round's plan is logged before its calls start; a round's comparisons then run concurrently.
 * Hence the set of comparisons and their ids is a function of the seed and the verdicts alone: a run killed at any
 * point and resumed ends with the same log content as an uninterrupted run. On resume, a logged plan is reused,
 * and only comparisons without a verdict (never attempted or failed) are called; cached responses are not paid for
 * twice.
 */
export async function runTournament(options: RunTournamentOptions): Promise<TournamentRunSummary> {
  const { config, journal, reporter } = options;
  const items = prepareTournamentItems(options.items, { byCategory: config.scheduler.byCategory });
  const state = RunState.fromRecords(journal.records);
  const executor = new ComparisonExecutor({
    config,
    items,
    judges: options.judges,
    template: options.template,
    journal,
    state,
    prices: new PriceTable(config.prices),
    ...(options.abandonSignal === undefined ? {} : { abandon: options.abandonSignal }),
    ...(reporter === undefined ? {} : { reporter }),
    now: options.now ?? (() => new Date()),
  });
  const judgeIds = config.judges.map((judge) => judge.id);
  reporter?.report({ type: "run-start", resumed: journal.records.length > 0, counters: executor.counters() });

  // Ratings continue from the previous round (newcomers of a growing tournament start at the prior); equal to a
  // full replay of the log, which it falls back to when a late verdict lands in an earlier round.
  const incremental = new IncrementalStandings();
  let reason: StopReason | undefined;
  let round = 0;
  const warnings: string[] = [];
  for (; reason === undefined; round++) {
    if (options.signal?.aborted) {
      reason = "interrupted";
      break;
    }
    if (round >= state.roundCount) {
      const planned = planNextRound({ config, state, items, incremental, judgeIds }, round);
      if (typeof planned === "string") {
        reason = planned;
        break;
      }
      journal.append(planned);
      state.apply(planned);
    }
    const outcome = await runRoundComparisons({ options, executor, state, round, warnings });
    reporter?.report({ type: "round-end", round, counters: executor.counters() });
    if (outcome !== "done") reason = outcome;
  }
  const finalReason = reason ?? "converged";
  if (finalReason !== "folder-gone") {
    journal.append({
      type: "stop",
      reason: finalReason,
      round,
      at: (options.now ?? (() => new Date()))().toISOString(),
    });
  }
  const counters = executor.counters();
  reporter?.report({ type: "run-end", reason: finalReason, counters });
  return summarizeRun({ config, state, executor, counters, reason: finalReason, warnings });
}

/**
 * Runs a round's comparisons without a verdict: online through the executor, or through provider batches when
 * batches are enabled (unparseable answers asked again in further passes). Comparisons waiting in an open batch
 * are never called online (that would pay twice); without batches they are left waiting, with a warning.
 */
async function runRoundComparisons(context: {
  options: RunTournamentOptions;
  executor: ComparisonExecutor;
  state: RunState;
  round: number;
  warnings: string[];
}): Promise<ExecutionOutcome> {
  const { options, executor, state, round, warnings } = context;
  const { config, journal, reporter } = options;
  const useBatches = config.batch.enabled && options.batchClients !== undefined;
  // Comparisons sitting in an open provider batch are never called online (that would pay twice).
  const inOpenBatch = new Set(
    [...state.openBatches.values()]
      .filter((batch) => batch.round === round)
      .flatMap((batch) => Object.values(batch.entries)),
  );
  if (!useBatches && inOpenBatch.size > 0) {
    warnings.push(
      `round ${round}: ${inOpenBatch.size} comparisons wait in an open provider batch; resume with batch.enabled to collect them`,
    );
  }
  const pending = state.pending(round).filter((planned) => useBatches || !inOpenBatch.has(planned.id));
  reporter?.report({
    type: "round-start",
    round,
    comparisons: state.rounds[round]?.length ?? 0,
    pending: pending.length,
  });
  if (useBatches && options.batchClients !== undefined) {
    let outcome: ExecutionOutcome;
    // A batch round collects answers all at once: unparseable ones are asked again in further passes.
    const batchClients = options.batchClients;
    const batchRound = () =>
      runBatchRound({
        executor,
        state,
        journal,
        round,
        clients: batchClients,
        pollIntervalMs: config.batch.pollIntervalMs,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(reporter === undefined ? {} : { reporter }),
      });
    outcome = await batchRound();
    for (let pass = 0; pass < config.onUnparseable.reask && outcome === "done"; pass++) {
      if (!state.pending(round).some((planned) => executor.needsReask(planned.id))) break;
      outcome = await batchRound();
    }
    return outcome;
  }
  return executor.runAll(pending, options.signal);
}

/** The run's summary: why it stopped, counts of comparisons by outcome, spending, judge failures, problems. */
function summarizeRun(run: {
  config: TournamentConfig;
  state: RunState;
  executor: ComparisonExecutor;
  counters: ReturnType<ComparisonExecutor["counters"]>;
  reason: StopReason;
  warnings: readonly string[];
}): TournamentRunSummary {
  const { config, state, executor, counters, warnings } = run;
  const failedByKind = counters.failedByKind as Record<string, number>;
  return {
    reason: run.reason,
    rounds: state.roundCount,
    planned: counters.planned,
    recorded: counters.recorded,
    failed: Object.values(failedByKind).reduce((sum, count) => sum + count, 0),
    failedByKind,
    invalid: state.invalid.size,
    pending:
      state.rounds.reduce((sum, comparisons) => sum + comparisons.length, 0) -
      counters.recorded -
      state.failed.size -
      state.invalid.size,
    calls: counters.calls,
    cacheHits: counters.cacheHits,
    spentUsd: state.spentUsd,
    ...(config.budget.maxCostUsd === undefined ? {} : { budgetUsd: config.budget.maxCostUsd }),
    judgeFailures: executor.judgeFailures().map((failure) => ({
      judge: failure.judge,
      ...(failure.status === undefined ? {} : { status: failure.status }),
      message: describeJudgeFailure(
        failure,
        config.judges.find((judge) => judge.id === failure.judge),
      ),
    })),
    ...(executor.folderGone === undefined ? {} : { folderProblem: executor.folderGone }),
    problems: [...state.problems.map((problem) => `log line ${problem.line}: ${problem.message}`), ...warnings],
  };
}

/** Why no new round may start, if any: round or match budget, or the cost budget. */
function nextRoundBlocker(config: TournamentConfig, state: RunState, round: number): StopReason | undefined {
  if (round >= config.stop.maxRounds) return "max-rounds";
  if (config.stop.maxMatches !== undefined && countMatches(state) >= config.stop.maxMatches) return "max-matches";
  if (config.budget.maxCostUsd !== undefined && state.spentUsd >= config.budget.maxCostUsd) return "budget";
  return undefined;
}

function countMatches(state: RunState): number {
  let count = 0;
  for (const round of state.rounds) {
    const seen = new Set<string>();
    for (const comparison of round ?? []) seen.add(comparison.matchId);
    count += seen.size;
  }
  return count;
}

/**
 * Plans round `round` from the standings replayed so far (the target scheduler's or the configured planner, capped
 * by `stop.maxMatches`) and expands it into its comparisons; or says why no round follows.
 */
function planNextRound(
  context: {
    config: TournamentConfig;
    state: RunState;
    items: ReturnType<typeof prepareTournamentItems>;
    incremental: IncrementalStandings;
    judgeIds: readonly string[];
  },
  round: number,
): RoundRecord | StopReason {
  const { config, state, items, incremental, judgeIds } = context;
  const blocker = nextRoundBlocker(config, state, round);
  if (blocker !== undefined) return blocker;
  const standings = incremental.update(state, items);
  const planOptions: PlanRoundOptions = {
    groups: items.groups,
    standings,
    scheduler: config.scheduler,
    stop: config.stop,
    round,
    seed: config.seed,
  };
  // The target scheduler's stop rule (precision target met) is checked on the same posterior it plans with.
  const targetPlan = config.scheduler.kind === "target" ? planTargetRound(planOptions) : undefined;
  let matches = targetPlan?.matches ?? planRound(planOptions);
  const matchesSoFar = countMatches(state);
  if (config.stop.maxMatches !== undefined) matches = matches.slice(0, config.stop.maxMatches - matchesSoFar);
  if (matches.length === 0) {
    // Converged when no item needs matches (or the precision target is met); otherwise the needy items have
    // met every possible opponent.
    const converged =
      targetPlan !== undefined
        ? targetPlan.met
        : config.scheduler.kind !== "round-robin" &&
          itemsNeedingMatches({ standings, groups: items.groups, stop: config.stop, topK: config.scheduler.topK })
            .length === 0;
    return converged ? "converged" : "plan-exhausted";
  }
  return {
    type: "round",
    round,
    comparisons: expandMatches({
      round,
      matches,
      itemIds: items.ids,
      judgeIds,
      order: config.order,
      assignment: config.assignment,
      repetitions: config.repetitions,
      seed: config.seed,
      matchOffset: matchesSoFar,
    }),
  };
}
