import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { startViewer, ViewerInputError } from "@judgelab/viewer";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { parseIntegerOption, parseOptions, parseSeedOption } from "../parse-options.js";

const HELP = `Usage: judgelab view <dataset-dir|run-dir> [--port N] [--host H] [--open] [--bootstrap N] [--seed S]

Starts a local, read-only web viewer and prints its URL; Ctrl-C stops it. Nothing is written into the folder.

Views: leaderboard (method, intervals, unit and category switches; per-judge boards side by side), comparisons
(server-side filters by judge, item, category, verdict, condition, "judges disagree", "flips when the order is
swapped", "disagrees with the reference", and full-text search over titles and rationales), item pages in the
seed system's layout, judges (agreement matrix, position bias, leniency), and for a run folder the live run
(progress, calls done and pending, spend against the budget, failures by kind, standings), updated within about
a second while \`judgelab run\` writes the folder.

--port N       port to listen on (default 8787); 0 picks a free one
--host H       address to bind (default 127.0.0.1). Any other address (e.g. 0.0.0.0) prints a random access token
               that every request must carry (the printed URL includes it)
--open         open the URL in the default browser
--bootstrap N  bootstrap resamples for leaderboard intervals and judge figures (default 200)
--seed S       seed of every bootstrap (default 1, as every command)
Exit: 2 when the folder is not a dataset or run folder, or the port is in use (the message names it).
`;

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  const child = spawn(command, args as string[], { detached: true, stdio: "ignore" });
  child.on("error", () => {});
  child.unref();
}

/** `judgelab view`: serves the viewer until interrupted. */
export const viewCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "view",
    argv,
    help: HELP,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      open: { type: "boolean" },
      bootstrap: { type: "string" },
      seed: { type: "string" },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError("give one dataset or run folder, e.g. `judgelab view reports/demo/dataset`");
  const port = parseIntegerOption("port", values.port, 8787);
  const bootstrapRounds = parseIntegerOption("bootstrap", values.bootstrap, 200);
  if (bootstrapRounds < 0) throw new UsageError(`--bootstrap must be ≥ 0, got ${bootstrapRounds}`);
  const seed = parseSeedOption(values.seed);
  const path = resolve(io.cwd, positionals[0] as string);
  io.stderr(`loading ${path}\n`);
  let viewer: Awaited<ReturnType<typeof startViewer>>;
  try {
    viewer = await startViewer({
      path,
      port,
      bootstrapRounds,
      seed,
      ...(values.host === undefined ? {} : { host: values.host }),
    });
  } catch (error) {
    if (error instanceof ViewerInputError) throw new UsageError(error.message);
    throw error;
  }
  const data = viewer.source.current();
  io.stderr(
    `loaded ${data.table.size} comparisons of ${data.table.itemIds.length} items in ${viewer.loadSeconds.toFixed(1)} s (${viewer.source.kind})\n`,
  );
  if (viewer.token !== undefined)
    io.stderr(`listening on ${viewer.host}: every request needs the access token (included in the URL below)\n`);
  io.stdout(`${viewer.url}\n`);
  if (values.open === true) openInBrowser(viewer.url);
  await new Promise<void>((done) => {
    if (io.signal.aborted) done();
    else io.signal.addEventListener("abort", () => done(), { once: true });
  });
  await viewer.close();
  return ExitCode.ok;
};
