import type { TopLevelSpec } from "vega-lite";
import { baseChartSpec } from "./chart-theme.js";

/** One interval method's empirical coverage (shares in [0, 1]), as `judgelab check-intervals` measures it. */
export interface IntervalCoverageRow {
  readonly method: string;
  readonly clustering: string;
  readonly ratingCoverage: number;
  readonly rankCoverage: number;
  /** Monte Carlo standard error of `ratingCoverage`. */
  readonly standardError: number;
}

/** Options of {@link buildIntervalCoverageChart}. */
export interface IntervalCoverageChartOptions {
  readonly methods: readonly IntervalCoverageRow[];
  readonly datasets: number;
  readonly correlation: number;
}

/**
 * Coverage check chart: per interval method, the share of simulated datasets' 95% intervals that contain the
 * true rating (with ±1.96 Monte Carlo standard errors) and the true rank, against the nominal 95% line.
 */
export function buildIntervalCoverageChart(options: IntervalCoverageChartOptions): TopLevelSpec {
  const values = options.methods.flatMap((row) => [
    {
      method: `${row.method} (${row.clustering})`,
      target: "rating",
      coverage: row.ratingCoverage,
      low: Math.max(0, row.ratingCoverage - 1.96 * row.standardError),
      high: Math.min(1, row.ratingCoverage + 1.96 * row.standardError),
    },
    { method: `${row.method} (${row.clustering})`, target: "rank", coverage: row.rankCoverage, low: null, high: null },
  ]);
  return {
    ...baseChartSpec({
      title: "Do the 95% intervals cover the truth?",
      subtitle: `${options.datasets} datasets simulated at this dataset's design · shared per-match noise ρ = ${options.correlation.toFixed(2)} · dashed line: 95%`,
    }),
    data: { values },
    width: 320,
    height: { step: 22 },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y: { field: "method", type: "nominal", title: null },
          yOffset: { field: "target" },
          x: {
            field: "coverage",
            type: "quantitative",
            title: "share of intervals containing the true value",
            scale: { domain: [0, 1] },
            axis: { format: ".0%" },
          },
          color: { field: "target", type: "nominal", title: "interval of", scale: { range: ["#4c78a8", "#f58518"] } },
          tooltip: [{ field: "method" }, { field: "target" }, { field: "coverage", format: ".1%" }],
        },
      },
      {
        mark: { type: "rule", color: "#333333" },
        transform: [{ filter: "datum.low !== null" }],
        encoding: {
          y: { field: "method", type: "nominal" },
          yOffset: { field: "target" },
          x: { field: "low", type: "quantitative" },
          x2: { field: "high" },
        },
      },
      {
        mark: { type: "rule", strokeDash: [4, 3], color: "#e45756" },
        data: { values: [{ nominal: 0.95 }] },
        encoding: { x: { field: "nominal", type: "quantitative" } },
      },
    ],
  } as TopLevelSpec;
}
