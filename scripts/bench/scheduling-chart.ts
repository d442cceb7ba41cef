/** The vega-lite chart of `scheduling.bench.ts`: accuracy against comparisons, one line per scheduler. */
import type { renderChartSvg } from "@judgelab/report";
import type { CurvePoint } from "./scheduling-curves.ts";

type TopLevelSpec = Parameters<typeof renderChartSvg>[0];

/**
 * Two panels (Spearman's ρ, top-10 found): mean curves as lines, the final accuracy of schemes that stop on their
 * own (or whose prefixes are no fair curve, round robin) as dots; one colour per scheduler.
 */
export function buildSchedulingChart(options: {
  curves: Record<string, readonly CurvePoint[]>;
  finals: Record<string, CurvePoint>;
  title: string;
}): TopLevelSpec {
  const rows = (metric: "spearman" | "topK") => [
    ...Object.entries(options.curves).flatMap(([scheduler, curve]) =>
      curve.map((point) => ({
        scheduler,
        comparisons: Math.round(point.comparisons),
        value: Number(point[metric].toFixed(4)),
        kind: "curve",
      })),
    ),
    ...Object.entries(options.finals).map(([scheduler, point]) => ({
      scheduler,
      comparisons: Math.round(point.comparisons),
      value: Number(point[metric].toFixed(4)),
      kind: "final",
    })),
  ];
  const panel = (metric: "spearman" | "topK", label: string) => ({
    width: 320,
    height: 220,
    data: { values: rows(metric) },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'curve'" }],
        mark: { type: "line" as const, strokeWidth: 1.5 },
        encoding: {
          x: { field: "comparisons", type: "quantitative" as const, title: "comparisons" },
          y: { field: "value", type: "quantitative" as const, title: label, scale: { zero: false } },
          color: { field: "scheduler", type: "nominal" as const },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'final'" }],
        mark: { type: "point" as const, filled: true, size: 70 },
        encoding: {
          x: { field: "comparisons", type: "quantitative" as const },
          y: { field: "value", type: "quantitative" as const },
          color: { field: "scheduler", type: "nominal" as const },
        },
      },
    ],
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Ranking accuracy against comparisons (${options.title})`,
    hconcat: [panel("spearman", "Spearman ρ with the truth"), panel("topK", "share of the true top 10 found")],
  } as TopLevelSpec;
}
