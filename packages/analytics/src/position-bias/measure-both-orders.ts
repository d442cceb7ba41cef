import type { ComparisonTable } from "@judgelab/datasets";
import { cohenKappaFromMatrix } from "../agreement/cohen-kappa.js";
import type { BothOrderFigures, Section, ShiFigures } from "../metrics-document.js";
import type { OrderPairs } from "../order-pairs.js";
import type { PairUnits } from "../pair-units.js";
import { unavailable } from "../section.js";
import { proportion, statistic } from "../stats/proportion.js";

/** Per-judge counts over both-order vote pairs (see {@link measureBothOrders}). */
interface BothOrderCounts {
  pairs: number;
  consistent: number;
  biasedFirst: number;
  biasedSecond: number;
  primacy: number;
  recency: number;
  /** Vote pairs with exactly one unparsed verdict (left out of the pair figures; Shi et al.'s answer count keeps them). */
  halfParsed: number;
  /** Canonical-label confusion between the low-first and high-first votes (low, high, tie). */
  confusion: Float64Array;
}

/**
 * Both-order figures per judge from the (low-first, high-first) vote pairs; pairs where either vote is
 * invalid (unparsed) are excluded, as in Shi et al. and the Judging-the-Judges logs.
 * - consistency: same canonical winner in both orders (tie–tie counts); conflict rate = 1 − consistency. Unit:
 *   the pair (one vote pair per judge, pair and repetition). `consistencyPerAnswer` counts as Shi et al.'s logs do
 *   ("X out of Y answers are consistent"): unit the answer (each order's judgment), X = 2·consistent pairs + u,
 *   Y = 2·parsed pairs + u with u = pairs with exactly one unparsed verdict (its parsed answer counted consistent).
 * - biased-first / biased-second: the first / second position picked both times (MT-Bench Table 2).
 * - κ between orders: Cohen's κ between the canonical labels of the two votes (LLMBar `kappa_agreement`).
 * - Shi et al.: with A = first, B = second, C = tie in (low-first, high-first) order, primacy ∈ {AA, AC, CA},
 *   recency ∈ {BB, BC, CB}, consistent ∈ {AB, BA, CC}; PC = consistent / all (pooled). Preference fairness
 *   needs the (judge, model, task) units: see {@link measurePreferenceFairness}.
 */
export function measureBothOrders(
  table: ComparisonTable,
  units: PairUnits,
  pairs: OrderPairs,
): {
  bothOrders: Section<BothOrderFigures>;
  shi: Section<Omit<ShiFigures, "repetitionStability" | "preferenceFairness">>;
}[] {
  const counts: BothOrderCounts[] = table.judgeIds.map(() => ({
    pairs: 0,
    consistent: 0,
    biasedFirst: 0,
    biasedSecond: 0,
    primacy: 0,
    recency: 0,
    halfParsed: 0,
    confusion: new Float64Array(9),
  }));
  for (let index = 0; index < pairs.count; index++) {
    const original = table.verdict[pairs.lowFirstRow[index]!]!;
    const swapped = table.verdict[pairs.highFirstRow[index]!]!;
    const judgeCounts = counts[pairs.judge[index]!]!;
    if (original === 3 || swapped === 3) {
      if (original !== swapped) judgeCounts.halfParsed++;
      continue;
    }
    judgeCounts.pairs++;
    const labelOriginal = units.label[pairs.lowFirstRow[index]!]!;
    const labelSwapped = units.label[pairs.highFirstRow[index]!]!;
    judgeCounts.confusion[labelOriginal * 3 + labelSwapped]!++;
    if (labelOriginal === labelSwapped) judgeCounts.consistent++;
    if (original === 0 && swapped === 0) judgeCounts.biasedFirst++;
    if (original === 1 && swapped === 1) judgeCounts.biasedSecond++;
    const hasFirst = original === 0 || swapped === 0;
    const hasSecond = original === 1 || swapped === 1;
    if (hasFirst && !hasSecond) judgeCounts.primacy++;
    else if (hasSecond && !hasFirst) judgeCounts.recency++;
  }
  return counts.map((judgeCounts) => {
    const n = judgeCounts.pairs;
    if (n === 0) {
      const reason = "this judge judged no pair in both presentation orders";
      return { bothOrders: unavailable(reason), shi: unavailable(reason) };
    }
    return {
      bothOrders: {
        available: true,
        consistency: proportion(judgeCounts.consistent, n),
        consistencyPerAnswer: {
          consistent: 2 * judgeCounts.consistent + judgeCounts.halfParsed,
          answers: 2 * n + judgeCounts.halfParsed,
        },
        biasedFirst: proportion(judgeCounts.biasedFirst, n),
        biasedSecond: proportion(judgeCounts.biasedSecond, n),
        conflictRate: proportion(n - judgeCounts.consistent, n),
        kappaBetweenOrders: statistic(cohenKappaFromMatrix(judgeCounts.confusion, 3), n),
      },
      shi: {
        available: true,
        primacy: judgeCounts.primacy,
        recency: judgeCounts.recency,
        consistent: judgeCounts.consistent,
        positionConsistency: proportion(judgeCounts.consistent, n),
      },
    };
  });
}
