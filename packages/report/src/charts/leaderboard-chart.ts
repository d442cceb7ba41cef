import type { TopLevelSpec } from "vega-lite";
import { baseChartSpec, capNote, joinSubtitle, shortenLabel } from "./chart-theme.js";

/** One rated item: point estimate and interval on the rating scale. */
export interface RatedItem {
  readonly id: string;
  readonly label: string;
  readonly rating: number;
  readonly lower: number;
  readonly upper: number;
  readonly category?: string | undefined;
}

/** Options of {@link buildLeaderboardChart}. */
export interface LeaderboardChartOptions {
  readonly items: readonly RatedItem[];
  /** Axis title, e.g. "Bradley–Terry rating (Elo scale)". */
  readonly ratingLabel: string;
  /** What the bars are, e.g. "95% bootstrap CI (1000 resamples)". */
  readonly intervalLabel: string;
  /** Rows shown at most (the best-rated ones); default 30. */
  readonly maxItems?: number;
  /** What the items are called in the subtitle; default "items". */
  readonly itemNoun?: string;
  /**
   * Show the best `maxItems / categories` (at least 5) of each category, numbered within it and coloured by
   * category: for tournaments whose categories never meet, where a cross-category order means nothing.
   */
  readonly perCategory?: boolean;
}

/** Sorts by rating (best first) and keeps the top `maxItems`, labelled "rank. title" so labels stay unique. */
export function topRatedItems(items: readonly RatedItem[], maxItems: number): (RatedItem & { display: string })[] {
  return [...items]
    .sort((a, b) => b.rating - a.rating || a.id.localeCompare(b.id))
    .slice(0, maxItems)
    .map((item, index) => ({ ...item, display: `${index + 1}. ${shortenLabel(item.label)}` }));
}

/**
 * Leaderboard: one row per item (best first), a point at the rating and a bar over its interval.
 * Capped to the top `maxItems` rows so that a dataset with thousands of items still draws a readable chart.
 */
export function buildLeaderboardChart(options: LeaderboardChartOptions): TopLevelSpec {
  const maxItems = options.maxItems ?? 30;
  if (options.perCategory === true) return buildPerCategoryLeaderboard(options, maxItems);
  const rows = topRatedItems(options.items, maxItems).map((item) => ({
    display: item.display,
    id: item.id,
    rating: item.rating,
    lower: item.lower,
    upper: item.upper,
    category: item.category ?? "(none)",
  }));
  const y = { field: "display", type: "nominal", sort: null, title: null } as const;
  const tooltip = [
    { field: "display", title: "item" },
    { field: "rating", format: ".0f" },
    { field: "lower", format: ".0f" },
    { field: "upper", format: ".0f" },
  ];
  return {
    ...baseChartSpec({
      title: "Leaderboard",
      subtitle: joinSubtitle(
        options.intervalLabel,
        capNote(rows.length, options.items.length, options.itemNoun ?? "items"),
      ),
    }),
    data: { values: rows },
    width: 420,
    height: { step: 16 },
    encoding: { y },
    layer: [
      {
        mark: { type: "rule", color: "#7a9cc6", strokeWidth: 2 },
        encoding: {
          x: { field: "lower", type: "quantitative", scale: { zero: false }, title: options.ratingLabel },
          x2: { field: "upper" },
        },
      },
      {
        mark: { type: "point", filled: true, color: "#1f4e8c", size: 40 },
        encoding: { x: { field: "rating", type: "quantitative" }, tooltip },
      },
    ],
  } as TopLevelSpec;
}

function buildPerCategoryLeaderboard(options: LeaderboardChartOptions, maxItems: number): TopLevelSpec {
  const groups = new Map<string, RatedItem[]>();
  for (const item of options.items) {
    const category = item.category ?? "(none)";
    groups.set(category, [...(groups.get(category) ?? []), item]);
  }
  const perGroup = Math.max(5, Math.ceil(maxItems / Math.max(1, groups.size)));
  const categories = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  const rows = categories.flatMap((category, categoryIndex) =>
    topRatedItems(groups.get(category)!, perGroup).map((item) => ({
      // "1. Title" repeats across categories; invisible zero-width spaces keep the axis values distinct
      // (colour and legend name the category; a visible prefix would widen every label).
      display: `${item.display.slice(0, item.display.indexOf(" ") + 1)}${shortenLabel(item.label, 34)}${"\u200b".repeat(categoryIndex)}`,
      title: item.label,
      rating: item.rating,
      lower: item.lower,
      upper: item.upper,
      category,
    })),
  );
  const color = {
    field: "category",
    type: "nominal",
    title: "category",
    legend: { orient: "right", labelLimit: 0 },
  } as const;
  return {
    ...baseChartSpec({
      title: "Leaderboard by category",
      subtitle: joinSubtitle(
        options.intervalLabel,
        `top ${perGroup} of each category, numbered within it; categories never met, so compare within one only`,
      ),
    }),
    data: { values: rows },
    width: 360,
    height: { step: 14 },
    encoding: {
      y: { field: "display", type: "nominal", sort: null, title: null },
    },
    layer: [
      {
        mark: { type: "rule", strokeWidth: 2, opacity: 0.6 },
        encoding: {
          x: { field: "lower", type: "quantitative", scale: { zero: false }, title: options.ratingLabel },
          x2: { field: "upper" },
          color,
        },
      },
      {
        mark: { type: "point", filled: true, size: 36, opacity: 1 },
        encoding: {
          x: { field: "rating", type: "quantitative" },
          color,
          tooltip: [
            { field: "display", title: "item" },
            { field: "rating", format: ".0f" },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}
