import type { TopLevelSpec } from "vega-lite";
import { baseChartSpec, joinSubtitle } from "./chart-theme.js";

/** First-position win rate of one judge with its 95% interval. */
export interface JudgePositionBias {
  readonly judge: string;
  readonly firstWinRate: number;
  readonly lower: number;
  readonly upper: number;
  /** Decided comparisons with a known order. */
  readonly comparisons: number;
}

/** Options of {@link buildPositionBiasChart}. */
export interface PositionBiasChartOptions {
  readonly judges: readonly JudgePositionBias[];
  /** e.g. "Wilson 95% interval". */
  readonly intervalLabel: string;
}

/** Position bias per judge: share of decided comparisons won by the item shown first, with CI; 0.5 is fair. */
export function buildPositionBiasChart(options: PositionBiasChartOptions): TopLevelSpec {
  const rows = options.judges.map((judge) => ({ ...judge }));
  return {
    ...baseChartSpec({
      title: "Position bias by judge",
      subtitle: joinSubtitle("share of decided comparisons won by the item shown first", options.intervalLabel),
    }),
    width: 420,
    height: { step: 28 },
    layer: [
      {
        data: { values: rows },
        mark: { type: "rule", color: "#7a9cc6", strokeWidth: 3 },
        encoding: {
          y: { field: "judge", type: "nominal", title: null },
          x: {
            field: "lower",
            type: "quantitative",
            title: "first-position win rate",
            scale: { domain: [0, 1] },
            axis: { format: ".0%" },
          },
          x2: { field: "upper" },
        },
      },
      {
        data: { values: rows },
        mark: { type: "point", filled: true, color: "#1f4e8c", size: 60 },
        encoding: {
          y: { field: "judge", type: "nominal" },
          x: { field: "firstWinRate", type: "quantitative" },
          tooltip: [
            { field: "judge" },
            { field: "firstWinRate", format: ".1%" },
            { field: "lower", format: ".1%" },
            { field: "upper", format: ".1%" },
            { field: "comparisons" },
          ],
        },
      },
      {
        data: { values: [{ fair: 0.5 }] },
        mark: { type: "rule", color: "#c0392b", strokeDash: [4, 3] },
        encoding: { x: { field: "fair", type: "quantitative" } },
      },
    ],
  } as TopLevelSpec;
}

/** First-position win rate of one judge in one time window. */
export interface PositionBiasWindow {
  readonly judge: string;
  /** Window index (0-based) or any increasing position. */
  readonly window: number;
  readonly firstWinRate: number;
  readonly lower: number;
  readonly upper: number;
  readonly comparisons: number;
}

/** Options of {@link buildPositionBiasOverTimeChart}. */
export interface PositionBiasOverTimeChartOptions {
  readonly windows: readonly PositionBiasWindow[];
  /** What a window is, e.g. "windows of 500 comparisons in time order". */
  readonly windowLabel: string;
}

/** Position bias over time: one line per judge over time windows, with a shaded 95% band. Drift shows here. */
export function buildPositionBiasOverTimeChart(options: PositionBiasOverTimeChartOptions): TopLevelSpec {
  const rows = options.windows.map((window) => ({ ...window }));
  const x = { field: "window", type: "quantitative", title: options.windowLabel, axis: { tickMinStep: 1 } } as const;
  const color = { field: "judge", type: "nominal", title: "judge" } as const;
  return {
    ...baseChartSpec({
      title: "Position bias over time",
      subtitle: "first-position win rate per window, shaded 95% Wilson interval; dashed line = fair (50%)",
    }),
    width: 520,
    height: 240,
    layer: [
      {
        data: { values: rows },
        mark: { type: "area", opacity: 0.15 },
        encoding: {
          x,
          y: { field: "lower", type: "quantitative" },
          y2: { field: "upper" },
          color: { ...color, legend: null },
        },
      },
      {
        data: { values: rows },
        mark: { type: "line", point: true },
        encoding: {
          x,
          y: {
            field: "firstWinRate",
            type: "quantitative",
            title: "first-position win rate",
            scale: { domain: [0, 1] },
            axis: { format: ".0%" },
          },
          color,
          tooltip: [
            { field: "judge" },
            { field: "window" },
            { field: "firstWinRate", format: ".1%" },
            { field: "comparisons" },
          ],
        },
      },
      {
        data: { values: [{ fair: 0.5 }] },
        mark: { type: "rule", color: "#c0392b", strokeDash: [4, 3] },
        encoding: { y: { field: "fair", type: "quantitative" } },
      },
    ],
  } as TopLevelSpec;
}

/** Both-order consistency within one bin of rating gap. */
export interface ConsistencyByGapBin {
  readonly judge: string;
  /** Bin label, e.g. "0–50". */
  readonly bin: string;
  /** Bin order (0 = smallest gap). */
  readonly binIndex: number;
  readonly consistency: number;
  readonly lower: number;
  readonly upper: number;
  readonly pairs: number;
}

/** Options of {@link buildConsistencyByGapChart}. */
export interface ConsistencyByGapChartOptions {
  readonly bins: readonly ConsistencyByGapBin[];
  /** e.g. "|rating difference| (Elo scale)". */
  readonly gapLabel: string;
  /** What is measured, e.g. "share of pairs judged in both orders with the same winner". */
  readonly metricLabel: string;
}

/** Consistency by rating gap: position bias bites hardest on close pairs, so consistency should rise with the gap. */
export function buildConsistencyByGapChart(options: ConsistencyByGapChartOptions): TopLevelSpec {
  const rows = options.bins.map((bin) => ({ ...bin }));
  const binOrder = [...new Map([...rows].sort((a, b) => a.binIndex - b.binIndex).map((r) => [r.bin, r.bin])).keys()];
  const x = {
    field: "bin",
    type: "ordinal",
    sort: binOrder,
    title: options.gapLabel,
    axis: { labelAngle: 0 },
  } as const;
  const color = { field: "judge", type: "nominal", title: "judge" } as const;
  return {
    ...baseChartSpec({ title: "Consistency by rating gap", subtitle: options.metricLabel }),
    data: { values: rows },
    width: 520,
    height: 240,
    layer: [
      {
        mark: { type: "rule", opacity: 0.5, strokeWidth: 2 },
        encoding: {
          x,
          xOffset: { field: "judge" },
          y: { field: "lower", type: "quantitative" },
          y2: { field: "upper" },
          color,
        },
      },
      {
        mark: { type: "point", filled: true, size: 50 },
        encoding: {
          x,
          xOffset: { field: "judge" },
          y: {
            field: "consistency",
            type: "quantitative",
            title: "consistency",
            scale: { domain: [0, 1] },
            axis: { format: ".0%" },
          },
          color,
          tooltip: [{ field: "judge" }, { field: "bin" }, { field: "consistency", format: ".1%" }, { field: "pairs" }],
        },
      },
    ],
  } as TopLevelSpec;
}
