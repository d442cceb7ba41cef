import {
  type AnalysisInput,
  type AnalysisOptions,
  analyzeJudgesWithSamples,
  buildAnalysisInput,
  groupComparisonTable,
  type ItemGrouping,
  type MetricsDocument,
  resolveItemGrouping,
} from "@judgelab/analytics";
import {
  type ComparisonTable,
  describeFilter,
  filterDataset,
  type LoadedDataset,
  loadDataset,
  type ModelFamilyTable,
  readComparisonRecords,
  type WhereClause,
} from "@judgelab/datasets";
import {
  checkIntervalsAtDesign,
  computeTrueSkill,
  formatSeedScore,
  type TrueSkillEnvironment,
} from "@judgelab/ratings";
import type { Comparison } from "@judgelab/schema";
import { buildReportData, selectPageItems, type TournamentScores } from "./model/build-report-data.js";
import { collectComparisonDetails, detailsLinePrefilter } from "./model/collect-comparison-details.js";
import { computeControlledRatings, type ReportStyleControl } from "./model/controlled-ratings.js";
import { findComparisonGroups } from "./model/find-comparison-groups.js";
import { hashDatasetContent, type RunMetadata } from "./model/run-metadata.js";
import { ReportError } from "./report-error.js";
import { type WrittenReport, writeReport } from "./write-report.js";

/** Options of {@link createReport}. */
export interface CreateReportOptions {
  /** A dataset folder or a standalone comparisons `.jsonl` file. */
  readonly datasetPath: string;
  /** How run-metadata.json names the dataset (e.g. a path relative to the repository); default datasetPath. */
  readonly datasetLabel?: string | undefined;
  readonly outDir: string;
  readonly seed: number;
  /** Bootstrap resamples for rating and rank intervals (docs/metrics.md: ≥ 1000 for published figures). */
  readonly bootstrapRounds: number;
  readonly title?: string | undefined;
  /** What the items are called in prose ("papers"); default "items". */
  readonly itemNoun?: string | undefined;
  /** Item pages written for the best-rated items; default 40. */
  readonly maxItemPages?: number | undefined;
  /** Extra items that always get a page (e.g. the seed-page paper). */
  readonly includeItemPages?: readonly string[] | undefined;
  /** TrueSkill environment of the tournament score (e.g. `KURATE_TRUE_SKILL` for `--preset kurate`). */
  readonly trueSkill?: Partial<TrueSkillEnvironment> | undefined;
  /** Category-rank tie-break: "title-hash" = SHA-256 of the title, as the seed system sorts. */
  readonly tiebreak?: "title-hash" | undefined;
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
   * What the leaderboard rates: an item field naming groups (e.g. "producer": the models that wrote the answers),
   * `false` for the items themselves, or undefined for the default (producers when every item names one and
   * producers wrote several items each, see `defaultItemGrouping`). Item pages are written for items only.
   */
  readonly group?: string | false | undefined;
  /**
   * Style control (`judgelab report --control length,markdown`): adds "Ratings controlled for style", side by side
   * with plain Bradley–Terry. The "Ratings corrected for judge bias" section is always attempted.
   */
  readonly control?: ReportStyleControl | undefined;
  /**
   * Keep only the comparisons satisfying every clause (`--where FIELD=VALUE`, see `filterDataset`); the report
   * and run-metadata.json say what was kept.
   */
  readonly where?: readonly WhereClause[] | undefined;
  /** A model-family table replacing the stored producer and judge families (see `buildAnalysisInput`). */
  readonly families?: ModelFamilyTable | undefined;
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
  const stage = stageTimer(timingsMs);

