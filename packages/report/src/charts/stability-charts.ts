import type { TopLevelSpec } from "vega-lite";
import { baseChartSpec, joinSubtitle, shortenLabel } from "./chart-theme.js";

/** One point of a convergence curve: rank correlation with the final ranking after some matches per item. */
export interface ConvergencePoint {
  /** Curve name, e.g. "Spearman ρ with the final ranking" or a judge. */
  readonly series: string;
  readonly matchesPerItem: number;
  readonly correlation: number;
}

/** Options of {@link buildConvergenceChart}. */
export interface ConvergenceChartOptions {
  readonly points: readonly ConvergencePoint[];
  /** Horizontal reference line, e.g. 0.95; omitted when undefined. */
  readonly threshold?: number | undefined;
  readonly subtitle?: string | undefined;
}

/** Convergence curves: how fast the ranking settles as comparisons accumulate (time order replay). */
export function buildConvergenceChart(options: ConvergenceChartOptions): TopLevelSpec {
  const rows = options.points.map((point) => ({ ...point }));
  const layers: object[] = [
    {
      data: { values: rows },
      mark: { type: "line", point: rows.length <= 120 },
      encoding: {
        x: { field: "matchesPerItem", type: "quantitative", title: "average matches per item" },
        y: {
          field: "correlation",
          type: "quantitative",
          title: "Spearman ρ with the final ranking",
          scale: { domain: [Math.min(0, ...rows.map((row) => row.correlation)), 1] },
        },
        color: {
          field: "series",
          type: "nominal",
          title: null,
          legend: new Set(rows.map((row) => row.series)).size > 1 ? { orient: "bottom", labelLimit: 0 } : null,
        },
        tooltip: [
          { field: "series" },
          { field: "matchesPerItem", format: ".1f" },
          { field: "correlation", format: ".3f" },
        ],
      },
    },
  ];
  if (options.threshold !== undefined) {
    layers.push({
      data: { values: [{ threshold: options.threshold }] },
      mark: { type: "rule", color: "#c0392b", strokeDash: [4, 3] },
      encoding: { y: { field: "threshold", type: "quantitative" } },
    });
  }
  return {
    ...baseChartSpec({ title: "Convergence of the ranking", subtitle: options.subtitle }),
    width: 520,
    height: 300,
    layer: layers,
  } as TopLevelSpec;
}

/** Share of bootstrap resamples in which an item took a given rank. */
export interface RankShare {
  readonly item: string;
  /** Position of the item in the full-data ranking (1 = best); orders the rows. */
  readonly order: number;
  readonly rank: number;
  readonly share: number;
}

/** Options of {@link buildRankDistributionChart}. */
export interface RankDistributionChartOptions {
  readonly shares: readonly RankShare[];
  readonly resamples: number;
  readonly totalItems: number;
  /** What the items are called in the subtitle; default "items". */
  readonly itemNoun?: string;
}

/** Bootstrap rank distributions of the best items: circle area = share of resamples that gave the item that rank. */
export function buildRankDistributionChart(options: RankDistributionChartOptions): TopLevelSpec {
  const rows = options.shares.map((share) => ({
    ...share,
    display: `${share.order}. ${shortenLabel(share.item, 40)}`,
  }));
  const itemCount = new Set(rows.map((row) => row.display)).size;
  const displayOrder = [
    ...new Map([...rows].sort((a, b) => a.order - b.order).map((row) => [row.display, true])).keys(),
  ];
  return {
    ...baseChartSpec({
      title: "Bootstrap rank distributions",
      subtitle: joinSubtitle(
        `${options.resamples} resamples`,
        itemCount < options.totalItems
          ? `top ${itemCount} of ${options.totalItems} ${options.itemNoun ?? "items"}`
          : undefined,
      ),
    }),
    data: { values: rows },
    width: 420,
    height: { step: 18 },
    mark: { type: "circle", color: "#1f4e8c" },
    encoding: {
      y: { field: "display", type: "nominal", sort: displayOrder, title: null },
      x: { field: "rank", type: "quantitative", title: "rank in a resample (1 = best)", scale: { zero: false } },
      size: {
        field: "share",
        type: "quantitative",
        title: "share of resamples",
        scale: { domain: [0, 1], range: [0, 260] },
        legend: { format: ".0%" },
      },
      tooltip: [{ field: "display", title: "item" }, { field: "rank" }, { field: "share", format: ".1%" }],
    },
  } as TopLevelSpec;
}
