import type { LeaderboardRow, MetricsDocument, PooledBootstrapSamples } from "@judgelab/analytics";
import type { ComparisonTable, LoadedDataset } from "@judgelab/datasets";
import { computeWinRates, rankWithinCategory, titleHashKey } from "@judgelab/ratings";
import type { RankShare } from "../charts/stability-charts.js";
import type { ComparisonDetails } from "./collect-comparison-details.js";
import { findComparisonGroups } from "./find-comparison-groups.js";
import type {
  ItemAssessment,
  ItemPage,
  ItemStanding,
  JudgeRunSummary,
  PublishedFigures,
  ReportData,
} from "./report-data.js";

/** Tournament scores per item code (aligned with `dataset.table.itemIds`), e.g. TrueSkill in the seed display. */
export interface TournamentScores {
  readonly label: string;
  readonly value: ArrayLike<number>;
  readonly halfWidth: ArrayLike<number>;
  /** Unrounded score used for ranking (e.g. (μ − 3σ)·10 + 1200); default `value`. */
  readonly exact?: ArrayLike<number> | undefined;
}

/** Options of {@link buildReportData}. */
export interface BuildReportDataOptions {
  readonly dataset: LoadedDataset;
  readonly metrics: MetricsDocument;
  /**
   * The table the leaderboard rates when it rates groups of items (e.g. producers): its `itemIds` are the group
   * ids and standings are built from it; absent = the dataset's items.
   */
  readonly rated?: { readonly table: ComparisonTable; readonly field: string } | undefined;
  /**
   * A bootstrap of the pooled Bradley–Terry fit whose `samples` give the rank distributions of the best items
   * (ratings, intervals and rank intervals themselves come from the analysis' pooled leaderboard).
   */
  readonly rankSamples?: PooledBootstrapSamples | undefined;
  readonly scores?: TournamentScores | undefined;
  readonly details: ComparisonDetails;
  readonly title?: string | undefined;
  /** What the items are called in prose; default "items". */
  readonly itemNoun?: string | undefined;
  /** Items whose pages are written (ids); see {@link selectPageItems}. */
  readonly pageItems: readonly string[];
  /** Of `pageItems`, those asked for by id rather than earned by rating (e.g. the focal seed paper). */
  readonly requestedPages?: readonly string[] | undefined;
  /** Items in the bootstrap rank-distribution chart; default 15. */
  readonly rankDistributionItems?: number;
  /** What `--where` kept, when the data were filtered. */
  readonly filter?: string | undefined;
  /**
   * Tie-break of the category ranks: "title-hash" orders equal scores by the SHA-256 of the title (the seed
   * system's order; items without a title use their id); default: equal scores share a rank.
   */
  readonly tiebreak?: "title-hash" | undefined;
}

