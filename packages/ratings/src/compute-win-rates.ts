import type { PairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { wilsonInterval } from "./wilson-interval.js";

/** Per-item record and win rate with its Wilson interval. Arrays are indexed by item code. */
export interface WinRates {
  readonly itemIds: readonly string[];
  readonly wins: Float64Array;
  readonly losses: Float64Array;
  readonly ties: Float64Array;
  /** Valid comparisons the item took part in (wins + losses + ties). */
  readonly comparisons: Float64Array;
  /** wins / (wins + losses): ties are excluded from the denominator (docs/metrics.md); NaN when undecided. */
  readonly winRate: Float64Array;
  /** 95% Wilson interval of the win rate ([0, 1] when no decided comparisons). */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * Counts wins, losses and ties per item and the win rate wins/(wins + losses) with a Wilson interval.
 * Invalid verdicts (3) are skipped. To score matches rather than comparisons, pass the output of
 * {@link scoreMatches}.
 */
export function computeWinRates(outcomes: PairwiseOutcomes, options: { z?: number } = {}): WinRates {
  const itemCount = outcomes.itemIds.length;
  const wins = new Float64Array(itemCount);
  const losses = new Float64Array(itemCount);
  const ties = new Float64Array(itemCount);
  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    const a = outcomes.first[row]!;
    const b = outcomes.second[row]!;
    if (verdict === 0) {
      wins[a] = wins[a]! + 1;
      losses[b] = losses[b]! + 1;
    } else if (verdict === 1) {
      wins[b] = wins[b]! + 1;
      losses[a] = losses[a]! + 1;
    } else if (verdict === 2) {
      ties[a] = ties[a]! + 1;
      ties[b] = ties[b]! + 1;
    }
  }
  return finishWinRates({ itemIds: outcomes.itemIds, wins, losses, ties }, options.z);
}

/**
 * {@link computeWinRates} from aggregated cells (each cell's first wins are wins of `first[c]`, and so on): the
 * same record as from the rows the cells came from.
 */
export function computeWinRatesFromCells(cells: PairCells, options: { z?: number } = {}): WinRates {
  const itemCount = cells.itemIds.length;
  const wins = new Float64Array(itemCount);
  const losses = new Float64Array(itemCount);
  const ties = new Float64Array(itemCount);
  for (let c = 0; c < cells.size; c++) {
    const a = cells.first[c]!;
    const b = cells.second[c]!;
    const firstWins = cells.firstWins[c]!;
    const secondWins = cells.secondWins[c]!;
    const tied = cells.ties[c]!;
    wins[a] = wins[a]! + firstWins;
    losses[b] = losses[b]! + firstWins;
    wins[b] = wins[b]! + secondWins;
    losses[a] = losses[a]! + secondWins;
    ties[a] = ties[a]! + tied;
    ties[b] = ties[b]! + tied;
  }
  return finishWinRates({ itemIds: cells.itemIds, wins, losses, ties }, options.z);
}

/** Win rates and Wilson intervals from the per-item counts. */
function finishWinRates(
  counts: { itemIds: readonly string[]; wins: Float64Array; losses: Float64Array; ties: Float64Array },
  z: number | undefined,
): WinRates {
  const { itemIds, wins, losses, ties } = counts;
  const itemCount = itemIds.length;
  const comparisons = new Float64Array(itemCount);
  const winRate = new Float64Array(itemCount);
  const lower = new Float64Array(itemCount);
  const upper = new Float64Array(itemCount);
  for (let i = 0; i < itemCount; i++) {
    const decided = wins[i]! + losses[i]!;
    comparisons[i] = decided + ties[i]!;
    winRate[i] = decided === 0 ? Number.NaN : wins[i]! / decided;
    const interval = wilsonInterval({
      successes: wins[i]!,
      trials: decided,
      ...(z === undefined ? {} : { z }),
    });
    lower[i] = interval.lower;
    upper[i] = interval.upper;
  }
  return { itemIds, wins, losses, ties, comparisons, winRate, lower, upper };
}
