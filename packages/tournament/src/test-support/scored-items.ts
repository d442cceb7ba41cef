import { fakeScoredText } from "@judgelab/judges/test-support";
import type { Item } from "@judgelab/schema";

/**
 * Items whose text carries a unique ground-truth score read by the fake provider servers (`score=<n>`), so every
 * verdict of a fake judge is known in advance: the higher score wins. Scores are a seeded-free permutation
 * (k·7 mod count) so item order and strength are unrelated.
 */
export function createScoredItems(count: number, categories: readonly string[] = ["papers"]): Item[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `item-${String(index).padStart(3, "0")}`,
    title: `Item ${index}`,
    text: fakeScoredText((index * 7) % count, `Abstract of item ${index}.`),
    category: categories[index % categories.length]!,
  }));
}

/** The score of an item created by `createScoredItems`. */
export function scoreOf(item: Item): number {
  return Number(/score=(-?\d+)/.exec(item.text ?? "")?.[1]);
}
