import { chronologicalOrder } from "./chronological-order.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { GLICKO2_DEFAULTS, type Glicko2Game, type Glicko2Settings, updateGlicko2 } from "./update-glicko2.js";

/** Glicko-2 state per item code. */
export interface Glicko2Ratings {
  readonly itemIds: readonly string[];
  readonly rating: Float64Array;
  readonly deviation: Float64Array;
  readonly volatility: Float64Array;
  readonly periods: number;
}

/** Options of {@link computeGlicko2}. */
export interface Glicko2Options {
  readonly settings?: Partial<Glicko2Settings>;
  /**
   * Rating period of each row (any integers; periods are processed in increasing order). Default: consecutive
   * blocks of `comparisonsPerPeriod` rows in chronological order.
   */
  readonly periods?: ArrayLike<number>;
  /**
   * Block size when `periods` is not given. Default 5 × items, i.e. about 10 games per item per period, the
   * 10–15 that Glickman recommends.
   */
  readonly comparisonsPerPeriod?: number;
}

/**
 * Glicko-2 over rating periods: within a period every item is updated once from all its games, against its
 * opponents' ratings at the start of the period ({@link updateGlicko2}); items without games only gain
 * deviation. Ties score 0.5; invalid rows are skipped.
 */
export function computeGlicko2(outcomes: PairwiseOutcomes, options: Glicko2Options = {}): Glicko2Ratings {
  const settings = { ...GLICKO2_DEFAULTS, ...options.settings };
  const itemCount = outcomes.itemIds.length;
  const rating = new Float64Array(itemCount).fill(settings.rating);
  const deviation = new Float64Array(itemCount).fill(settings.deviation);
  const volatility = new Float64Array(itemCount).fill(settings.volatility);
  const order = chronologicalOrder(outcomes);
  const blockSize = Math.max(1, options.comparisonsPerPeriod ?? 5 * itemCount);
  const periodOf = (position: number): number =>
    options.periods === undefined ? Math.floor(position / blockSize) : options.periods[order[position]!]!;
  const rowsByPeriod = new Map<number, number[]>();
  for (let position = 0; position < order.length; position++) {
    const period = periodOf(position);
    const rows = rowsByPeriod.get(period) ?? [];
    rows.push(order[position]!);
    rowsByPeriod.set(period, rows);
  }
  const periods = [...rowsByPeriod.keys()].sort((a, b) => a - b);
  const games: Glicko2Game[][] = Array.from({ length: itemCount }, () => []);
  for (const period of periods) {
    for (const list of games) list.length = 0;
    for (const row of rowsByPeriod.get(period) ?? []) {
      const verdict = outcomes.verdict[row]!;
      if (verdict > 2) continue;
      const a = outcomes.first[row]!;
      const b = outcomes.second[row]!;
      const scoreA = verdict === 0 ? 1 : verdict === 1 ? 0 : 0.5;
      const stateOf = (code: number) => ({
        rating: rating[code]!,
        deviation: deviation[code]!,
        volatility: volatility[code]!,
      });
      games[a]?.push({ opponent: stateOf(b), score: scoreA });
      games[b]?.push({ opponent: stateOf(a), score: 1 - scoreA });
    }
    for (let i = 0; i < itemCount; i++) {
      const next = updateGlicko2({
        player: { rating: rating[i]!, deviation: deviation[i]!, volatility: volatility[i]! },
        games: games[i] ?? [],
        settings,
      });
      rating[i] = next.rating;
      deviation[i] = next.deviation;
      volatility[i] = next.volatility;
    }
  }
  return { itemIds: outcomes.itemIds, rating, deviation, volatility, periods: periods.length };
}
