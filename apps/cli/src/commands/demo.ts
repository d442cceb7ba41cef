import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadDataset, writeDataset } from "@judgelab/datasets";
import { type CreatedReport, createReport } from "@judgelab/report";
import type { Item } from "@judgelab/schema";
import {
  AUDIT_PAPERS,
  joinSeedPagePapers,
  PAPER_ASSESSOR,
  paperTournamentPreset,
  simulatePaperAssessments,
  simulateReliabilityAudit,
  simulateTournament,
  thinItems,
} from "@judgelab/tournament";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { describeStopReason } from "../describe-stop-reason.js";
import { parseIntegerOption, parseOptions } from "../parse-options.js";
import { displayPath, repositoryRoot } from "../paths.js";
import { plural } from "../plural.js";
import { judgelabVersions, printReportSummary, readGitSha } from "../report-support.js";

const HELP = `Usage: judgelab demo [--out DIR] [--seed S] [--bootstrap N] [--pages N] [--json]

The main job, with no API key and no network: a simulated paper tournament in the seed system's style, rated,
analysed and written up as a report.

  1. Papers: the project's own datasets/demo-papers (300 invented papers in 5 categories, each with a latent
     quality) plus the seed-page papers in datasets/seed-page when present.
  2. Tournament: three simulated judges (gemini-3, gpt-5.2, claude-opus-4.6) with different position biases and
     noise, one judge per match in rotation, presentation order flipped at random, no ties, the seed system's
     scheduler and stop rules (about 45 matches per paper), plus a reliability audit (every judge judges 40
     papers' pairs in both orders, so agreement and order consistency can be measured) and a simulated
     pointwise impact assessment (1–10) of every paper. Written as a dataset to <out>/dataset/.
  3. Report: ratings with bootstrap CIs and rank intervals, TrueSkill scores as the seed system shows them,
     agreement, position bias, stability and other biases, with charts and per-paper pages, in <out>/.

--out        report folder (default: reports/demo-local in the repository, which git ignores;
             --out reports/demo refreshes the committed example)
--seed S     seed of the simulation and of every bootstrap (default 2026); same seed, same report
--bootstrap  bootstrap resamples (default 1000)
--papers N   use only N papers of the pool, spread over the categories (a quick run; default: all)
--pages N    per-paper tournament pages for the N best papers (default 6; the committed example stays under 2 MB)
--json       prints {"out", "dataset", "papers", "comparisons", "files", "charts", "itemPages", "headlines",
             "timingsMs", "seconds"}
`;

/**
 * Where the demo writes by default: a folder git ignores (`reports/*` except the committed `reports/demo/`), so
 * that running the demo does not rewrite the committed example; `--out reports/demo` refreshes that on purpose.
 */
export const DEFAULT_DEMO_OUT = "reports/demo-local";

/** The demo's paper pool: the generated demo papers, plus the seed-page papers when the repository has them. */
async function loadPaperPool(root: string, seed: number): Promise<{ papers: Item[]; showcase: string[] }> {
  const demoPapers = join(root, "datasets", "demo-papers");
  if (!existsSync(demoPapers))
    throw new UsageError(`${demoPapers} is missing: the demo needs the repository's datasets/ folder`);
  const pool = (await loadDataset(demoPapers)).items;
  const seedPage = join(root, "datasets", "seed-page");
  if (!existsSync(join(seedPage, "items.jsonl"))) return { papers: [...pool], showcase: [] };
  return joinSeedPagePapers(pool, (await loadDataset(seedPage)).items, seed);
}

