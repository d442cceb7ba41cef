import { isAbsolute, resolve } from "node:path";
import {
  budgetProblems,
  createBatchClients,
  createJudges,
  createRunManifest,
  DiskFullError,
  estimateRun,
  exportRunDataset,
  formatProgress,
  GrowingItemsError,
  ItemsSourceError,
  JudgeSetupError,
  LogLineError,
  loadTournamentConfig,
  loadTournamentItems,
  PriceTable,
  type ProgressEvent,
  type ProgressReporter,
  prepareTournamentItems,
  type RunEstimate,
  RunExistsError,
  RunIdentityError,
  RunLockedError,
  RunStore,
  readKeptItems,
  readRunFolder,
  readStoredManifest,
  recordItemAdditions,
  resolveGrowingItems,
  resolveTemplate,
  runTournament,
  TournamentConfigError,
} from "@judgelab/tournament";
import { type CliIo, type Command, ExitCode, UsageError } from "../cli-io.js";
import { describeStopReason } from "../describe-stop-reason.js";
import { parseOptions } from "../parse-options.js";

const HELP = `Usage: judgelab run <config.yaml> [--dry-run] [--resume] [--add-items FILE] [--json]

Runs a pairwise tournament against real (or simulated) judges as described by a YAML config; examples per
provider are in apps/cli/examples/. API keys come from the environment variable each judge names with apiKeyEnv
(default OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or else GOOGLE_API_KEY); they are never written to the
run folder. A named variable that is unset stops the run before any request; an openai-compatible judge must name
one, or say apiKeyEnv: none for a server without keys.

The run folder (runDir in the config, relative to the config file) holds run.json (config snapshot and hashes),
log.jsonl (append-only: one line per planned round and per finished comparison, with usage, cost and raw response),
cache.jsonl (responses by a hash of provider, model, parameters, template, items in presented order, repetition
and re-ask number; cacheFile: in the config shares one cache between runs), run.lock (held while a runner works
on the folder) and dataset/ (the comparisons so far as a canonical dataset, rewritten after every run). A run can
be killed at any moment: --resume continues it, calling only what is not decided yet, never paying twice for a
cached response; a torn last line is repaired and reported. Secrets in a baseURL (user:key@, api-key=, key=,
token=) are redacted in everything written.

Safety:
- one runner per folder: a second one exits 2 naming the holder's process id and host; a lock left by a process
  that is gone (killed) is taken over with a warning;
- the first HTTP 401/403 (credentials) or 404 (model or endpoint) of a judge stops all further calls of that judge:
  at most the concurrency limit's worth of requests goes out, and the run exits 2 naming what to check;
- budget.maxCostUsd is a hard cap: each call's worst case (prompt bytes + 512 input tokens, maxOutputTokens output,
  at the model's price) is reserved before it is sent and settled after, so the spend never exceeds the cap at any
  concurrency; a budget needs a price and maxOutputTokens for every paid judge;
- a run folder deleted or moved while running stops the run at once (exit 1, nothing more is called).

An answer without a readable verdict is asked again up to onUnparseable.reask times (default 2; each re-ask is a
fresh call with its own cache key, and every raw answer stays in the log); after that the comparison is final
invalid: recorded, counted, never called again. A refusal is final invalid at once.

Ctrl-C stops scheduling and lets in-flight calls finish; a second Ctrl-C abandons them (logged as aborted, called
again on resume); either way the log is complete and --resume continues the run. A third Ctrl-C exits at once.

--dry-run  estimate calls, tokens (characters/4) and cost from the price table, beside the worst case (the longest
           prompt's bytes + 512 input tokens and each judge's maxOutputTokens per call); no call is made
--resume   continue an existing run folder (without it, a folder that already has results is refused)
--add-items FILE  a growing tournament: items (JSONL, one item per line) join the existing run (implies --resume).
           Items appended to the configured items source join it the same way. run.json keeps the item list
           append-only (items, itemAdditions) and the run's identity is that of its first items, so every earlier
           judgment and cached answer stays valid; items from FILE are kept in the run folder's
           items-added.jsonl for later resumes. Newcomers get their matches first (most uncertain first,
           alternating a quality-matched established opponent and another newcomer). A changed, removed or
           reordered earlier item is refused (exit 2).
--json     prints the summary as JSON: {"runDir", "reason", "rounds", "planned", "recorded", "failed",
           "failedByKind", "invalid", "pending", "calls", "cacheHits", "spentUsd", "budgetUsd", "judgeFailures",
           "repairedBytes", "problems", "dataset"}; with --dry-run: {"dryRun": true, "estimate": {matches, exact,
           calls, inputTokens, outputTokens, costUsd, worstCaseUsd, maxInputTokensPerCall, judges: [...],
           modelsWithoutPrice, method}}
Exit: 0 every comparison decided (a verdict or final invalid); 1 interrupted, stopped by the budget, some
comparisons failed in transport (--resume calls them again), or the run folder vanished; 2 usage or config error,
a run folder in use by another runner, or a judge whose key or model the provider rejected.
`;

