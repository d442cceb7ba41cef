import type { ComparisonTable } from "@judgelab/datasets";
import { quantileSorted } from "@judgelab/ratings";
import { majorityLabels, NO_LABEL } from "../agreement/gold-labels.js";
import { modalOrdinalLabel, type UnitVotes } from "../agreement/unit-votes.js";
import type { Bin, OverlapRow, Proportion, ReferenceSection } from "../metrics-document.js";
import type { PairUnits } from "../pair-units.js";
import { unavailable } from "../section.js";
import type { LeaderboardFit } from "../stability/fit-leaderboard.js";
import { countCyclicTriads } from "../stability/measure-transitivity.js";
import { expectedTopOverlap, normalCdf } from "../stats/normal-distribution.js";
import { proportion, statistic } from "../stats/proportion.js";
import { kendallTauB, spearman } from "../stats/rank-correlation.js";

/** Fractions for top/bottom-k% overlap. */
export const OVERLAP_FRACTIONS = [0.1, 0.25];

/**
 * Judges and the pooled ranking against a reference. Per judge: accuracy of every vote on units with a
 * reference winner (ties and invalid votes are wrong), and by quartile bins of the reference gap (difficulty
 * strata). Ranking (needs per-item reference scores and the pooled BT bootstrap): Spearman/Kendall; top and
 * bottom k% overlap against its expectation under the bivariate normal with the observed Spearman ρ
 * (Pearson correlation 2·sin(πρ/6)); Arena-Hard agreement
 * with confidence (+1 same separated order, −1 opposite, 0 our CIs overlap; mean over pairs with different
 * reference scores) and pair-rank Brier score with P(a above b) = Φ((r_a − r_b)/√(s_a² + s_b²)) from the
 * bootstrap standard deviations. Panel vs single: accuracy of the pooled BT order, the panel majority and each
 * judge's modal label on the units each covers. Transitivity by gap: panel-majority cycles among closed triangles
 * by quartiles of the triangle's smallest reference gap.
 */
export function measureReference(options: {
  table: ComparisonTable;
  units: PairUnits;
  votes: UnitVotes;
  name: string;
  winner: Uint8Array;
  gap: Float64Array;
  itemScore: Float64Array | undefined;
  pooled: LeaderboardFit | undefined;
  exclude: ReadonlySet<number>;
  majorityEdges: { winner: ArrayLike<number>; loser: ArrayLike<number> };
}): ReferenceSection {
  const { table, units, votes, winner, gap, itemScore, pooled, exclude } = options;
  const judgeCount = table.judgeIds.length;
  const gaps: number[] = [];
  for (let u = 0; u < units.count; u++) if (winner[u] !== NO_LABEL && Number.isFinite(gap[u]!)) gaps.push(gap[u]!);
  gaps.sort((a, b) => a - b);
  const edges = gaps.length >= 8 ? [0.25, 0.5, 0.75].map((q) => quantileSorted(gaps, q)) : [];
  const binOf = (value: number) => edges.filter((edge) => value >= edge).length;
  const binCount = edges.length + 1;
  const correct = new Float64Array(judgeCount * (binCount + 1));
  const totals = new Float64Array(judgeCount * (binCount + 1));
  for (let row = 0; row < table.size; row++) {
    const unit = units.unit[row]!;
    if (unit < 0 || winner[unit] === NO_LABEL) continue;
    const judge = table.judge[row]!;
    const ok = units.label[row] === winner[unit] ? 1 : 0;
    const base = judge * (binCount + 1);
    correct[base]! += ok;
    totals[base]!++;
    if (edges.length > 0) {
      correct[base + 1 + binOf(gap[unit]!)]! += ok;
      totals[base + 1 + binOf(gap[unit]!)]!++;
    }
  }
  const binBounds = (bin: number) => ({
    lower: bin === 0 ? gaps[0]! : edges[bin - 1]!,
    upper: bin === binCount - 1 ? null : edges[bin]!,
  });
  const perJudge = table.judgeIds.flatMap((judge, code) => {
    const base = code * (binCount + 1);
    if (exclude.has(code) || totals[base] === 0) return [];
    const byGap: Bin<Proportion>[] =
      edges.length === 0
        ? []
        : Array.from({ length: binCount }, (_, bin) => ({
            ...binBounds(bin),
            value: proportion(correct[base + 1 + bin]!, totals[base + 1 + bin]!),
          }));
    return [{ judge, accuracy: proportion(correct[base]!, totals[base]!), byGap }];
  });
  return {
    name: options.name,
    perJudge,
    ranking: measureRanking(itemScore, pooled),
    transitivityByGap:
      itemScore === undefined
        ? unavailable("no per-item reference scores")
        : measureTransitivityByGap(options.majorityEdges, itemScore),
    panelVsSingle: measurePanelVsSingle({ table, units, votes, winner, pooled, exclude }),
  };
}

