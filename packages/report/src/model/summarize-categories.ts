import type { CategorySummaryRow } from "../html/report-tables.js";
import type { ItemStanding } from "./report-data.js";

/**
 * Per-category summary of the rated items (count, mean rating, median rank-interval width, decided comparisons per
 * item), computed with a danfojs group-by. danfojs is imported lazily (its import takes about a second) and only
 * here, on one row per item: never on comparison rows.
 */
export async function summarizeCategories(items: readonly ItemStanding[]): Promise<CategorySummaryRow[]> {
  const rated = items.filter((item) => item.rating !== undefined && item.category !== undefined);
  const categories = new Set(rated.map((item) => item.category));
  if (categories.size < 2) return [];
  const danfo = await import("danfojs-node");
  const frame = new danfo.DataFrame({
    category: rated.map((item) => item.category!),
    rating: rated.map((item) => item.rating!.value),
    rankWidth: rated.map((item) => item.rating!.rankUpper - item.rating!.rankLower),
    matches: rated.map((item) => item.matches),
  });
  const grouped = frame.groupby(["category"]).agg({ rating: ["mean", "count"], rankWidth: "median", matches: "mean" });
  const rows = danfo.toJSON(grouped, { format: "column" }) as Record<string, unknown>[];
  return rows
    .map((row) => ({
      category: String(row.category),
      items: Number(row.rating_count),
      meanRating: Number(row.rating_mean),
      medianRankWidth: Number(row.rankWidth_median),
      matchesPerItem: Number(row.matches_mean),
    }))
    .sort((a, b) => b.meanRating - a.meanRating);
}