function stringField(metadata: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = metadata?.[key];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function authorsOf(metadata: Record<string, unknown> | undefined): string | undefined {
  const authors = metadata?.authors;
  if (typeof authors === "string") return authors;
  if (Array.isArray(authors) && authors.every((author) => typeof author === "string")) return authors.join(", ");
  return undefined;
}

/**
 * The best-rated items first, then any extra ids asked for (e.g. a showcase item), without duplicates.
 * Pages are capped because a 1,000,000-comparison dataset would otherwise write thousands of pages.
 */
export function selectPageItems(options: {
  readonly ranked: readonly string[];
  readonly maxPages: number;
  readonly include?: readonly string[] | undefined;
}): string[] {
  const chosen = new Set(options.ranked.slice(0, Math.max(0, options.maxPages)));
  for (const id of options.include ?? []) chosen.add(id);
  return [...chosen];
}

/** Share of bootstrap rounds in which each of the `count` best items took each rank (rank among all items). */
export function rankDistributionShares(ratings: PooledBootstrapSamples, count: number): RankShare[] {
  const itemCount = ratings.itemIds.length;
  const order = [...ratings.itemIds.keys()]
    .filter((code) => Number.isFinite(ratings.estimate[code]!))
    .sort((a, b) => ratings.estimate[b]! - ratings.estimate[a]!)
    .slice(0, count);
  const shares: RankShare[] = [];
  order.forEach((code, position) => {
    const counts = new Map<number, number>();
    let rounds = 0;
    for (let round = 0; round < ratings.rounds; round++) {
      const offset = round * itemCount;
      const own = ratings.samples[offset + code]!;
      if (!Number.isFinite(own)) continue;
      let rank = 1;
      for (let other = 0; other < itemCount; other++) if (ratings.samples[offset + other]! > own) rank++;
      counts.set(rank, (counts.get(rank) ?? 0) + 1);
      rounds++;
    }
    for (const [rank, hits] of [...counts].sort((a, b) => a[0] - b[0])) {
      // Ranks taken in under 1% of resamples are invisible as circles; leaving them out keeps the chart small.
      if (hits / rounds < 0.01) continue;
      shares.push({ item: ratings.itemIds[code]!, order: position + 1, rank, share: hits / rounds });
    }
  });
  return shares;
}

/**
 * Assembles the report's data: per-item standings (pooled BT rating with bootstrap and rank intervals, tournament
 * score, rank in category, record with Wilson interval, pointwise assessments), item pages with their comparison
 * history, per-judge run summaries, and the bootstrap rank distributions of the best items.
 */
export function buildReportData(options: BuildReportDataOptions): ReportData {
  const { dataset, metrics } = options;
  const table = options.rated?.table ?? dataset.table;
  const records = new Map(options.rated === undefined ? dataset.items.map((item) => [item.id, item]) : []);
  const titleOf = (id: string) => records.get(id)?.title ?? id;
  const pooledRows =
    metrics.stability.available && metrics.stability.pooled.rows.available ? metrics.stability.pooled.rows.rows : [];
  const pooled = new Map(pooledRows.map((row) => [row.item, row]));
  const winRates = computeWinRates(table);
  const invalid = countInvalidVerdicts(table);
  const assessmentsByItem = collectAssessments(dataset);
  const groups = findComparisonGroups(table);
  const context = { winRates, invalid, assessmentsByItem, groupOf: groups.groupOf, scores: options.scores };
  const standings = table.itemIds.map((id, code) =>
    describeStanding({ id, code, title: titleOf(id), record: records.get(id), row: pooled.get(id) }, context),
  );
  const exact = options.scores?.exact;
  const withCategoryRanks = rankWithinCategories(
    standings,
    exact === undefined ? undefined : Array.from(standings, (_, code) => exact[code]!),
    options.tiebreak === "title-hash" ? standings.map((item) => titleHashKey(item.title)) : undefined,
  );
  // Best first by the BT rating; without any rating by the tournament score; never by id alone (ids only break
  // exact ties, and a table with neither key is not shown as a ranking).
  // The score fallback only for one connected comparison graph: across groups that never met, a ranking by any
  // score compares nothing.
  const sortedBy = standings.some((item) => item.rating !== undefined)
    ? "rating"
    : groups.count === 1 && standings.some((item) => item.score !== undefined)
      ? "score"
      : "none";
  const key = (item: ItemStanding) =>
    (sortedBy === "rating" ? item.rating?.value : item.score?.value) ?? Number.NEGATIVE_INFINITY;
  const ordered = [...withCategoryRanks].sort((a, b) => key(b) - key(a) || a.id.localeCompare(b.id));
  const byId = new Map(ordered.map((item) => [item.id, item]));
  const itemPages = buildItemPages({ options, byId, records, scoreRanges: categoryScoreRanges(ordered) });
  const judges = summarizeJudgeRuns(dataset, metrics, options.details);
  const rankItems = options.rankDistributionItems ?? 15;
  return {
    title: options.title ?? `Ranking reliability: ${dataset.manifest.name}`,
    dataset: {
      name: dataset.manifest.name,
      description: dataset.manifest.description,
      source: dataset.manifest.source,
      license: dataset.manifest.license,
    },
    itemNoun: options.itemNoun ?? "items",
    ratedNoun: options.rated === undefined ? (options.itemNoun ?? "items") : `${options.rated.field}s`,
    ...(options.rated === undefined ? {} : { ratedField: options.rated.field }),
    metrics,
    items: ordered,
    sortedBy,
    judges,
    scoreLabel: options.scores?.label,
    rankDistribution:
      rankItems > 0 && options.rankSamples !== undefined && options.rankSamples.rounds > 0
        ? {
            resamples: options.rankSamples.rounds,
            shares: rankDistributionShares(options.rankSamples, rankItems).map((share) => ({
              ...share,
              item: titleOf(share.item),
            })),
          }
        : undefined,
    itemPages,
    groups: { count: groups.count, byCategory: groupsAreCategories(groups.groupOf, standings) },
    period: timePeriod(table.time),
    ...(options.filter === undefined ? {} : { filter: options.filter }),
  };
}

/** One item's standing: pooled rating and rank interval, tournament score, record, assessments. */
function describeStanding(
  item: {
    id: string;
    code: number;
    title: string;
    record: LoadedDataset["items"][number] | undefined;
    row: LeaderboardRow | undefined;
  },
  context: {
    winRates: ReturnType<typeof computeWinRates>;
    invalid: Float64Array;
    assessmentsByItem: ReadonlyMap<string, ItemAssessment[]>;
    groupOf: Int32Array;
    scores: TournamentScores | undefined;
  },
): ItemStanding {
  const { id, code, title, record, row } = item;
  const { winRates, invalid, assessmentsByItem, groupOf, scores } = context;
  const wins = winRates.wins[code]!;
  const losses = winRates.losses[code]!;
  const scoreValue = scores?.value[code];
  return {
    id,
    title,
    category: record?.category,
    rating:
      row === undefined || !Number.isFinite(row.rating)
        ? undefined
        : {
            value: row.rating,
            lower: row.lower,
            upper: row.upper,
            rank: row.rank,
            rankLower: row.rankLower,
            rankUpper: row.rankUpper,
          },
    score:
      scoreValue === undefined || !Number.isFinite(scoreValue)
        ? undefined
        : { value: scoreValue, halfWidth: scores!.halfWidth[code]! },
    wins,
    losses,
    ties: winRates.ties[code]!,
    invalid: invalid[code]!,
    matches: winRates.comparisons[code]!,
    winRate: {
      value: wins + losses === 0 ? null : winRates.winRate[code]!,
      lower: winRates.lower[code]!,
      upper: winRates.upper[code]!,
    },
    assessments: assessmentsByItem.get(id) ?? [],
    ...(groupOf[code]! >= 0 ? { group: groupOf[code]! } : {}),
  };
}

/** Invalid verdicts per item code. */
function countInvalidVerdicts(table: ComparisonTable): Float64Array {
  const invalid = new Float64Array(table.itemIds.length);
  for (let row = 0; row < table.size; row++) {
    if (table.verdict[row] === 3) {
      invalid[table.first[row]!]! += 1;
      invalid[table.second[row]!]! += 1;
    }
  }
  return invalid;
}

/** The pointwise assessments of each item, in file order. */
function collectAssessments(dataset: LoadedDataset): Map<string, ItemAssessment[]> {
  const assessmentsByItem = new Map<string, ItemAssessment[]>();
  for (const assessment of dataset.assessments) {
    const list = assessmentsByItem.get(assessment.item) ?? [];
    list.push({
      judge: assessment.judge,
      scores: assessment.scores,
      scale: assessment.scale,
      text: assessment.text,
      createdAt: assessment.createdAt,
    });
    assessmentsByItem.set(assessment.item, list);
  }
  return assessmentsByItem;
}

/** The item pages asked for (`pageItems`), with each item's text, byline and comparison history. */
function buildItemPages(context: {
  options: BuildReportDataOptions;
  byId: ReadonlyMap<string, ItemStanding>;
  records: ReadonlyMap<string, LoadedDataset["items"][number]>;
  scoreRanges: ReturnType<typeof categoryScoreRanges>;
}): ItemPage[] {
  const { options, byId, records, scoreRanges } = context;
  const published = readPublishedFigures(options.dataset.manifest.published);
  return options.pageItems.flatMap((id): ItemPage[] => {
    const standing = byId.get(id);
    if (standing === undefined) return [];
    const record = records.get(id);
    return [
      {
        standing,
        text: record?.text ?? stringField(record?.metadata, "abstract"),
        byline: authorsOf(record?.metadata),
        decision: stringField(record?.metadata, "decision"),
        history: options.details.history.get(id) ?? [],
        scoreRange: singleValueRange(scoreRanges.get(standing.category ?? "")) ?? published?.scoreRange,
        categorySize: standing.categoryRank?.of,
        published: published?.item === id ? published.figures : undefined,
        requested: options.requestedPages?.includes(id) === true,
      },
    ];
  });
}

/** Per-judge run summaries: the metrics' counts with the judge record's model and the run's usage. */
function summarizeJudgeRuns(
  dataset: LoadedDataset,
  metrics: MetricsDocument,
  details: ComparisonDetails,
): JudgeRunSummary[] {
  const judgeRecords = new Map(dataset.judges.map((judge) => [judge.id, judge]));
  return metrics.dataset.judges.map((summary) => {
    const record = judgeRecords.get(summary.judge);
    const usage = details.usage.get(summary.judge);
    return {
      judge: summary.judge,
      kind: record?.kind ?? summary.kind ?? undefined,
      model: record?.model,
      provider: record?.provider,
      comparisons: summary.comparisons,
      decided: summary.decided,
      ties: summary.ties,
      invalid: summary.invalid,
      costUsd: usage === undefined ? undefined : usage.costUsd,
      inputTokens: usage?.inputTokens,
      outputTokens: usage?.outputTokens,
    };
  });
}

/**
 * Rank within category by tournament score when present (the seed layout; the exact score and the title-hash
 * tie-break when given), else by BT rating, labelled with its method; with a score, the BT rank in the category
 * too, so a page never shows one method's rank as the other's.
 */
function rankWithinCategories(
  standings: readonly ItemStanding[],
  exactScores: readonly number[] | undefined,
  tiebreak: readonly string[] | undefined,
): ItemStanding[] {
  const categories = standings.map((item) => item.category);
  const byScore = standings.some((item) => item.score !== undefined);
  const ranks = rankWithinCategory({
    scores: standings.map(
      (item, code) =>
        (byScore
          ? item.score === undefined
            ? undefined
            : (exactScores?.[code] ?? item.score.value)
          : item.rating?.value) ?? Number.NaN,
    ),
    categories,
    tiebreak,
  });
  const ratingRanks = byScore
    ? rankWithinCategory({ scores: standings.map((item) => item.rating?.value ?? Number.NaN), categories })
    : undefined;
  return standings.map((item, index) => {
    const rank = ranks[index];
    const ratingRank = ratingRanks?.[index];
    return {
      ...item,
      categoryRank:
        rank === null || rank === undefined
          ? undefined
          : { rank: rank.rank, of: rank.of, by: byScore ? "tournament score" : "BT rating" },
      categoryRankByRating:
        ratingRank === null || ratingRank === undefined ? undefined : { rank: ratingRank.rank, of: ratingRank.of },
    };
  });
}

/** A range that spans something; undefined for a single score (a bar from a value to itself shows nothing). */
function singleValueRange(range: { lower: number; upper: number } | undefined) {
  return range === undefined || range.upper <= range.lower ? undefined : range;
}

const numberOrUndefined = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const recordOrUndefined = (value: unknown) =>
  value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;

/**
 * Reads the figures a source published for one item from the manifest's free-form `published` block (as the
 * seed-page transcription records them: item, tournamentScore.display, rank, winRate, wins, losses, matches,
 * comparisonHistoryCount, scoreBarLabels.readAs). Anything missing or malformed is simply not shown.
 */
export function readPublishedFigures(
  published: Record<string, unknown> | undefined,
): { item: string; figures: PublishedFigures; scoreRange?: { lower: number; upper: number } } | undefined {
  if (published === undefined || typeof published.item !== "string") return undefined;
  const score = recordOrUndefined(published.tournamentScore);
  const rank = recordOrUndefined(published.rank);
  const bar = recordOrUndefined(published.scoreBarLabels)?.readAs;
  const position = numberOrUndefined(rank?.position);
  const of = numberOrUndefined(rank?.of);
  const range =
    Array.isArray(bar) && typeof bar[0] === "number" && typeof bar[1] === "number" && bar[1] > bar[0]
      ? { lower: bar[0], upper: bar[1] }
      : undefined;
  return {
    item: published.item,
    figures: {
      score: typeof score?.display === "string" ? score.display : undefined,
      rank:
        position === undefined || of === undefined
          ? undefined
          : { position, of, category: typeof rank?.category === "string" ? rank.category : undefined },
      winRate: numberOrUndefined(published.winRate),
      wins: numberOrUndefined(published.wins),
      losses: numberOrUndefined(published.losses),
      matches: numberOrUndefined(published.matches),
      historyCount: numberOrUndefined(published.comparisonHistoryCount),
    },
    ...(range === undefined ? {} : { scoreRange: range }),
  };
}

/** True when every group holds items of one category and every category lies in one group. */
function groupsAreCategories(groupOf: Int32Array, standings: readonly ItemStanding[]): boolean {
  const categoryOfGroup = new Map<number, string | undefined>();
  const groupOfCategory = new Map<string | undefined, number>();
  for (let code = 0; code < groupOf.length; code++) {
    const group = groupOf[code]!;
    if (group < 0) continue;
    const category = standings[code]?.category;
    if (category === undefined) return false;
    if ((categoryOfGroup.get(group) ?? category) !== category) return false;
    if ((groupOfCategory.get(category) ?? group) !== group) return false;
    categoryOfGroup.set(group, category);
    groupOfCategory.set(category, group);
  }
  return categoryOfGroup.size > 1;
}

function categoryScoreRanges(items: readonly ItemStanding[]): Map<string, { lower: number; upper: number }> {
  const ranges = new Map<string, { lower: number; upper: number }>();
  for (const item of items) {
    if (item.score === undefined) continue;
    const key = item.category ?? "";
    const range = ranges.get(key) ?? { lower: Number.POSITIVE_INFINITY, upper: Number.NEGATIVE_INFINITY };
    range.lower = Math.min(range.lower, item.score.value);
    range.upper = Math.max(range.upper, item.score.value);
    ranges.set(key, range);
  }
  return ranges;
}

function timePeriod(time: Float64Array): { start: string; end: string } | undefined {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of time) {
    if (Number.isNaN(value)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (!Number.isFinite(low)) return undefined;
  return { start: new Date(low).toISOString().slice(0, 10), end: new Date(high).toISOString().slice(0, 10) };
}