/** `judgelab run`: runs or resumes a tournament. */
export const runCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "run",
    argv,
    help: HELP,
    options: {
      "dry-run": { type: "boolean" },
      resume: { type: "boolean" },
      "add-items": { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) throw new UsageError("give one config file, e.g. `judgelab run tournament.yaml`");
  const file = resolve(io.cwd, positionals[0] as string);
  const dryRun = values["dry-run"] === true;
  const addItems = values["add-items"] === undefined ? undefined : resolve(io.cwd, values["add-items"]);
  const prepared = await prepare(file, io, { withJudges: !dryRun, addItems });
  const { config, items, template, judges } = prepared;
  if (dryRun) {
    const estimate = estimateRun({ config, items, template, prices: new PriceTable(config.prices) });
    io.stdout(
      values.json === true ? `${JSON.stringify({ dryRun: true, estimate }, null, 2)}\n` : formatEstimate(estimate),
    );
    return ExitCode.ok;
  }
  const { runDir } = prepared;
  const store = openRunStore(prepared, values.resume === true || addItems !== undefined);
  warnLockTakenOver(io, runDir, store.lockTakenOver);
  recordItemAdditions({ runDir, manifest: store.manifest, growing: prepared.growing });
  if (prepared.growing.newcomers.length > 0 && values.json !== true) {
    io.stderr(
      `${prepared.growing.newcomers.length} items join the run (${prepared.growing.list.length} in all); they get their matches first\n`,
    );
  }
  reportRepairs(io, store.repairs);
  const progress = createProgressPrinter(io, values.json === true);
  let summary: Awaited<ReturnType<typeof runTournament>>;
  try {
    summary = await runTournament({
      config,
      items: prepared.records,
      judges,
      template,
      journal: store,
      signal: io.signal,
      abandonSignal: io.abandonSignal,
      reporter: progress,
      ...(prepared.batchClients === undefined ? {} : { batchClients: prepared.batchClients }),
    });
  } catch (error) {
    progress.finish();
    closeQuietly(store);
    if (!(error instanceof DiskFullError)) throw error;
    io.stderr(`${error.message}\n`);
    return ExitCode.failure;
  }
  progress.finish();
  store.close();
  if (summary.reason === "folder-gone") {
    // Nothing is written any more: a dataset would recreate the folder at its old place.
    reportFolderGone(io, runDir, summary, values.json === true);
    return ExitCode.failure;
  }
  const exported = await exportRunDataset({
    runDir,
    manifest: store.manifest,
    items: prepared.records,
    judges,
    records: readRunFolder(runDir).records,
  });
  const output = {
    runDir,
    ...summary,
    repairedBytes: store.repairs.log.truncatedBytes + store.repairs.cache.truncatedBytes,
    dataset: exported.dir,
  };
  printRunSummary(io, output, values.json === true);
  if (summary.judgeFailures.length > 0) {
    for (const failure of summary.judgeFailures) io.stderr(`${failure.message}\n`);
    io.stderr("nothing more was sent to these judges; fix the above, then resume with --resume\n");
    return ExitCode.usage;
  }
  const unfinished = summary.reason === "interrupted" || summary.failed > 0 || summary.pending > 0;
  if (unfinished && values.json !== true) io.stderr(describeUnfinished(summary, positionals[0] as string));
  return unfinished ? ExitCode.failure : ExitCode.ok;
};

/** Closes a store whose disk is full (closing syncs, which may fail too; the log holds only whole lines). */
function closeQuietly(store: RunStore): void {
  try {
    store.close();
  } catch {
    // nothing more can be written; the next open repairs whatever is left
  }
}

/**
 * Loads and checks everything before any call: config, items, template, and (unless only estimating) the judges,
 * with their keys from the environment.
 */
