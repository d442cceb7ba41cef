export {
  AppendOnlyLog,
  type AppendOnlyLogOptions,
  DiskFullError,
  LogLineError,
  type LogRepair,
} from "./append-only-log.js";
export { BATCH_PROVIDERS } from "./batch-providers.js";
export { BudgetLedger, type BudgetReservation } from "./budget-ledger.js";
export { backoffDelayMs, type CallOutcome, callWithRetries, type RetryNotice } from "./call-with-retries.js";
export { budgetProblems, type ExecutionOutcome } from "./comparison-executor.js";
export { createBatchClients, createJudges, defaultApiKeyEnv, defaultApiKeyEnvs } from "./create-judges.js";
export { createRunManifest } from "./create-run-manifest.js";
export { createSimulatedJudgeForConfig } from "./create-simulated-judge-for-config.js";
export { estimateRun, type JudgeEstimate, type RunEstimate } from "./estimate-run.js";
export { type ExpandMatchesOptions, expandMatches } from "./expand-matches.js";
export { exportRunDataset, exportRunDatasetFromLog, judgeRecordOf } from "./export-run-dataset.js";
export { formatDuration, formatProgress, type ProgressSnapshot } from "./format-progress.js";
export {
  ADDED_ITEMS_FILE,
  type GrowingItems,
  GrowingItemsError,
  type ItemAddition,
  type ItemListEntry,
  readKeptItems,
  readStoredManifest,
  recordItemAdditions,
  resolveGrowingItems,
} from "./growing-items.js";
export { hashedNormal } from "./hashed-normal.js";
export { IncrementalStandings } from "./incremental-standings.js";
export { itemsNeedingMatches, needsMatches, type StopRules, wilsonHalfWidth } from "./item-convergence.js";
export { joinSeedPagePapers } from "./join-seed-page-papers.js";
export { describeJudgeFailure, type JudgeFailure, judgeFailureOf } from "./judge-failure.js";
export { JudgeSetupError } from "./judge-setup-error.js";
export { ItemsSourceError, loadTournamentItems } from "./load-tournament-items.js";
export { paperTournamentPreset } from "./paper-tournament-preset.js";
export {
  type ConfigProblem,
  loadTournamentConfig,
  parseTournamentConfig,
  TournamentConfigError,
} from "./parse-tournament-config.js";
export { type PlanRoundOptions, planRound, type SchedulerSettings } from "./plan-round.js";
export {
  DEFAULT_PRICES,
  DEFAULT_PRICES_DATE,
  estimateTokens,
  maxRequestTokens,
  PROMPT_OVERHEAD_TOKENS,
  PriceTable,
} from "./price-table.js";
export type { ProgressCounters, ProgressEvent, ProgressReporter } from "./progress-events.js";
export { ProviderLimiter, type ProviderLimits } from "./provider-limiter.js";
export { type RunFolder, readRunFolder } from "./read-run-folder.js";
export { resolveTemplate } from "./resolve-template.js";
export { type CacheKeyParts, itemContentHash, ResponseCache, responseCacheKey } from "./response-cache.js";
export { type BatchClient, type RunBatchRoundOptions, runBatchRound } from "./run-batch-round.js";
export { createMemoryJournal, type ResponseStore, type RunJournal } from "./run-journal.js";
export { RunLock, RunLockedError, type RunLockHolder, type RunLockOptions } from "./run-lock.js";
export type {
  BatchDoneRecord,
  BatchRecord,
  FailedResult,
  FailureKind,
  PlannedComparison,
  RecordedResult,
  RoundRecord,
  RunLogRecord,
  StopReason,
  StopRecord,
} from "./run-records.js";
export { comparisonsInPlanOrder, RunState } from "./run-state.js";
export {
  RunExistsError,
  RunIdentityError,
  type RunManifest,
  RunStore,
  type RunStoreOptions,
} from "./run-store.js";
export { type RunTournamentOptions, runTournament, type TournamentRunSummary } from "./run-tournament.js";
export { seededRandom, shuffled } from "./seeded-random.js";
export { PAPER_ASSESSOR, simulatePaperAssessments } from "./simulate-paper-assessments.js";
export { AUDIT_PAPERS, simulateReliabilityAudit } from "./simulate-reliability-audit.js";
export {
  type SimulatedTournament,
  type SimulateTournamentOptions,
  simulateTournament,
} from "./simulate-tournament.js";
export { hashValue, sha256Hex, stableStringify } from "./stable-hash.js";
export { StandingsAccumulator } from "./standings-accumulator.js";
export { createSyntheticItems } from "./synthetic-items.js";
export { thinItems } from "./thin-items.js";
export { TokenBucket } from "./token-bucket.js";
export {
  type JudgeConfig,
  type LimitConfig,
  type ModelPrice,
  type Provider,
  type SchedulerKind,
  schedulerKindSchema,
  schedulerSchema,
  stopSchema,
  type TournamentConfig,
  type TournamentConfigInput,
  tournamentConfigSchema,
} from "./tournament-config.js";
export { prepareTournamentItems, type TournamentItems, TournamentItemsError } from "./tournament-items.js";
export {
  computeStandings,
  conservativeScore,
  type Game,
  matchQuality,
  type Standings,
  topItems,
} from "./tournament-standings.js";
