/**
 * At most `limit` items, taken evenly across the list (every ⌊k·n/limit⌋-th), so that items grouped by category
 * keep some of every category. The list itself when it is short enough.
 */
export function thinItems<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, index) => items[Math.floor(index * step)]!);
}
