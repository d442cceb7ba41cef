import type { TopLevelSpec } from "vega-lite";
import { baseChartSpec, joinSubtitle } from "./chart-theme.js";

/** Rank of one item with its interval (1 = best). */
export interface RankedItem {
  readonly id: string;
  readonly label: string;
  readonly rank: number;
  readonly rankLower: number;
  readonly rankUpper: number;
}

/** Options of {@link buildRankIntervalChart}. */
export interface RankIntervalChartOptions {
  readonly items: readonly RankedItem[];
  /** What the interval is, e.g. "95% bootstrap rank interval". */
  readonly intervalLabel: string;
  /** Items drawn at most (best ranks first); default 400. The median width is over all items. */
  readonly maxItems?: number;
}

/**
 * Rank intervals as a caterpillar plot: x is the item's rank, a vertical bar spans its rank interval and the
 * diagonal marks the point estimate.
 * The wider the bars, the less the ordering can be trusted; a diagonal band of width 1 would be a certain ranking.
 */
export function buildRankIntervalChart(options: RankIntervalChartOptions): TopLevelSpec {
  const maxItems = options.maxItems ?? 400;
  const sorted = [...options.items].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
  const shown = sorted.slice(0, maxItems);
  // Labels make tooltips; for hundreds of items they would dominate the spec's size, so they are left out.
  const withLabels = shown.length <= 150;
  const rows = shown.map((item) => ({
    ...(withLabels ? { label: item.label } : {}),
    rank: item.rank,
    rankLower: item.rankLower,
    rankUpper: item.rankUpper,
  }));
  const medianWidth = median(options.items.map((item) => item.rankUpper - item.rankLower));
  const shownNote =
    rows.length < options.items.length ? `best ${rows.length} of ${options.items.length} items` : undefined;
  return {
    ...baseChartSpec({
      title: "Rank intervals",
      subtitle: joinSubtitle(
        options.intervalLabel,
        `median interval width ${Number.isFinite(medianWidth) ? medianWidth.toFixed(0) : "n/a"} ranks`,
        shownNote,
      ),
    }),
    width: 520,
    height: 300,
    layer: [
      {
        data: { values: rows },
        mark: { type: "rule", color: "#7a9cc6", strokeWidth: rows.length > 150 ? 1 : 2 },
        encoding: {
          x: { field: "rank", type: "quantitative", title: "rank (1 = best)" },
          y: { field: "rankLower", type: "quantitative", title: "rank interval", scale: { reverse: true } },
          y2: { field: "rankUpper" },
          tooltip: [
            ...(withLabels ? [{ field: "label" }] : []),
            { field: "rank" },
            { field: "rankLower" },
            { field: "rankUpper" },
          ],
        },
      },
      // The point estimate of rank r sits on the diagonal y = x: one line instead of a mark per item.
      {
        data: {
          values: [
            { rank: rows[0]?.rank ?? 1, position: rows[0]?.rank ?? 1 },
            { rank: rows.at(-1)?.rank ?? 1, position: rows.at(-1)?.rank ?? 1 },
          ],
        },
        mark: { type: "line", color: "#1f4e8c", strokeWidth: 1.5 },
        encoding: {
          x: { field: "rank", type: "quantitative" },
          y: { field: "position", type: "quantitative" },
        },
      },
    ],
  } as TopLevelSpec;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
