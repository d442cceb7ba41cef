import type { ComparisonTable } from "@judgelab/datasets";
import { quantileSorted } from "@judgelab/ratings";
import { majorityLabels, NO_LABEL } from "../agreement/gold-labels.js";
import { modalOrdinalLabel, type UnitVotes } from "../agreement/unit-votes.js";
import type { Bin, Proportion, ReferenceSection } from "../metrics-document.js";
import type { PairUnits } from "../pair-units.js";
import { unavailable } from "../section.js";
import type { LeaderboardFit } from "../stability/fit-leaderboard.js";
import { proportion } from "../stats/proportion.js";
import { measureRanking } from "./measure-ranking.js";
import { measureTransitivityByGap } from "./measure-transitivity-by-gap.js";

/**
 * Judges and the pooled ranking against a reference. Per judge: accuracy of every vote on units with a
 * reference winner (ties and invalid votes are wrong), and by quartile bins of the reference gap (difficulty
 * strata). Ranking: {@link measureRanking}. Transitivity by gap: {@link measureTransitivityByGap}. Panel vs
 * single: accuracy of the pooled BT order, the panel majority and each judge's modal label on the units each
 * covers.
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
