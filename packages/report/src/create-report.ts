import {
  type AnalysisOptions,
  analyzeJudgesWithSamples,
  buildAnalysisInput,
  type MetricsDocument,
} from "@judgelab/analytics";
import { loadDataset } from "@judgelab/datasets";
import { checkIntervalsAtDesign, computeTrueSkill, formatSeedScore } from "@judgelab/ratings";
import { buildReportData, selectPageItems, type TournamentScores } from "./model/build-report-data.js";
import {
  collectComparisonDetails,
  detailsLinePrefilter,
  streamComparisonRecords,
} from "./model/collect-comparison-details.js";
import { findComparisonGroups } from "./model/find-comparison-groups.js";
import { hashDatasetContent, type RunMetadata } from "./model/run-metadata.js";
import { type WrittenReport, writeReport } from "./write-report.js";

/** Options of {@link createReport}. */
export interface CreateReportOptions {
  /** A dataset folder or a standalone comparisons `.jsonl` file. */
  readonly datasetPath: string;
  /** How run-metadata.json names the dataset (e.g. a path relative to the repository); default datasetPath. */
  readonly datasetLabel?: string | undefined;
  readonly outDir: string;
  readonly seed: number;
  /** Bootstrap resamples for rating and rank intervals (METRICS.md: ≥ 1000 for published figures). */
  readonly bootstrapRounds: number;
  readonly title?: string | undefined;
  /** What the items are called in prose ("papers"); default "items". */
  readonly itemNoun?: string | undefined;
  /** Item pages written for the best-rated items; default 40. */
  readonly maxItemPages?: number | undefined;
  /** Extra items that always get a page (e.g. the seed-page paper). */
  readonly includeItemPages?: readonly string[] | undefined;
  /** Show the seed system's TrueSkill score on item pages and in tables; default true. */
  readonly tournamentScore?: boolean | undefined;
  readonly png?: boolean | undefined;
  /** The command line, for run-metadata.json (the CLI passes it). */
  readonly command?: string | undefined;
  /** Git commit of the code (the CLI passes it; the library does not shell out). */
  readonly gitSha?: string | undefined;
  readonly packageVersions?: Readonly<Record<string, string>> | undefined;
  /** Progress messages (the CLI prints them); called between stages. */
  readonly onProgress?: ((message: string) => void) | undefined;
  /** Clock, for reproducible metadata in tests. */
  readonly now?: (() => Date) | undefined;
  /**
   * Run the coverage check at the dataset's design ({@link checkIntervalsAtDesign}) with this many simulated
   * datasets and bootstrap rounds, and add its table and chart to the stability section. Off by default (it
   * costs datasets × rounds × 2 bootstrap refits).
   */
  readonly checkIntervals?: { readonly datasets: number; readonly rounds: number } | undefined;
  /** Extra analysis options (time windows, leaderboard size, …). */
  readonly analysis?: Partial<Omit<AnalysisOptions, "seed" | "bootstrapRounds">> | undefined;
}

/** What {@link createReport} did: the files, the metrics document and the time each stage took. */
export interface CreatedReport extends WrittenReport {
  readonly metrics: MetricsDocument;
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly metadata: RunMetadata;
}

/**
 * The report pipeline: load and validate the dataset, analyse the judges, fit pooled Bradley–Terry with bootstrap
 * intervals, replay TrueSkill for the seed system's tournament score, collect the item pages' comparison history
 * and the run's cost in one streaming pass, then write the report folder.
 */