function measureRanking(
  itemScore: Float64Array | undefined,
  pooled: LeaderboardFit | undefined,
): ReferenceSection["ranking"] {
  if (itemScore === undefined) return unavailable("no per-item reference scores");
  if (pooled === undefined) return unavailable("no pooled leaderboard (see stability)");
  const items: number[] = [];
  for (let item = 0; item < itemScore.length; item++) {
    if (Number.isFinite(itemScore[item]!) && Number.isFinite(pooled.estimate[item]!)) items.push(item);
  }
  if (items.length < 3) return unavailable("fewer than three items with both a reference score and a rating");
  const ours = items.map((item) => pooled.estimate[item]!);
  const theirs = items.map((item) => itemScore[item]!);
  const rho = spearman(ours, theirs);
  // The bivariate normal whose Spearman correlation is ρ has Pearson correlation 2·sin(πρ/6) (Pearson 1907).
  const normalCorrelation = 2 * Math.sin((Math.PI * rho) / 6);
  const overlap = (fraction: number, top: boolean): OverlapRow => {
    const k = Math.max(1, Math.round(fraction * items.length));
    const pick = (values: number[]) =>
      new Set(
        values
          .map((value, index) => ({ value, index }))
          .sort((a, b) => (top ? b.value - a.value : a.value - b.value) || a.index - b.index)
          .slice(0, k)
          .map((entry) => entry.index),
      );
    const mine = pick(ours);
    let shared = 0;
    for (const index of pick(theirs)) if (mine.has(index)) shared++;
    return {
      fraction,
      k,
      observed: proportion(shared, k),
      expected: Number.isFinite(rho) ? expectedTopOverlap(k / items.length, normalCorrelation) : null,
    };
  };
  let agreementSum = 0;
  let separatedPairs = 0;
  let brierSum = 0;
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) {
      const i = items[a]!;
      const j = items[b]!;
      const reference = Math.sign(itemScore[i]! - itemScore[j]!);
      if (reference === 0) continue;
      separatedPairs++;
      const ourOrder = pooled.lower[i]! > pooled.upper[j]! ? 1 : pooled.lower[j]! > pooled.upper[i]! ? -1 : 0;
      agreementSum += ourOrder * reference;
      const spread = Math.hypot(pooled.standardDeviation[i]!, pooled.standardDeviation[j]!);
      const difference = pooled.estimate[i]! - pooled.estimate[j]!;
      const forecast = spread > 0 ? normalCdf(difference / spread) : difference > 0 ? 1 : difference < 0 ? 0 : 0.5;
      brierSum += (forecast - (reference > 0 ? 1 : 0)) ** 2;
    }
  }
  return {
    available: true,
    spearman: statistic(rho, items.length),
    kendall: statistic(kendallTauB(ours, theirs), items.length),
    topOverlap: OVERLAP_FRACTIONS.map((fraction) => overlap(fraction, true)),
    bottomOverlap: OVERLAP_FRACTIONS.map((fraction) => overlap(fraction, false)),
    agreementWithConfidence: statistic(
      separatedPairs === 0 ? Number.NaN : agreementSum / separatedPairs,
      separatedPairs,
    ),
    pairRankBrier: statistic(separatedPairs === 0 ? Number.NaN : brierSum / separatedPairs, separatedPairs),
  };
}