async function prepare(file: string, io: CliIo, options: { withJudges: boolean; addItems: string | undefined }) {
  try {
    const { config, baseDir } = await loadTournamentConfig(file);
    const runDir = isAbsolute(config.runDir) ? config.runDir : resolve(baseDir, config.runDir);
    const configured = await loadTournamentItems(config, baseDir);
    const added =
      options.addItems === undefined
        ? undefined
        : await loadTournamentItems({ ...config, items: { file: options.addItems } }, io.cwd);
    // A growing tournament: the run folder's append-only item list, then newcomers (source appends, --add-items).
    const growing = resolveGrowingItems({
      stored: readStoredManifest(runDir),
      configured,
      kept: readKeptItems(runDir),
      ...(added === undefined ? {} : { added }),
    });
    const records = [...growing.records];
    const items = prepareTournamentItems(records, { byCategory: config.scheduler.byCategory });
    const template = await resolveTemplate(config, baseDir);
    const apiKeyOf = (variable: string) => io.env[variable];
    const judges = options.withJudges ? await createJudges({ config, items: items.judgeItems, apiKeyOf, baseDir }) : [];
    const batchClients =
      options.withJudges && config.batch.enabled ? createBatchClients({ config, apiKeyOf }) : undefined;
    if (options.withJudges) {
      const problems = budgetProblems(config, judges, new PriceTable(config.prices));
      if (problems.length > 0) throw new JudgeSetupError(problems.join("\n"));
    }
    return { config, baseDir, runDir, records, items, growing, template, judges, batchClients };
  } catch (error) {
    if (
      error instanceof TournamentConfigError ||
      error instanceof ItemsSourceError ||
      error instanceof JudgeSetupError ||
      error instanceof GrowingItemsError
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function formatEstimate(estimate: RunEstimate): string {
  const worst = (usd: number | undefined) =>
    usd === undefined ? "unbounded (no maxOutputTokens)" : `$${usd.toFixed(2)}`;
  const lines = [
    `${estimate.exact ? "" : "at most "}${estimate.matches} matches, ${estimate.calls} calls, ` +
      `~${estimate.inputTokens} input + ${estimate.outputTokens} output tokens, ~$${estimate.costUsd.toFixed(2)} ` +
      `estimated, worst case ${worst(estimate.worstCaseUsd)}`,
    ...estimate.judges.map(
      (judge) =>
        `  ${judge.judge} (${judge.model}): ${judge.calls} calls, ~${judge.inputTokens}+${judge.outputTokens} tokens, ` +
        (judge.costUsd === undefined
          ? "no price"
          : `~$${judge.costUsd.toFixed(2)} estimated${judge.batch ? " at the batch price" : ""}, ` +
            `worst case ${worst(judge.worstCaseUsd)}`) +
        ` (max ${estimate.maxInputTokensPerCall} input + ${judge.maxOutputTokens ?? "unlimited"} output tokens per call)`,
    ),
    `method: ${estimate.method}; worst case: longest prompt in UTF-8 bytes + 512 input tokens and maxOutputTokens per call`,
  ];
  if (estimate.modelsWithoutPrice.length > 0) {
    lines.push(`no price for ${estimate.modelsWithoutPrice.join(", ")}: add them under prices: in the config`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Renders progress events: on a TTY one line redrawn in place at most every 100 ms; otherwise a plain line per
 * round and at most every 5 s. Silent with --json (the summary is the output).
 */
function createProgressPrinter(io: CliIo, quiet: boolean): ProgressReporter & { finish(): void } {
  const started = Date.now();
  let finished = 0;
  let lastDraw = 0;
  let round = 0;
  let drawn = false;
  const draw = (event: Extract<ProgressEvent, { type: "comparison" }>, force: boolean): void => {
    const now = Date.now();
    const interval = io.isTty ? 100 : 5000;
    if (!force && now - lastDraw < interval) return;
    lastDraw = now;
    const line = formatProgress(
      {
        counters: event.counters,
        round,
        roundDone: event.roundDone,
        roundTotal: event.roundTotal,
        elapsedMs: now - started,
        finished,
      },
      io.isTty ? 24 : 0,
    );
    if (io.isTty) {
      io.stderr(`\r\x1b[2K${line}`);
      drawn = true;
    } else io.stderr(`${line}\n`);
  };
  let last: Extract<ProgressEvent, { type: "comparison" }> | undefined;
  return {
    report(event) {
      if (quiet) return;
      if (event.type === "round-start") round = event.round;
      if (event.type === "comparison") {
        finished++;
        last = event;
        draw(event, event.roundDone === event.roundTotal);
      }
      if (event.type === "batch-status") {
        if (io.isTty && drawn) io.stderr("\r\x1b[2K");
        io.stderr(
          `batch ${event.batchId} (${event.judge}): ${event.state}, ${event.succeeded + event.failed}/${event.total} done` +
            `${event.failed > 0 ? `, ${event.failed} failed` : ""}\n`,
        );
      }
      if (event.type === "retry" && !io.isTty && event.attempt === 1 && event.code === "rate-limited") {
        io.stderr(`rate limited (${event.id}); backing off ${Math.round(event.delayMs)} ms\n`);
      }
    },
    finish() {
      if (quiet) return;
      if (last !== undefined && io.isTty) draw(last, true);
      if (drawn) io.stderr("\n");
    },
  };
}

/** Opens (or creates) the run folder's store; identity, lock and log problems are usage errors (exit 2). */
function openRunStore(prepared: Prepared, resume: boolean): RunStore {
  try {
    const { config, items, template, judges } = prepared;
    const cacheFile = config.cacheFile;
    const cachePath =
      cacheFile === undefined ? undefined : isAbsolute(cacheFile) ? cacheFile : resolve(prepared.baseDir, cacheFile);
    return RunStore.open(
      prepared.runDir,
      createRunManifest({
        config,
        items,
        template,
        judges,
        itemsHash: prepared.growing.baseItemsHash,
        itemList: prepared.growing.list,
      }),
      {
        // --add-items joins an existing run, so it resumes too.
        existing: resume ? "resume" : "refuse",
        ...(cachePath === undefined ? {} : { cachePath }),
      },
    );
  } catch (error) {
    if (
      error instanceof RunIdentityError ||
      error instanceof RunLockedError ||
      error instanceof RunExistsError ||
      error instanceof LogLineError
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

/** Says what opening the log and cache repaired: torn last lines removed, corrupted cache lines skipped. */
function reportRepairs(io: CliIo, repairs: RunStore["repairs"]): void {
  for (const [name, repair] of Object.entries(repairs)) {
    if (repair.truncatedBytes > 0) {
      io.stderr(
        `repaired ${name}.jsonl: removed a torn last line (${repair.truncatedBytes} bytes, line ${repair.tornLine})\n`,
      );
    }
    const skipped = repair.skippedLines ?? [];
    if (skipped.length > 0) {
      io.stderr(
        `warning: ${name}.jsonl: skipped ${skipped.length} corrupted line(s) (${skipped.slice(0, 5).join(", ")}` +
          `${skipped.length > 5 ? ", …" : ""}); the cache is derived data, so at worst those answers are paid again\n`,
      );
    }
  }
}

type RunSummary = Awaited<ReturnType<typeof runTournament>>;
type Prepared = Awaited<ReturnType<typeof prepare>>;

/** The run's summary on stdout (JSON with --json), and its problems as warnings. */
function printRunSummary(
  io: CliIo,
  output: RunSummary & { runDir: string; repairedBytes: number; dataset: string },
  json: boolean,
): void {
  const { runDir, ...summary } = output;
  if (json) io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  else {
    const failures = Object.entries(summary.failedByKind).map(([kind, count]) => `${kind} ${count}`);
    io.stdout(
      `${runDir}: ${describeStopReason(summary.reason)}\n${summary.recorded}/${summary.planned} comparisons recorded in ${summary.rounds} rounds, ` +
        `${summary.invalid} final invalid, ` +
        `${summary.failed} failed${failures.length > 0 ? ` (${failures.join(", ")})` : ""}, ${summary.pending} pending; ` +
        `${summary.calls} calls, ${summary.cacheHits} cache hits, $${summary.spentUsd.toFixed(4)} spent` +
        `${summary.budgetUsd === undefined ? "" : ` of $${summary.budgetUsd} budget`}; dataset in ${output.dataset}\n`,
    );
    for (const problem of summary.problems) io.stderr(`warning: ${problem}\n`);
  }
}

/** Why the run is not finished and how to continue it. */
function describeUnfinished(summary: RunSummary, configArgument: string): string {
  const abandoned = summary.failedByKind.aborted ?? 0;
  const why =
    summary.reason === "budget"
      ? `the budget is spent (the next call's worst case no longer fits under $${summary.budgetUsd}): raise budget.maxCostUsd, then`
      : summary.reason === "interrupted"
        ? `interrupted${abandoned > 0 ? ` (${abandoned} in-flight calls abandoned)` : ""}:`
        : summary.failed > 0
          ? `${summary.failed} comparisons failed in transport (see log.jsonl):`
          : "stopped before the end:";
  return (
    `${why} run \`judgelab run ${configArgument} --resume\` to call what is not decided yet (final invalid ` +
    "answers are not asked again)\n"
  );
}

/** A lock left by a process that is gone was taken over: say whose. */
function warnLockTakenOver(io: CliIo, runDir: string, stale: RunStore["lockTakenOver"]): void {
  if (stale !== undefined) {
    io.stderr(
      `warning: took over the lock of ${runDir} from process ${stale.pid} on ${stale.host} (started ` +
        `${stale.startedAt}), which is no longer running\n`,
    );
  }
}

/** The run folder vanished while running: what was recorded and how to go on. */
function reportFolderGone(io: CliIo, runDir: string, summary: RunSummary, json: boolean): void {
  if (json) io.stdout(`${JSON.stringify({ runDir, ...summary }, null, 2)}\n`);
  io.stderr(
    `${summary.folderProblem}: stopped at once (${summary.recorded}/${summary.planned} comparisons recorded, ` +
      `$${summary.spentUsd.toFixed(4)} spent). Calls still in flight were logged to the moved or deleted files. ` +
      "If you moved the folder, point runDir at its new place and resume; if you deleted it, start again.\n",
  );
}
