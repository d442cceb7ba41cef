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
  return buildJudgeRateChart({
    rows: options.judges.map((judge) => ({
      judge: judge.judge,
      value: judge.firstWinRate,
      lower: judge.lower,
      upper: judge.upper,
      n: judge.comparisons,
    })),
    title: "Position bias by judge",
    subtitle: joinSubtitle("share of decided comparisons won by the item shown first", options.intervalLabel),
    axisTitle: "first-position win rate",
    reference: 0.5,
  });
}

/** A rate of one judge with its interval (accuracy, first-position win rate, …). */
export interface JudgeRate {
  readonly judge: string;
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
}

/** Options of {@link buildJudgeRateChart}. */
export interface JudgeRateChartOptions {
  readonly rows: readonly JudgeRate[];
  readonly title: string;
  readonly subtitle?: string | undefined;
  readonly axisTitle: string;
  /** Dashed reference line (chance, fairness). */
  readonly reference: number;
  /** Order judges by value (best first) instead of as given. */
  readonly sortByValue?: boolean;
}

/** One row per judge: a point at the rate and a bar over its interval, on a 0–100% axis with a reference line. */
export function buildJudgeRateChart(options: JudgeRateChartOptions): TopLevelSpec {
  const rows = options.rows.map((row) => ({ ...row }));
  if (options.sortByValue === true) rows.sort((a, b) => b.value - a.value);
  const y = { field: "judge", type: "nominal", title: null, sort: rows.map((row) => row.judge) } as const;
  return {
    ...baseChartSpec({ title: options.title, subtitle: options.subtitle }),
    width: 420,
    height: { step: rows.length > 20 ? 14 : 28 },
    layer: [
      {
        data: { values: rows },
        mark: { type: "rule", color: "#7a9cc6", strokeWidth: rows.length > 20 ? 2 : 3 },
        encoding: {
          y,
          x: {
            field: "lower",
            type: "quantitative",
            title: options.axisTitle,
            scale: { domain: [0, 1] },
            axis: { format: ".0%" },
          },
          x2: { field: "upper" },
        },
      },
      {
        data: { values: rows },
        mark: { type: "point", filled: true, color: "#1f4e8c", size: rows.length > 20 ? 30 : 60 },
        encoding: {
          y,
          x: { field: "value", type: "quantitative" },
          tooltip: [
            { field: "judge" },
            { field: "value", format: ".1%" },
            { field: "lower", format: ".1%" },
            { field: "upper", format: ".1%" },
            { field: "n" },
          ],
        },
      },
      {
        data: { values: [{ reference: options.reference }] },
        mark: { type: "rule", color: "#c0392b", strokeDash: [4, 3] },
        encoding: { x: { field: "reference", type: "quantitative" } },
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
