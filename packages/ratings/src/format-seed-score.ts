/** The seed system's display of a TrueSkill belief. */
export interface SeedScore {
  /** round((μ − 3σ)·10 + 1200). */
  readonly score: number;
  /** round(2σ·10), labelled a 95% interval by the seed system (drawn around the conservative score). */
  readonly plusMinus: number;
  /** `${score}±${plusMinus}`, e.g. "1540±40". */
  readonly display: string;
}

/**
 * The seed system's tournament score (docs/metrics.md): score = round((μ − 3σ)·10 + 1200), shown as
 * `score±round(2σ·10)`. μ = 40, σ = 2 → "1540±40"; a new item (25, 25/3) → "1200±167".
 */
export function formatSeedScore(mu: number, sigma: number): SeedScore {
  const score = Math.round((mu - 3 * sigma) * 10 + 1200);
  const plusMinus = Math.round(2 * sigma * 10);
  return { score, plusMinus, display: `${score}±${plusMinus}` };
}

/** An item's rank within its category. */
export interface CategoryRank {
  readonly category: string;
  readonly rank: number;
  readonly of: number;
  /** "#52 of 2292". */
  readonly display: string;
}

/**
 * Rank of each item within its category by `scores` (higher is better, competition ranking: equal scores share
 * the better rank). Items with no category or a NaN score get null.
 */
export function rankWithinCategory(options: {
  scores: ArrayLike<number>;
  categories: readonly (string | undefined)[];
}): (CategoryRank | null)[] {
  const { scores, categories } = options;
  const members = new Map<string, number[]>();
  for (let i = 0; i < scores.length; i++) {
    const category = categories[i];
    if (category === undefined || Number.isNaN(scores[i] as number)) continue;
    const list = members.get(category) ?? [];
    list.push(i);
    members.set(category, list);
  }
  const result: (CategoryRank | null)[] = Array.from({ length: scores.length }, () => null);
  for (const [category, codes] of members) {
    codes.sort((a, b) => (scores[b] as number) - (scores[a] as number));
    let rank = 1;
    codes.forEach((code, position) => {
      if (position > 0 && scores[codes[position - 1] as number] !== scores[code]) rank = position + 1;
      result[code] = { category, rank, of: codes.length, display: `#${rank} of ${codes.length}` };
    });
  }
  return result;
}