function measurePanelVsSingle(options: {
  table: ComparisonTable;
  units: PairUnits;
  votes: UnitVotes;
  winner: Uint8Array;
  pooled: LeaderboardFit | undefined;
  exclude: ReadonlySet<number>;
}): ReferenceSection["panelVsSingle"] {
  const { table, units, votes, winner, pooled, exclude } = options;
  const panelJudges = new Set<number>();
  table.judgeIds.forEach((_, code) => {
    if (!exclude.has(code)) panelJudges.add(code);
  });
  const majority = majorityLabels(votes, panelJudges);
  const counts = new Float64Array((table.judgeIds.length + 2) * 2);
  const tally = (slot: number, ok: boolean) => {
    counts[slot * 2 + 1]!++;
    if (ok) counts[slot * 2]!++;
  };
  const roundRobin = table.judgeIds.length;
  const panel = roundRobin + 1;
  for (let u = 0; u < units.count; u++) {
    const truth = winner[u]!;
    if (truth === NO_LABEL) continue;
    if (pooled !== undefined) {
      const difference = pooled.estimate[units.low[u]!]! - pooled.estimate[units.high[u]!]!;
      if (Number.isFinite(difference)) tally(roundRobin, difference !== 0 && (difference > 0 ? 0 : 1) === truth);
    }
    if (majority[u] !== NO_LABEL) tally(panel, majority[u] === truth);
    for (let s = votes.offsets[u]!; s < votes.offsets[u + 1]!; s++) {
      const judge = votes.judges[s]!;
      if (exclude.has(judge)) continue;
      const modal = modalOrdinalLabel(votes.counts[3 * s]!, votes.counts[3 * s + 1]!, votes.counts[3 * s + 2]!);
      tally(judge, modal === (truth === 0 ? 0 : 2));
    }
  }
  const row = (who: string, slot: number) => ({ who, accuracy: proportion(counts[slot * 2]!, counts[slot * 2 + 1]!) });
  return [
    ...(pooled === undefined ? [] : [row("round robin (pooled BT)", roundRobin)]),
    row("panel majority", panel),
    ...table.judgeIds.flatMap((judge, code) =>
      exclude.has(code) || counts[code * 2 + 1] === 0 ? [] : [row(judge, code)],
    ),
  ];
}

/** Panel-majority cycle rate by quartile bins of each closed triangle's smallest reference gap. */
function measureTransitivityByGap(
  edges: { winner: ArrayLike<number>; loser: ArrayLike<number> },
  itemScore: Float64Array,
): NonNullable<ReferenceSection["transitivityByGap"]> {
  const difficulty: number[] = [];
  const cyclic: boolean[] = [];
  countCyclicTriads(edges, (a, b, c, isCycle) => {
    const gap = Math.min(
      Math.abs(itemScore[a]! - itemScore[b]!),
      Math.abs(itemScore[b]! - itemScore[c]!),
      Math.abs(itemScore[a]! - itemScore[c]!),
    );
    if (!Number.isFinite(gap)) return;
    difficulty.push(gap);
    cyclic.push(isCycle);
  });
  if (difficulty.length < 8) return unavailable("fewer than 8 closed triangles with reference scores");
  const sorted = [...difficulty].sort((x, y) => x - y);
  const edgesOfBins = [0.25, 0.5, 0.75].map((q) => quantileSorted(sorted, q));
  const cycles = new Float64Array(4);
  const totals = new Float64Array(4);
  difficulty.forEach((value, index) => {
    const bin = edgesOfBins.filter((edge) => value >= edge).length;
    totals[bin]!++;
    if (cyclic[index]) cycles[bin]!++;
  });
  return {
    available: true,
    bins: Array.from(totals, (total, bin) => ({
      lower: bin === 0 ? sorted[0]! : edgesOfBins[bin - 1]!,
      upper: bin === 3 ? null : edgesOfBins[bin]!,
      value: proportion(cycles[bin]!, total),
    })),
  };
}