  progress(`loading ${options.datasetPath}`);
  const { dataset, filter, keptIds } = await loadReportDataset(options, progress);
  stage("load");
  progress(
    `analysing ${dataset.table.size} comparisons of ${dataset.table.itemIds.length} items (${options.bootstrapRounds} bootstrap resamples)`,
  );
  const grouping = resolveItemGrouping(dataset.items, dataset.table.itemIds, options.group);
  if (grouping !== undefined) progress(`rating ${grouping.groupIds.length} groups by item field "${grouping.field}"`);
  const { metrics, pooledBootstrap } = analyzeJudgesWithSamples(encodeAnalysisInput(dataset, grouping, options));
  stage("analyze");
  progress("rating: TrueSkill replay");
  // The rank-distribution chart reads the pooled leaderboard's own bootstrap rounds (the intervals in the
  // tables come from the same rounds). Only for one connected comparison graph: ranks across groups that never
  // met mean nothing.
  const ratingTable = grouping === undefined ? dataset.table : groupComparisonTable(dataset.table, grouping).table;
  const groups = findComparisonGroups(ratingTable);
  const rankSamples = groups.count === 1 ? pooledBootstrap : undefined;
  // The seed system's TrueSkill display belongs to item tournaments; a grouped leaderboard shows BT only.
  const scores =
    options.tournamentScore !== false && grouping === undefined
      ? seedTournamentScores(dataset.table, options.trueSkill)
      : undefined;
  stage("rate");
  const ranked = rankPageCandidates(metrics, dataset.table, scores);
  // Pages show one item's tournament; a grouped leaderboard ranks groups, so pages only for items asked by id.
  const pageItems = selectPageItems({
    ranked: grouping === undefined ? ranked : [],
    maxPages: options.maxItemPages ?? 40,
    include: options.includeItemPages,
  });
  const titles = new Map(dataset.items.map((item) => [item.id, item.title ?? item.id]));
  progress(`collecting comparison history for ${pageItems.length} item pages`);
  const prefilter = detailsLinePrefilter(pageItems);
  const streamed = readComparisonRecords(options.datasetPath, prefilter === undefined ? {} : { prefilter });
  const details = await collectComparisonDetails({
    comparisons: keptIds === undefined ? streamed : keepComparisons(streamed, keptIds),
    historyItems: new Set(pageItems),
    titleOf: (id) => titles.get(id) ?? id,
  });
  stage("details");
  progress("rating: controlled leaderboards (style, judge bias)");
  const controlled = computeControlledRatings({
    table: dataset.table,
    items: dataset.items,
    control: options.control,
    group: grouping === undefined ? undefined : { field: grouping.field },
  });
  stage("controlled");
  const built = buildReportData({
    dataset,
    metrics,
    ...(grouping === undefined ? {} : { rated: { table: ratingTable, field: grouping.field } }),
    rankSamples,
    scores,
    details,
    title: options.title,
    itemNoun: options.itemNoun,
    pageItems,
    filter,
    tiebreak: options.tiebreak,
    // Pages asked for by id that the rating would not have earned (the best `maxItemPages` earn theirs).
    requestedPages: (options.includeItemPages ?? []).filter(
      (id) => !(grouping === undefined ? ranked : []).slice(0, options.maxItemPages ?? 40).includes(id),
    ),
  });
  let data = { ...built, controlled };
  if (options.checkIntervals !== undefined) {
    progress(`coverage check: ${options.checkIntervals.datasets} datasets simulated at this design`);
    const check = checkIntervalsAtDesign(dataset.table, { ...options.checkIntervals, seed: options.seed });
    data = { ...data, intervalCoverage: check };
    stage("check-intervals");
  }
  const metadata = await buildRunMetadata(options, metrics, filter, now);
  stage("assemble");
  progress(`writing the report to ${options.outDir}`);
  const written = await writeReport({ data, outDir: options.outDir, metadata, png: options.png ?? true });
  stage("write");
  return { ...written, metrics, timingsMs, metadata };
}

/** The streamed comparison records whose id is in `ids` (the `--where` selection). */
async function* keepComparisons(
  records: AsyncIterable<Comparison>,
  ids: ReadonlySet<string>,
): AsyncGenerator<Comparison> {
  for await (const record of records) if (ids.has(record.id)) yield record;
}

/** Stage timing: each call records the milliseconds since the previous call (or since creation) under `name`. */
function stageTimer(timingsMs: Record<string, number>): (name: string) => void {
  let stageStart = performance.now();
  return (name: string) => {
    const time = performance.now();
    timingsMs[name] = Math.round(time - stageStart);
    stageStart = time;
  };
}

