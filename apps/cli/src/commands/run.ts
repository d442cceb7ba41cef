import { existsSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import {
  createBatchClients,
  createJudges,
  createRunManifest,
  estimateRun,
  exportRunDataset,
  formatProgress,
  ItemsSourceError,
  JudgeSetupError,
  loadTournamentConfig,
  loadTournamentItems,
  PriceTable,
  type ProgressEvent,
  type ProgressReporter,
  prepareTournamentItems,
  type RunEstimate,
  RunIdentityError,
  RunStore,
  readRunFolder,
  resolveTemplate,
  runTournament,
  TournamentConfigError,
} from "@judgelab/tournament";
import { type CliIo, type Command, ExitCode, UsageError } from "../cli-io.js";
import { describeStopReason } from "../describe-stop-reason.js";
import { parseOptions } from "../parse-options.js";

const HELP = `Usage: judgelab run <config.yaml> [--dry-run] [--resume] [--json]

Runs a pairwise tournament against real (or simulated) judges as described by a YAML config; examples per
provider are in apps/cli/examples/. API keys come from the environment variable each judge names with apiKeyEnv
(default OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or else GOOGLE_API_KEY); they are never written to the
run folder.

The run folder (runDir in the config, relative to the config file) holds run.json (config snapshot and hashes),
log.jsonl (append-only: one line per planned round and per finished comparison, with usage, cost and raw response),
cache.jsonl (responses by a hash of provider, model, parameters, template, items in presented order and
repetition; cacheFile: in the config shares one cache between runs) and dataset/ (the comparisons so far as a canonical dataset, rewritten after every run; what
\`judgelab report <run-dir>\` reads). A run can be killed at any moment: --resume continues it, calling only what is missing or failed,
never paying twice for a cached response; a torn last line is repaired and reported.

Ctrl-C stops scheduling and lets in-flight calls finish; a second Ctrl-C abandons them (logged as aborted, called
again on resume); either way the log is complete and --resume continues the run. A third Ctrl-C exits at once.

--dry-run  estimate calls, tokens (characters/4) and cost from the price table; no call is made
--resume   continue an existing run folder (without it, a folder that already has results is refused)
--json     prints the summary as JSON: {"runDir", "reason", "rounds", "planned", "recorded", "failed",
           "failedByKind", "pending", "calls", "cacheHits", "spentUsd", "repairedBytes", "problems", "dataset"};
           with --dry-run: {"dryRun": true, "estimate": {matches, exact, calls, inputTokens, outputTokens,
           costUsd, judges: [...], modelsWithoutPrice, method}}
Exit: 0 finished with every comparison recorded; 1 interrupted or some comparisons failed (resume retries them);
2 usage or config error.
`;

/** `judgelab run`: runs or resumes a tournament. */
export const runCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "run",
    argv,
    help: HELP,
    options: { "dry-run": { type: "boolean" }, resume: { type: "boolean" }, json: { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError("give one config file, e.g. `judgelab run tournament.yaml`");
  const file = resolve(io.cwd, positionals[0] as string);
  const dryRun = values["dry-run"] === true;
  const prepared = await prepare(file, io, { withJudges: !dryRun });
  const { config, items, template, judges } = prepared;
  if (dryRun) {
    const estimate = estimateRun({ config, items, template, prices: new PriceTable(config.prices) });
    io.stdout(
      values.json === true ? `${JSON.stringify({ dryRun: true, estimate }, null, 2)}\n` : formatEstimate(estimate),
    );
    return ExitCode.ok;
  }
  const runDir = isAbsolute(config.runDir) ? config.runDir : resolve(prepared.baseDir, config.runDir);
  const logPath = join(runDir, "log.jsonl");
  if (values.resume !== true && existsSync(logPath) && statSync(logPath).size > 0) {
    throw new UsageError(`${runDir} already holds a run; pass --resume to continue it, or set another runDir`);
  }
  let store: RunStore;
  try {
    const cacheFile = config.cacheFile;
    const cachePath =
      cacheFile === undefined ? undefined : isAbsolute(cacheFile) ? cacheFile : resolve(prepared.baseDir, cacheFile);
    store = RunStore.open(
      runDir,
      createRunManifest({ config, items, template, judges }),
      cachePath === undefined ? {} : { cachePath },
    );
  } catch (error) {
    if (error instanceof RunIdentityError) throw new UsageError(error.message);
    throw error;
  }
  for (const [name, repair] of Object.entries(store.repairs)) {
    if (repair.truncatedBytes > 0) {
      io.stderr(
        `repaired ${name}.jsonl: removed a torn last line (${repair.truncatedBytes} bytes, line ${repair.tornLine})\n`,
      );
    }
  }
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
  } finally {
    progress.finish();
    store.close();
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
  if (values.json === true) io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  else {
    const failures = Object.entries(summary.failedByKind).map(([kind, count]) => `${kind} ${count}`);
    io.stdout(
      `${runDir}: ${describeStopReason(summary.reason)}\n${summary.recorded}/${summary.planned} comparisons recorded in ${summary.rounds} rounds, ` +
        `${summary.failed} failed${failures.length > 0 ? ` (${failures.join(", ")})` : ""}, ${summary.pending} pending; ` +
        `${summary.calls} calls, ${summary.cacheHits} cache hits, $${summary.spentUsd.toFixed(4)} spent; ` +
        `dataset in ${exported.dir}\n`,
    );
    for (const problem of summary.problems) io.stderr(`warning: ${problem}\n`);
  }
  const unfinished = summary.reason === "interrupted" || summary.failed > 0 || summary.pending > 0;
  if (unfinished && values.json !== true) {
    const abandoned = summary.failedByKind.aborted ?? 0;
    const why =
      summary.reason === "budget"
        ? "the budget is spent: raise budget.maxCostUsd, then"
        : summary.reason === "interrupted"
          ? `interrupted${abandoned > 0 ? ` (${abandoned} in-flight calls abandoned)` : ""}:`
          : summary.failed > 0
            ? `${summary.failed} comparisons failed (see log.jsonl):`
            : "stopped before the end:";
    io.stderr(`${why} run \`judgelab run ${positionals[0]} --resume\` to call only what is missing or failed\n`);
  }
  return unfinished ? ExitCode.failure : ExitCode.ok;
};

/**
 * Loads and checks everything before any call: config, items, template, and (unless only estimating) the judges,
 * with their keys from the environment.
 */
async function prepare(file: string, io: CliIo, options: { withJudges: boolean }) {
  try {
    const { config, baseDir } = await loadTournamentConfig(file);
    const records = await loadTournamentItems(config, baseDir);
    const items = prepareTournamentItems(records, { byCategory: config.scheduler.byCategory });
    const template = await resolveTemplate(config, baseDir);
    const apiKeyOf = (variable: string) => io.env[variable];
    const judges = options.withJudges ? await createJudges({ config, items: items.judgeItems, apiKeyOf, baseDir }) : [];
    const batchClients =
      options.withJudges && config.batch.enabled ? createBatchClients({ config, apiKeyOf }) : undefined;
    return { config, baseDir, records, items, template, judges, batchClients };
  } catch (error) {
    if (
      error instanceof TournamentConfigError ||
      error instanceof ItemsSourceError ||
      error instanceof JudgeSetupError
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function formatEstimate(estimate: RunEstimate): string {
  const lines = [
    `${estimate.exact ? "" : "at most "}${estimate.matches} matches, ${estimate.calls} calls, ` +
      `~${estimate.inputTokens} input + ${estimate.outputTokens} output tokens, ~$${estimate.costUsd.toFixed(2)}`,
    ...estimate.judges.map(
      (judge) =>
        `  ${judge.judge} (${judge.model}): ${judge.calls} calls, ~${judge.inputTokens}+${judge.outputTokens} tokens, ` +
        (judge.costUsd === undefined ? "no price" : `~$${judge.costUsd.toFixed(2)}`),
    ),
    `method: ${estimate.method}`,
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
