/**
 * Viewer at scale: loads the benchmark tournament (1,000,000 comparisons by default, see bench-tournament.ts) into
 * `judgelab view`'s server on 127.0.0.1, then times what a user waits for after the load: the first leaderboard
 * response (Bradley–Terry with bootstrap intervals, not cached) and a filtered comparison page (judge + verdict +
 * full-text search, a later page), each over HTTP. Targets: each under 2 s after the dataset is loaded. The load
 * time is printed beside them, and a reference measured in the same run (one computeWinRates pass over the table)
 * gives machine-independent ratios.
 * Usage: pnpm bench view [comparisons] [bootstrap]   (defaults 1000000 comparisons, 200 resamples: the viewer's)
 */

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { computeWinRates } from "@judgelab/ratings";
import { startViewer } from "@judgelab/viewer";
import { ensureBenchTournament } from "./bench-tournament.js";

const comparisons = Number(process.argv[2] ?? 1_000_000);
const bootstrapRounds = Number(process.argv[3] ?? 200);
const targetSeconds = 2;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
if (!existsSync(path.join(root, "packages/viewer/dist/assets/viewer.js")))
  execFileSync(process.execPath, [path.join(root, "packages/viewer/scripts/build-client.mjs")], { stdio: "inherit" });
const directory = await ensureBenchTournament(comparisons);

const viewer = await startViewer({ path: directory, port: 0, bootstrapRounds, seed: 1 });
const table = viewer.source.current().table;
const memory = process.memoryUsage();
process.stdout.write(
  `loaded ${table.size.toLocaleString("en-US")} comparisons of ${table.itemIds.length} items in ${viewer.loadSeconds.toFixed(1)} s (validate + table + line index); heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB\n`,
);

const referenceStarted = performance.now();
computeWinRates(table);
const referenceSeconds = (performance.now() - referenceStarted) / 1000;

async function timed(label: string, url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}: ${body.slice(0, 300)}`);
  const count = /<p id="match-count"><strong>([\d,]+)<\/strong>/.exec(body)?.[1];
  const provisional = body.includes("data-pending-board");
  process.stdout.write(
    `${label}: ${seconds.toFixed(2)} s (${(seconds / referenceSeconds).toFixed(0)}× the reference pass, ${(body.length / 1024).toFixed(0)} KiB${count === undefined ? "" : `, ${count} matching`}${provisional ? "; provisional: answered before its board, which is still being rated on the worker" : ""})\n`,
  );
  return seconds;
}

try {
  process.stdout.write(
    `reference: one computeWinRates pass over the table ${(referenceSeconds * 1000).toFixed(0)} ms\n`,
  );
  const board = await timed(`first leaderboard (bt, ${bootstrapRounds} bootstrap resamples)`, viewer.url);
  const page = await timed(
    "filtered comparison page (judge, verdict, text search, page 3)",
    `${viewer.url}comparisons?judge=gpt-5.2&verdict=first&q=first&page=3`,
  );
  await timed("comparisons where judges disagree", `${viewer.url}comparisons?disagree=1`);
  await timed("item page", `${viewer.url}item/paper-7`);
  const boardStarted = performance.now();
  for (;;) {
    const body = await (await fetch(viewer.url)).text();
    if (!body.includes("data-pending-board")) break;
  }
  process.stdout.write(
    `full leaderboard (bt with ${bootstrapRounds} bootstrap resamples) ready ${((performance.now() - boardStarted) / 1000 + board).toFixed(1)} s after the first request\n`,
  );
  await timed("cached leaderboard", viewer.url);
  const ok = board < targetSeconds && page < targetSeconds;
  process.stdout.write(
    `targets (< ${targetSeconds} s after load): leaderboard ${board.toFixed(2)} s, filtered page ${page.toFixed(2)} s: ${ok ? "met" : "MISSED"}\n`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await viewer.close();
}
