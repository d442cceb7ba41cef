import type { ComparisonTable } from "@judgelab/datasets";
import type { AssessmentColumns } from "../analysis-input.js";
import type { Bin, CoherenceRow, CoherenceSection, Proportion } from "../metrics-document.js";
import { unavailable } from "../section.js";
import { proportion, statistic } from "../stats/proportion.js";
import { averageRanks, kendallTauB, spearman } from "../stats/rank-correlation.js";

/** |score gap| bin edges (score units) for "does the judge's score gap predict its pick". */
export const SCORE_GAP_BINS = [0, 1, 2, 4, Number.POSITIVE_INFINITY];

/**
 * Pointwise vs pairwise coherence. Per assessing judge: Kendall τ-b / Spearman ρ between its mean score per
 * item and the pooled BT rating; and, on its own decided comparisons where it scored both items differently,
 * the share where the item it scored higher won, overall and by |score gap|. Seed-system percentile gap per
 * item: 100·(tournament percentile − pointwise percentile), percentiles = (average rank − 1)/(n − 1) among
 * items with both a rating and a mean score (over all assessing judges).
 */
export function measureCoherence(options: {
  table: ComparisonTable;
  assessments: AssessmentColumns;
  ratings: Float64Array | undefined;
  maxItems: number;
}): CoherenceSection {
  const { table, assessments, ratings, maxItems } = options;
  const itemCount = table.itemIds.length;
  const judgeCount = table.judgeIds.length;
  const sums = new Float64Array(judgeCount * itemCount);
  const counts = new Float64Array(judgeCount * itemCount);
  const pooledSums = new Float64Array(itemCount);
  const pooledCounts = new Float64Array(itemCount);
  const assessing = new Set<number>();
  for (let index = 0; index < assessments.score.length; index++) {
    const score = assessments.score[index]!;
    if (!Number.isFinite(score)) continue;
    const item = assessments.item[index]!;
    const judge = assessments.judge[index]!;
    assessing.add(judge);
    sums[judge * itemCount + item]! += score;
    counts[judge * itemCount + item]!++;
    pooledSums[item]! += score;
    pooledCounts[item]!++;
  }
  const meanScore = (judge: number, item: number) => {
    const n = counts[judge * itemCount + item]!;
    return n === 0 ? Number.NaN : sums[judge * itemCount + item]! / n;
  };
  const rows: CoherenceRow[] = [...assessing]
    .sort((a, b) => a - b)
    .map((judge) => ({
      judge: table.judgeIds[judge]!,
      withRating: correlateWithRating(ratings, (item) => meanScore(judge, item), itemCount),
      scoreGapPredictsPick: measureGapPredictsPick(table, judge, (item) => meanScore(judge, item)),
    }));
  return {
    perJudge: rows,
    percentileGap: measurePercentileGap(table, ratings, pooledSums, pooledCounts, maxItems),
  };
}

function correlateWithRating(
  ratings: Float64Array | undefined,
  score: (item: number) => number,
  itemCount: number,
): CoherenceRow["withRating"] {
  if (ratings === undefined) return unavailable("no pooled leaderboard (see stability)");
  const x: number[] = [];
  const y: number[] = [];
  for (let item = 0; item < itemCount; item++) {
    const value = score(item);
    if (Number.isFinite(value) && Number.isFinite(ratings[item]!)) {
      x.push(value);
      y.push(ratings[item]!);
    }
  }
  if (x.length < 3) return unavailable("fewer than three items with both a score and a rating");
  return {
    available: true,
    kendall: statistic(kendallTauB(x, y), x.length),
    spearman: statistic(spearman(x, y), x.length),
  };
}

function measureGapPredictsPick(
  table: ComparisonTable,
  judge: number,
  score: (item: number) => number,
): CoherenceRow["scoreGapPredictsPick"] {
  const agree = new Float64Array(SCORE_GAP_BINS.length - 1);
  const totals = new Float64Array(SCORE_GAP_BINS.length - 1);
  for (let row = 0; row < table.size; row++) {
    if (table.judge[row] !== judge || table.verdict[row]! > 1) continue;
    const gap = score(table.first[row]!) - score(table.second[row]!);
    if (!Number.isFinite(gap) || gap === 0) continue;
    const bin = SCORE_GAP_BINS.findIndex(
      (edge, at) => Math.abs(gap) >= edge && Math.abs(gap) < SCORE_GAP_BINS[at + 1]!,
    );
    totals[bin]!++;
    if (gap > 0 === (table.verdict[row] === 0)) agree[bin]!++;
  }
  const n = totals.reduce((sum, value) => sum + value, 0);
  if (n === 0) return unavailable("the judge scored no pair it compared with different scores");
  const bins: Bin<Proportion>[] = Array.from(totals, (total, bin) => ({
    lower: SCORE_GAP_BINS[bin]!,
    upper: Number.isFinite(SCORE_GAP_BINS[bin + 1]!) ? SCORE_GAP_BINS[bin + 1]! : null,
    value: proportion(agree[bin]!, total),
  }));
  return {
    available: true,
    overall: proportion(
      agree.reduce((sum, value) => sum + value, 0),
      n,
    ),
    bins,
  };
}

function measurePercentileGap(
  table: ComparisonTable,
  ratings: Float64Array | undefined,
  sums: Float64Array,
  counts: Float64Array,
  maxItems: number,
): CoherenceSection["percentileGap"] {
  if (ratings === undefined) return unavailable("no pooled leaderboard (see stability)");
  const items: number[] = [];
  for (let item = 0; item < ratings.length; item++) {
    if (Number.isFinite(ratings[item]!) && counts[item]! > 0) items.push(item);
  }
  if (items.length < 2) return unavailable("fewer than two items with both a rating and a score");
  const tournament = averageRanks(items.map((item) => ratings[item]!));
  const pointwise = averageRanks(items.map((item) => sums[item]! / counts[item]!));
  const scale = 100 / (items.length - 1);
  const gaps = items.map((item, index) => ({
    item: table.itemIds[item]!,
    gap: (tournament[index]! - pointwise[index]!) * scale,
  }));
  const meanAbsolute = gaps.reduce((sum, row) => sum + Math.abs(row.gap), 0) / gaps.length;
  gaps.sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap));
  return { available: true, meanAbsoluteGap: statistic(meanAbsolute, gaps.length), items: gaps.slice(0, maxItems) };
}
