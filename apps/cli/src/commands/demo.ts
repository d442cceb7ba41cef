import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadDataset, writeDataset } from "@judgelab/datasets";
import { type CreatedReport, createReport } from "@judgelab/report";
import type { Assessment, Comparison, Item } from "@judgelab/schema";
import { paperTournamentPreset, simulateTournament, type TournamentConfig } from "@judgelab/tournament";
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

/** Standard normal from a hash of the id and seed (Box–Muller): a stable latent quality for papers without one. */
function hashedQuality(id: string, seed: number): number {
  const digest = createHash("sha256").update(`${seed}:${id}`).digest();
  const u1 = (digest.readUInt32BE(0) + 1) / 4294967297;
  const u2 = digest.readUInt32BE(4) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** The demo's paper pool: the generated demo papers, plus the seed-page papers (given a latent quality). */
async function loadPaperPool(root: string, seed: number): Promise<{ papers: Item[]; showcase: string[] }> {
  const demoPapers = join(root, "datasets", "demo-papers");
  if (!existsSync(demoPapers))
    throw new UsageError(`${demoPapers} is missing: the demo needs the repository's datasets/ folder`);
  const papers = [...(await loadDataset(demoPapers)).items];
  const seedPage = join(root, "datasets", "seed-page");
  const showcase: string[] = [];
  if (existsSync(join(seedPage, "items.jsonl"))) {
    const known = new Set(papers.map((paper) => paper.id));
    for (const item of (await loadDataset(seedPage)).items) {
      if (known.has(item.id)) continue;
      const quality =
        typeof item.metadata?.quality === "number" ? item.metadata.quality : 1.5 * hashedQuality(item.id, seed);
      // The page hides its opponents' categories; they met an Artificial Intelligence paper in a tournament that
      // schedules within categories, so they join that category (else they would form a group of their own).
      papers.push({
        ...item,
        category: item.category ?? "Artificial Intelligence",
        metadata: { ...item.metadata, quality, seedPage: true },
      });
      showcase.push(item.id);
    }
  }
  return { papers, showcase };
}

/** The simulated pointwise assessor (the seed system's impact assessment: overall 1–10 plus four rubric scores). */
const ASSESSOR = "claude-opus-4.6";

/**
 * Simulated pointwise impact assessments, one per paper: overall = 5.5 + 1.1·quality + 0.9·z (z standard normal
 * from a hash of seed and id), rubric scores = overall + 0.7·z_k, rounded to halves and clamped to 1–10. The
 * pointwise assessor sees the same latent quality as the pairwise judges through different noise, so the
 * report's pointwise–pairwise coherence has a known positive but imperfect answer.
 */
function simulateAssessments(papers: readonly Item[], seed: number): Assessment[] {
  const clamp = (value: number) => Math.min(10, Math.max(1, Math.round(value * 2) / 2));
  return papers.map((paper) => {
    const quality = typeof paper.metadata?.quality === "number" ? paper.metadata.quality : 0;
    const overall = clamp(5.5 + 1.1 * quality + 0.9 * hashedQuality(`${paper.id}:overall`, seed));
    const rubric = (name: string) => clamp(overall + 0.7 * hashedQuality(`${paper.id}:${name}`, seed));
    return {
      item: paper.id,
      judge: ASSESSOR,
      scores: {
        overall,
        significance: rubric("significance"),
        rigor: rubric("rigor"),
        novelty: rubric("novelty"),
        clarity: rubric("clarity"),
      },
      scale: { min: 1, max: 10 },
      createdAt: "2026-01-01",
    };
  });
}

/** Papers in the reliability audit (spread over the categories). */
const AUDIT_PAPERS = 40;

/**
 * A reliability audit on top of the tournament: a few papers whose pairs every judge judges in both orders.
 * A seed-style tournament gives each pair to one judge in one order, so judge agreement and both-order
 * consistency could not be measured without it. Ids, match ids and times are moved after the tournament's.
 */
async function simulateAudit(options: {
  config: TournamentConfig;
  papers: readonly Item[];
  signal: AbortSignal;
}): Promise<Comparison[]> {
  const auditConfig: TournamentConfig = {
    ...options.config,
    name: `${options.config.name}-audit`,
    seed: options.config.seed + 1,
    order: "both",
    assignment: "panel",
    stop: { ...options.config.stop, maxMatchesPerItem: 4, hardMaxMatchesPerItem: 6 },
  };
  const { comparisons } = await simulateTournament({
    config: auditConfig,
    items: thinPapers(options.papers, AUDIT_PAPERS),
    signal: options.signal,
  });
  const dayMs = 24 * 3600 * 1000;
  return comparisons.map((comparison) => ({
    ...comparison,
    id: `audit.${comparison.id}`,
    condition: "audit",
    ...(comparison.matchId === undefined ? {} : { matchId: `audit.${comparison.matchId}` }),
    ...(comparison.createdAt === undefined
      ? {}
      : { createdAt: new Date(Date.parse(comparison.createdAt) + dayMs).toISOString() }),
  }));
}

/** At most `limit` papers, taken evenly across the pool so that every category keeps some. */
function thinPapers(papers: readonly Item[], limit: number): Item[] {
  if (papers.length <= limit) return [...papers];
  const step = papers.length / limit;
  return Array.from({ length: limit }, (_, index) => papers[Math.floor(index * step)]!);
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
  const papers = paperLimit === undefined ? pool.papers : thinPapers(pool.papers, paperLimit);
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
  const audit = await simulateAudit({ config, papers, signal: io.signal });
  progress(`reliability audit: ${audit.length} more comparisons (every judge, both orders, ${AUDIT_PAPERS} papers)`);
  await writeDataset(datasetDir, {
    manifest: {
      schemaVersion: 1,
      name: "demo-paper-tournament",
      description: `Simulated paper tournament in the seed system's style (${papers.length} papers, judges in rotation, random order, no ties, seed ${seed}), plus a reliability audit in which all three judges judged ${AUDIT_PAPERS} papers' pairs in both orders (comparison ids "audit.…", condition "audit"), and a simulated pointwise impact assessment (1–10) of every paper by ${ASSESSOR}.`,
      source: "judgelab demo",
      license: "CC0-1.0",
      metadata: { seed, simulated: true, stopReason: simulated.summary.reason, rounds: simulated.summary.rounds },
    },
    items: simulated.items,
    judges: simulated.judges,
    comparisons: [...simulated.comparisons, ...audit],
    assessments: simulateAssessments(simulated.items, seed),
  });
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
