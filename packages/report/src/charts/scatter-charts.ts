import type { TopLevelSpec } from "vega-lite";
import { baseChartSpec, joinSubtitle } from "./chart-theme.js";

/** Rating of one item under one judge next to its rating from all judges pooled. */
export interface JudgeRatingPoint {
  readonly item: string;
  readonly judge: string;
  readonly pooledRating: number;
  readonly judgeRating: number;
}

/** Options of {@link buildJudgeRatingScatterChart}. */
export interface JudgeRatingScatterChartOptions {
  readonly points: readonly JudgeRatingPoint[];
  readonly ratingLabel: string;
  /** e.g. "Spearman ρ with the pooled rating: judge-a 0.81, judge-b 0.77". */
  readonly subtitle?: string | undefined;
  /** Points drawn at most (evenly thinned beyond that); default 3000. */
  readonly maxPoints?: number;
}

/** Keeps at most `maxPoints` rows, taking every k-th row so that the spread stays representative. */
export function thinEvenly<Row>(rows: readonly Row[], maxPoints: number): Row[] {
  if (rows.length <= maxPoints) return [...rows];
  const step = rows.length / maxPoints;
  return Array.from({ length: maxPoints }, (_, index) => rows[Math.floor(index * step)]!);
}

/**
 * Ratings of the same items under different judges: x = pooled rating, y = the rating one judge's verdicts alone
 * give; a judge that agrees with the panel lies on the diagonal.
 */
export function buildJudgeRatingScatterChart(options: JudgeRatingScatterChartOptions): TopLevelSpec {
  const thinned = thinEvenly(options.points, options.maxPoints ?? 3000);
  // Item names make tooltips; with many points they would dominate the spec's size, so they are left out.
  const withNames = thinned.length <= 300;
  const rows = thinned.map((point) => ({
    ...(withNames ? { item: point.item } : {}),
    judge: point.judge,
    pooledRating: Math.round(point.pooledRating * 10) / 10,
    judgeRating: Math.round(point.judgeRating * 10) / 10,
  }));
  const values = rows.flatMap((row) => [row.pooledRating, row.judgeRating]).filter(Number.isFinite);
  const low = values.length > 0 ? Math.min(...values) : 0;
  const high = values.length > 0 ? Math.max(...values) : 1;
  return {
    ...baseChartSpec({ title: "Ratings of the same items under different judges", subtitle: options.subtitle }),
    width: 420,
    height: 420,
    layer: [
      {
        data: {
          values: [
            { x: low, y: low },
            { x: high, y: high },
          ],
        },
        mark: { type: "line", color: "#999999", strokeDash: [4, 3] },
        encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
      },
      {
        data: { values: rows },
        mark: { type: "point", filled: true, opacity: 0.55, size: 18 },
        encoding: {
          x: {
            field: "pooledRating",
            type: "quantitative",
            scale: { zero: false },
            title: `${options.ratingLabel}, all judges`,
          },
          y: {
            field: "judgeRating",
            type: "quantitative",
            scale: { zero: false },
            title: `${options.ratingLabel}, one judge`,
          },
          color: { field: "judge", type: "nominal", title: "judge" },
          tooltip: [
            ...(withNames ? [{ field: "item" }] : []),
            { field: "judge" },
            { field: "pooledRating", format: ".0f" },
            { field: "judgeRating", format: ".0f" },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}

/** One item's pointwise score next to its tournament rating. */
export interface PointwisePairwisePoint {
  readonly item: string;
  readonly pointwise: number;
  readonly rating: number;
  readonly category?: string | undefined;
}

/** Options of {@link buildPointwisePairwiseChart}. */
export interface PointwisePairwiseChartOptions {
  readonly points: readonly PointwisePairwisePoint[];
  readonly pointwiseLabel: string;
  readonly ratingLabel: string;
  /** e.g. "Kendall τ = 0.41 [0.35, 0.47]". */
  readonly correlationLabel?: string | undefined;
  readonly maxPoints?: number;
}

/** Pointwise vs pairwise: each item's pointwise (e.g. 1–10) score against its tournament rating. */
export function buildPointwisePairwiseChart(options: PointwisePairwiseChartOptions): TopLevelSpec {
  const rows = thinEvenly(options.points, options.maxPoints ?? 3000).map((point) => ({
    ...point,
    category: point.category ?? "(none)",
  }));
  return {
    ...baseChartSpec({
      title: "Pointwise scores against tournament ratings",
      subtitle: joinSubtitle(options.correlationLabel, `${rows.length} items`),
    }),
    data: { values: rows },
    width: 420,
    height: 320,
    mark: { type: "point", filled: true, opacity: 0.6, size: 24 },
    encoding: {
      x: { field: "pointwise", type: "quantitative", scale: { zero: false }, title: options.pointwiseLabel },
      y: { field: "rating", type: "quantitative", scale: { zero: false }, title: options.ratingLabel },
      color: { field: "category", type: "nominal", title: "category" },
      tooltip: [{ field: "item" }, { field: "pointwise" }, { field: "rating", format: ".0f" }, { field: "category" }],
    },
  } as TopLevelSpec;
}