export async function createReport(options: CreateReportOptions): Promise<CreatedReport> {
  const now = options.now ?? (() => new Date());
  const progress = options.onProgress ?? (() => {});
  const timingsMs: Record<string, number> = {};
  const started = performance.now();
  let stageStart = started;
  const stage = (name: string) => {
    const time = performance.now();
    timingsMs[name] = Math.round(time - stageStart);
    stageStart = time;
  };

  progress(`loading ${options.datasetPath}`);
  const dataset = await loadDataset(options.datasetPath);
  stage("load");
  progress(
    `analysing ${dataset.table.size} comparisons of ${dataset.table.itemIds.length} items (${options.bootstrapRounds} bootstrap resamples)`,
  );
  const encoded = buildAnalysisInput({
    table: dataset.table,
    items: dataset.items,
    judges: dataset.judges,
    assessments: dataset.assessments,
    references: dataset.references,
    analysis: {
      seed: options.seed,
      bootstrapRounds: options.bootstrapRounds,
      maxLeaderboardItems: 5000,
      ...options.analysis,
    },
  });
  if (encoded.problems.length > 0) {
    const lines = encoded.problems
      .slice(0, 20)
      .map((problem) => `${problem.record}s.jsonl record ${problem.index + 1}: ${problem.message}`);
    throw new Error(`${options.datasetPath}: records refer to unknown ids:\n${lines.join("\n")}`);
  }
  const { metrics, pooledBootstrap } = analyzeJudgesWithSamples(encoded.input);
  stage("analyze");
  progress("rating: TrueSkill replay");
  // The rank-distribution chart reads the pooled leaderboard's own bootstrap rounds (the intervals in the
  // tables come from the same rounds). Only for one connected comparison graph: ranks across groups that never
  // met mean nothing.
  const groups = findComparisonGroups(dataset.table);
  const rankSamples = groups.count === 1 ? pooledBootstrap : undefined;
  let scores: TournamentScores | undefined;
  if (options.tournamentScore !== false) {
    const trueSkill = computeTrueSkill(dataset.table);
    const displays = Array.from(trueSkill.mu, (mu, code) =>
      trueSkill.matches[code]! > 0 ? formatSeedScore(mu, trueSkill.sigma[code]!) : undefined,
    );
    scores = {
      label: "TrueSkill, seed-system display: round((μ − 3σ)·10 + 1200) ± round(2σ·10)",
      value: Float64Array.from(displays, (display) => display?.score ?? Number.NaN),
      halfWidth: Float64Array.from(displays, (display) => display?.plusMinus ?? Number.NaN),
    };
  }
  stage("rate");
  // Pages go to the best items: by pooled BT rating, or by tournament score when the analysis could not fit a
  // leaderboard (e.g. a star-shaped graph where items meet fewer than two opponents on average).
  const ranked =
    metrics.stability.available && metrics.stability.pooled.rows.available
      ? [...metrics.stability.pooled.rows.rows].sort((a, b) => b.rating - a.rating).map((row) => row.item)
      : [...dataset.table.itemIds.keys()]
          .filter((code) => Number.isFinite(scores?.value[code] ?? Number.NaN))
          .sort((a, b) => scores!.value[b]! - scores!.value[a]!)
          .map((code) => dataset.table.itemIds[code]!);
  const pageItems = selectPageItems({
    ranked,
    maxPages: options.maxItemPages ?? 40,
    include: options.includeItemPages,
  });
  const titles = new Map(dataset.items.map((item) => [item.id, item.title ?? item.id]));
  progress(`collecting comparison history for ${pageItems.length} item pages`);
  const details = await collectComparisonDetails({
    comparisons: streamComparisonRecords(options.datasetPath, detailsLinePrefilter(pageItems)),
    historyItems: new Set(pageItems),
    titleOf: (id) => titles.get(id) ?? id,
  });
  stage("details");
  const built = buildReportData({
    dataset,
    metrics,
    rankSamples,
    scores,
    details,
    title: options.title,
    itemNoun: options.itemNoun,
    pageItems,
  });
  let data = built;
  if (options.checkIntervals !== undefined) {
    progress(`coverage check: ${options.checkIntervals.datasets} datasets simulated at this design`);
    const check = checkIntervalsAtDesign(dataset.table, { ...options.checkIntervals, seed: options.seed });
    data = { ...built, intervalCoverage: check };
    stage("check-intervals");
  }
  const hashed = await hashDatasetContent(options.datasetPath);
  const metadata: RunMetadata = {
    generatedAt: now().toISOString(),
    command: options.command,
    gitSha: options.gitSha,
    seed: options.seed,
    bootstrapRounds: options.bootstrapRounds,
    dataset: {
      path: options.datasetLabel ?? options.datasetPath,
      contentHash: hashed.contentHash,
      files: hashed.files,
    },
    packageVersions: { ...options.packageVersions },
    nodeVersion: process.version,
  };
  stage("assemble");
  progress(`writing the report to ${options.outDir}`);
  const written = await writeReport({ data, outDir: options.outDir, metadata, png: options.png ?? true });
  stage("write");
  return { ...written, metrics, timingsMs, metadata };
}
