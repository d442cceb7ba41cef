import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/** Per-item mean score with half ties (AlpacaEval's win rate) and its standard error. Indexed by item code. */
export interface MeanScores {
  readonly itemIds: readonly string[];
  /** Valid comparisons the item took part in (n). */
  readonly comparisons: Float64Array;
  /** Comparisons scored from a continuous `preference` rather than from the verdict. */
  readonly fromPreference: Float64Array;
  /** Mean score s̄ = Σs/n in [0, 1]; NaN without comparisons. */
  readonly mean: Float64Array;
  /** Standard error of the mean sd(s)/√n with ddof 1 (pandas `sem`); NaN below two comparisons. */
  readonly standardError: Float64Array;
}

/**
 * Mean scores with ties as half a win, the win rate of AlpacaEval's leaderboards (Li et al. 2023,
 * `alpaca_eval.metrics.pairwise_to_winrate`): each valid comparison gives the item a score s in [0, 1], its
 * continuous preference where the comparison has one (p for the second item, 1 − p for the first) and
 * otherwise 1 for a win, 0.5 for a tie and 0 for a loss. The win rate is s̄ = Σs/n and its standard error
 * sd(s)/√n with sd on n − 1 degrees of freedom; the leaderboard prints 100·s̄ and 100·SE. Invalid verdicts (3)
 * are skipped even when a preference is present.
 *
 * @example AlpacaEval 2, Ein-70B-v0.1 vs gpt4_1106_preview: 199 wins, 2 ties, 604 losses → 100·s̄ = 24.845.
 */
export function computeMeanScores(outcomes: PairwiseOutcomes): MeanScores {
  const itemCount = outcomes.itemIds.length;
  const comparisons = new Float64Array(itemCount);
  const fromPreference = new Float64Array(itemCount);
  const sum = new Float64Array(itemCount);
  const sumOfSquares = new Float64Array(itemCount);
  const add = (item: number, score: number, soft: boolean) => {
    comparisons[item] = comparisons[item]! + 1;
    if (soft) fromPreference[item] = fromPreference[item]! + 1;
    sum[item] = sum[item]! + score;
    sumOfSquares[item] = sumOfSquares[item]! + score * score;
  };
  const preference = outcomes.preference;
  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    if (verdict > 2) continue;
    const soft = preference !== undefined && Number.isFinite(preference[row]!);
    const forSecond = soft ? preference[row]! : verdict === 1 ? 1 : verdict === 0 ? 0 : 0.5;
    add(outcomes.first[row]!, 1 - forSecond, soft);
    add(outcomes.second[row]!, forSecond, soft);
  }
  const mean = new Float64Array(itemCount);
  const standardError = new Float64Array(itemCount);
  for (let i = 0; i < itemCount; i++) {
    const n = comparisons[i]!;
    const average = n === 0 ? Number.NaN : sum[i]! / n;
    mean[i] = average;
    // Σ(s − s̄)² = Σs² − n·s̄², clamped at 0 against rounding.
    const squares = Math.max(0, sumOfSquares[i]! - n * average * average);
    standardError[i] = n < 2 ? Number.NaN : Math.sqrt(squares / (n - 1) / n);
  }
  return { itemIds: outcomes.itemIds, comparisons, fromPreference, mean, standardError };
}
