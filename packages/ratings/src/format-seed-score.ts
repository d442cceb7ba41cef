import { createHash } from "node:crypto";

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
 * Rank of each item within its category by `scores` (higher is better). Without `tiebreak`, competition ranking:
 * equal scores share the better rank. With `tiebreak` (one key per item, e.g. {@link titleHashKey} of its title,
 * as the seed system does), equal scores are ordered by key (ascending; missing keys last) and every item gets
 * its own rank, so ranks can match a site that sorts this way. Items with no category or a NaN score get null.
 */
export function rankWithinCategory(options: {
  scores: ArrayLike<number>;
  categories: readonly (string | undefined)[];
  tiebreak?: readonly (string | undefined)[] | undefined;
}): (CategoryRank | null)[] {
  const { scores, categories, tiebreak } = options;
  const members = new Map<string, number[]>();
  for (let i = 0; i < scores.length; i++) {
    const category = categories[i];
    if (category === undefined || Number.isNaN(scores[i]!)) continue;
    const list = members.get(category) ?? [];
    list.push(i);
    members.set(category, list);
  }
  const result: (CategoryRank | null)[] = Array.from({ length: scores.length }, () => null);
  for (const [category, codes] of members) {
    codes.sort((a, b) => scores[b]! - scores[a]! || compareKeys(tiebreak?.[a], tiebreak?.[b]));
    let rank = 1;
    codes.forEach((code, position) => {
      if (position > 0 && (tiebreak !== undefined || scores[codes[position - 1]!] !== scores[code]))
        rank = position + 1;
      result[code] = { category, rank, of: codes.length, display: `#${rank} of ${codes.length}` };
    });
  }
  return result;
}

function compareKeys(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/**
 * The seed system's tie-break key of an item: the SHA-256 of its title as lowercase hex (UTF-8). Items with equal
 * scores are listed in ascending key order (`--tiebreak title-hash`).
 */
export function titleHashKey(title: string): string {
  return createHash("sha256").update(title, "utf8").digest("hex");
}
