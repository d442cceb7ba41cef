import { resolve } from "node:path";
import { ImportInputError, prepareOutputFolder } from "@judgelab/importers";
import {
  ItemsSourceError,
  JudgeSetupError,
  loadTournamentConfig,
  simulateTournament,
  TournamentConfigError,
} from "@judgelab/tournament";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { describeStopReason } from "../describe-stop-reason.js";
import { parseOptions } from "../parse-options.js";

const HELP = `Usage: judgelab simulate <config.yaml> --out <dataset-dir> [--force] [--json]

Runs a tournament with simulated judges only (no network, no API key) through the same scheduler and runner as
\`judgelab run\`, and writes a canonical dataset folder (dataset.json, items.jsonl, judges.jsonl,
comparisons.jsonl). Every judge in the config must have provider: simulated (see apps/cli/examples/simulated.yaml).
Items need a latent quality in metadata.quality, or use items: {synthetic: {count: 300}}. The same config and
seed write the same dataset.

--out    the dataset folder to write (created; must be empty unless --force, as for \`judgelab import\`)
--force  replace the dataset files in an existing folder (other files are left alone)
--json   prints {"out", "items", "judges", "comparisons", "rounds", "reason", "failedByKind", "seconds"}
`;

/** `judgelab simulate`: a simulated tournament written as a dataset. */
export const simulateCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "simulate",
    argv,
    help: HELP,
    options: { out: { type: "string" }, force: { type: "boolean" }, json: { type: "boolean" } },
  });
  if (positionals.length !== 1)
    throw new UsageError("give one config file, e.g. `judgelab simulate sim.yaml --out sim`");
  if (values.out === undefined) throw new UsageError("--out <dataset-dir> is required: where to write the dataset");
  const file = resolve(io.cwd, positionals[0] as string);
  const out = resolve(io.cwd, values.out);
  let loaded: Awaited<ReturnType<typeof loadTournamentConfig>>;
  try {
    loaded = await loadTournamentConfig(file);
  } catch (error) {
    if (error instanceof TournamentConfigError) throw new UsageError(error.message);
    throw error;
  }
  const real = loaded.config.judges.filter((judge) => judge.provider !== "simulated");
  if (real.length > 0) {
    throw new UsageError(
      `${file}: judges ${real.map((judge) => `"${judge.id}"`).join(", ")} are not simulated; ` +
        "use `judgelab run` for real providers, or set provider: simulated",
    );
  }
  try {
    // The same rule as `judgelab import --out`: never overwrite a non-empty folder without --force.
    await prepareOutputFolder(out, values.force === true);
  } catch (error) {
    if (error instanceof ImportInputError) throw new UsageError(error.message);
    throw error;
  }
  const started = performance.now();
  let result: Awaited<ReturnType<typeof simulateTournament>>;
  try {
    result = await simulateTournament({
      config: loaded.config,
      baseDir: loaded.baseDir,
      outDir: out,
      signal: io.signal,
    });
  } catch (error) {
    if (error instanceof ItemsSourceError || error instanceof JudgeSetupError) throw new UsageError(error.message);
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = {
    out,
    items: result.items.length,
    judges: result.judges.length,
    comparisons: result.comparisons.length,
    rounds: result.summary.rounds,
    reason: result.summary.reason,
    failedByKind: result.summary.failedByKind,
    seconds: Number(seconds.toFixed(3)),
  };
  if (values.json === true) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    io.stdout(
      `${out}: ${summary.comparisons} comparisons of ${summary.items} items by ${summary.judges} simulated judges in ` +
        `${summary.rounds} rounds in ${seconds.toFixed(1)} s\n${describeStopReason(result.summary.reason)}\n`,
    );
  }
  return result.summary.reason === "interrupted" ? ExitCode.failure : ExitCode.ok;
};