/** The dataset, with the `--where` selection applied: its description and the kept comparison ids. */
async function loadReportDataset(
  options: CreateReportOptions,
  progress: (message: string) => void,
): Promise<{ dataset: LoadedDataset; filter: string | undefined; keptIds: Set<string> | undefined }> {
  const where = options.where ?? [];
  let dataset = await loadDataset(options.datasetPath, { keepComparisons: where.length > 0 });
  let filter: string | undefined;
  let keptIds: Set<string> | undefined;
  if (where.length > 0) {
    const filtered = filterDataset(dataset, where);
    filter = describeFilter(filtered.summary);
    keptIds = new Set(filtered.dataset.comparisons?.map((comparison) => comparison.id));
    // The records were only needed to select rows; the report reads the table (and streams the history).
    const { comparisons: _records, ...selected } = filtered.dataset;
    dataset = selected;
    progress(`filter: ${filter}`);
  }
  return { dataset, filter, keptIds };
}

/** The analysis input; records referring to unknown ids are a {@link ReportError} naming the first 20. */
function encodeAnalysisInput(
  dataset: LoadedDataset,
  grouping: ItemGrouping | undefined,
  options: CreateReportOptions,
): AnalysisInput {
  const encoded = buildAnalysisInput({
    table: dataset.table,
    grouping,
    families: options.families,
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
    throw new ReportError("unknown-id", `${options.datasetPath}: records refer to unknown ids:\n${lines.join("\n")}`, {
      dataset: options.datasetPath,
      problems: encoded.problems.length,
    });
  }
  return encoded.input;
}

/** The seed system's TrueSkill display of every item (tournament score on item pages and in tables). */
function seedTournamentScores(
  table: ComparisonTable,
  environment: Partial<TrueSkillEnvironment> | undefined,
): TournamentScores {
  const trueSkill = computeTrueSkill(table, environment === undefined ? {} : { environment });
  // Every item gets the seed display, unplayed ones too: the prior (25, 25/3) shows as 1200±167 and ranks.
  const displays = Array.from(trueSkill.mu, (mu, code) => formatSeedScore(mu, trueSkill.sigma[code]!));
  return {
    label: `TrueSkill${environment === undefined ? "" : ` (draw probability ${trueSkill.environment.drawProbability})`}, seed-system display: round((μ − 3σ)·10 + 1200) ± round(2σ·10)`,
    value: Float64Array.from(displays, (display) => display.score),
    halfWidth: Float64Array.from(displays, (display) => display.plusMinus),
    exact: Float64Array.from(trueSkill.conservative, (value) => value * 10 + 1200),
  };
}

/**
 * Items in page order. Pages go to the best items: by pooled BT rating, or by tournament score when the analysis
 * could not fit a leaderboard (e.g. a star-shaped graph where items meet fewer than two opponents on average).
 */
function rankPageCandidates(
  metrics: MetricsDocument,
  table: ComparisonTable,
  scores: TournamentScores | undefined,
): string[] {
  return metrics.stability.available && metrics.stability.pooled.rows.available
    ? [...metrics.stability.pooled.rows.rows].sort((a, b) => b.rating - a.rating).map((row) => row.item)
    : [...table.itemIds.keys()]
        .filter((code) => Number.isFinite(scores?.value[code] ?? Number.NaN))
        .sort((a, b) => scores!.value[b]! - scores!.value[a]!)
        .map((code) => table.itemIds[code]!);
}

/** run-metadata.json: the command, seed, dataset content hash and versions. */
async function buildRunMetadata(
  options: CreateReportOptions,
  metrics: MetricsDocument,
  filter: string | undefined,
  now: () => Date,
): Promise<RunMetadata> {
  const hashed = await hashDatasetContent(options.datasetPath);
  return {
    generatedAt: now().toISOString(),
    command: options.command,
    gitSha: options.gitSha,
    seed: options.seed,
    bootstrapRounds: options.bootstrapRounds,
    ratingModel: metrics.stability.available ? metrics.stability.method : undefined,
    ...(filter === undefined ? {} : { filter }),
    dataset: {
      path: options.datasetLabel ?? options.datasetPath,
      contentHash: hashed.contentHash,
      files: hashed.files,
    },
    packageVersions: { ...options.packageVersions },
    nodeVersion: process.version,
  };
}
