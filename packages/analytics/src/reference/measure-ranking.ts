import { normalCdf } from "@judgelab/ratings";
import type { OverlapRow, ReferenceSection } from "../metrics-document.js";
import { unavailable } from "../section.js";
import type { LeaderboardFit } from "../stability/fit-leaderboard.js";
import { expectedTopOverlap } from "../stats/expected-top-overlap.js";
import { proportion, statistic } from "../stats/proportion.js";
import { kendallTauB, spearman } from "../stats/rank-correlation.js";

/** Fractions for top/bottom-k% overlap. */
export const OVERLAP_FRACTIONS = [0.1, 0.25];

/**
 * The pooled BT ranking against per-item reference scores: Spearman/Kendall; top and bottom k% overlap against
 * its expectation under the bivariate normal with the observed Spearman ρ (Pearson correlation 2·sin(πρ/6));
 * Arena-Hard agreement with confidence (+1 same separated order, −1 opposite, 0 our CIs overlap; mean over
 * pairs with different reference scores) and pair-rank Brier score with P(a above b) = Φ((r_a − r_b)/√(s_a² + s_b²))
 * from the bootstrap standard deviations.
 */
export function measureRanking(
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
