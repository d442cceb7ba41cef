import type { PowerAnalysis } from "./run-power-analysis.js";

/** A vega-lite specification (plain JSON; `@judgelab/report`'s renderChartSvg draws it). */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * The plan chart: one panel per target, its estimate against comparisons per item (log₂ axis) with a ±1.96
 * simulation-standard-error band, the target as a dashed line and the budget found as a vertical rule.
 */
export function buildPlanChart(analysis: PowerAnalysis, options: { scheduler: string; order: string }): VegaLiteSpec {
  const values = analysis.points.flatMap((point) =>
    point.estimates.map((estimate) => ({
      target: estimate.target,
      comparisonsPerItem: point.comparisonsPerItem,
      estimate: estimate.estimate,
      low: estimate.estimate - 1.96 * estimate.standardError,
      high: estimate.estimate + 1.96 * estimate.standardError,
    })),
  );
  const panels = analysis.results.map((result) => ({
    title: result.target,
    width: 360,
    height: 160,
    layer: [
      {
        data: { values: values.filter((value) => value.target === result.target) },
        layer: [
          {
            mark: { type: "area", opacity: 0.25, color: "#4c78a8" },
            encoding: {
              x: {
                field: "comparisonsPerItem",
                type: "quantitative",
                scale: { type: "log", base: 2 },
                title: "comparisons per item",
              },
              y: { field: "low", type: "quantitative", title: result.target.split("=")[0] },
              y2: { field: "high" },
            },
          },
          {
            mark: { type: "line", point: true, color: "#4c78a8" },
            encoding: {
              x: { field: "comparisonsPerItem", type: "quantitative" },
              y: { field: "estimate", type: "quantitative" },
              tooltip: [{ field: "comparisonsPerItem" }, { field: "estimate", format: ".3f" }],
            },
          },
        ],
      },
      {
        data: { values: [{ threshold: result.threshold }] },
        mark: { type: "rule", strokeDash: [4, 3], color: "#e45756" },
        encoding: { y: { field: "threshold", type: "quantitative" } },
      },
      ...(result.needed === undefined
        ? []
        : [
            {
              data: { values: [{ needed: result.needed }] },
              mark: { type: "rule", color: "#54a24b" },
              encoding: { x: { field: "needed", type: "quantitative" } },
            },
          ]),
    ],
  }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Targets against comparisons per item",
      subtitle: [
        `${analysis.simulations} simulated studies per budget · scheduler ${options.scheduler}, order ${options.order} · seed ${analysis.seed}`,
        "band: ±1.96 simulation SE · dashed: target · green: budget found",
      ],
    },
    vconcat: panels,
  };
}