/** `judgelab demo`: simulate a paper tournament, rate, analyse and report it (no key, no network). */
export const demoCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "demo",
    argv,
    help: HELP,
    options: {
      out: { type: "string" },
      seed: { type: "string" },
      bootstrap: { type: "string" },
      pages: { type: "string" },
      papers: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"; see \`judgelab demo --help\``);
  const seed = parseIntegerOption("seed", values.seed, 2026);
  const bootstrapRounds = parseIntegerOption("bootstrap", values.bootstrap, 1000);
  if (bootstrapRounds < 1) throw new UsageError("--bootstrap must be at least 1");
  const pages = parseIntegerOption("pages", values.pages, 6);
  if (pages < 0) throw new UsageError("--pages must be 0 or more");
  const root = repositoryRoot();
  const out = values.out === undefined ? join(root, DEFAULT_DEMO_OUT) : resolve(io.cwd, values.out);
  const datasetDir = join(out, "dataset");
  const progress = values.json === true ? () => {} : (message: string) => io.stderr(`demo: ${message}\n`);
  const started = performance.now();

  const paperLimit = values.papers === undefined ? undefined : parseIntegerOption("papers", values.papers, 0);
  if (paperLimit !== undefined && paperLimit < 10) throw new UsageError("--papers must be at least 10");
  const pool = await loadPaperPool(root, seed);
  const papers = paperLimit === undefined ? pool.papers : thinItems(pool.papers, paperLimit);
  const showcase = pool.showcase.filter((id) => papers.some((paper) => paper.id === id));
  const categories = [...new Set(papers.map((paper) => paper.category).filter((category) => category !== undefined))];
  progress(
    `simulating a paper tournament: ${plural(papers.length, "paper")}, ${plural(categories.length, "category")}, 3 judges, seed ${seed}`,
  );
  const config = paperTournamentPreset({ seed, papers: papers.length, categories });
  const simulated = await simulateTournament({ config, items: papers, signal: io.signal });
  progress(
    `${simulated.comparisons.length} comparisons in ${simulated.summary.rounds} rounds; ${describeStopReason(simulated.summary.reason)}`,
  );
  const audit = await simulateReliabilityAudit({ config, papers, signal: io.signal });
  progress(`reliability audit: ${audit.length} more comparisons (every judge, both orders, ${AUDIT_PAPERS} papers)`);
  await writeDemoDataset(datasetDir, { paperCount: papers.length, seed, simulated, audit });
  const simulateMs = Math.round(performance.now() - started);

  const report: CreatedReport = await createReport({
    datasetPath: datasetDir,
    datasetLabel: displayPath(root, datasetDir),
    outDir: out,
    seed,
    bootstrapRounds,
    title: "Ranking reliability of a simulated paper tournament",
    itemNoun: "papers",
    maxItemPages: pages,
    includeItemPages: showcase.slice(0, 1),
    command: ["judgelab", "demo", ...argv].join(" "),
    gitSha: await readGitSha(root),
    packageVersions: judgelabVersions(root),
    onProgress: progress,
  });
  const seconds = (performance.now() - started) / 1000;
  if (values.json === true) {
    const summary = {
      out: displayPath(io.cwd, out),
      dataset: displayPath(io.cwd, datasetDir),
      papers: papers.length,
      comparisons: simulated.comparisons.length,
      files: report.files,
      charts: report.charts,
      itemPages: report.itemPages,
      headlines: report.headlines,
      timingsMs: { simulate: simulateMs, ...report.timingsMs },
      seconds: Number(seconds.toFixed(2)),
    };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    printReportSummary(io, { report, out: displayPath(io.cwd, out), json: false, seconds });
  }
  return ExitCode.ok;
};

/** The simulated tournament, the reliability audit and the pointwise assessments as a dataset folder. */
async function writeDemoDataset(
  datasetDir: string,
  parts: {
    paperCount: number;
    seed: number;
    simulated: Awaited<ReturnType<typeof simulateTournament>>;
    audit: Awaited<ReturnType<typeof simulateReliabilityAudit>>;
  },
): Promise<void> {
  const { paperCount, seed, simulated, audit } = parts;
  await writeDataset(datasetDir, {
    manifest: {
      schemaVersion: 1,
      name: "demo-paper-tournament",
      description: `Simulated paper tournament in the seed system's style (${paperCount} papers, judges in rotation, random order, no ties, seed ${seed}), plus a reliability audit in which all three judges judged ${AUDIT_PAPERS} papers' pairs in both orders (comparison ids "audit.…", condition "audit"), and a simulated pointwise impact assessment (1–10) of every paper by ${PAPER_ASSESSOR}.`,
      source: "judgelab demo",
      license: "CC0-1.0",
      metadata: { seed, simulated: true, stopReason: simulated.summary.reason, rounds: simulated.summary.rounds },
    },
    items: simulated.items,
    judges: simulated.judges,
    comparisons: [...simulated.comparisons, ...audit],
    assessments: simulatePaperAssessments(simulated.items, seed),
  });
}
