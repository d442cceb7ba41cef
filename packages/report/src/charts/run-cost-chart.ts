import type { TopLevelSpec } from "vega-lite";
import { baseChartSpec } from "./chart-theme.js";

/** Calls, failures and cost of one judge in a run. */
export interface JudgeRunCost {
  readonly judge: string;
  /** Comparisons with a usable verdict (first, second or tie). */
  readonly decided: number;
  /** Comparisons with an invalid verdict (refused, unparseable). */
  readonly failed: number;
  /** Total cost in US dollars, undefined when the run recorded none. */
  readonly costUsd?: number | undefined;
}

/** Options of {@link buildRunCostChart}. */
export interface RunCostChartOptions {
  readonly judges: readonly JudgeRunCost[];
}

/** Cost and failures of a run: calls per judge split into decided and failed, and the cost per judge. */
export function buildRunCostChart(options: RunCostChartOptions): TopLevelSpec {
  const outcomes = options.judges.flatMap((judge) => [
    { judge: judge.judge, outcome: "decided", calls: judge.decided },
    { judge: judge.judge, outcome: "failed", calls: judge.failed },
  ]);
  const costs = options.judges.map((judge) => ({ judge: judge.judge, costUsd: judge.costUsd ?? 0 }));
  const totalFailed = options.judges.reduce((sum, judge) => sum + judge.failed, 0);
  const totalCalls = options.judges.reduce((sum, judge) => sum + judge.decided + judge.failed, 0);
  const totalCost = costs.reduce((sum, judge) => sum + judge.costUsd, 0);
  const callsPanel = {
    data: { values: outcomes },
    width: 260,
    height: { step: 26 },
    mark: { type: "bar" },
    encoding: {
      y: { field: "judge", type: "nominal", title: null },
      x: { field: "calls", type: "quantitative", title: "judge calls", stack: "zero" },
      color: {
        field: "outcome",
        type: "nominal",
        title: "verdict",
        scale: { domain: ["decided", "failed"], range: ["#4c78a8", "#e45756"] },
      },
      tooltip: [{ field: "judge" }, { field: "outcome" }, { field: "calls" }],
    },
  };
  const costPanel = {
    data: { values: costs },
    width: 200,
    height: { step: 26 },
    mark: { type: "bar", color: "#72b7b2" },
    encoding: {
      y: { field: "judge", type: "nominal", title: null, axis: null },
      x: { field: "costUsd", type: "quantitative", title: "cost (USD)", axis: { format: "$.2f" } },
      tooltip: [{ field: "judge" }, { field: "costUsd", format: "$.4f" }],
    },
  };
  // A run that recorded no cost (simulated judges, imported data) gets no empty cost panel.
  const anyCost = options.judges.some((judge) => judge.costUsd !== undefined && judge.costUsd > 0);
  const failedShare = totalCalls === 0 ? "n/a" : `${((100 * totalFailed) / totalCalls).toFixed(1)}%`;
  return {
    ...baseChartSpec({
      title: "Cost and failures of the run",
      subtitle: `${totalCalls} judge calls, ${totalFailed} failed (${failedShare}), ${anyCost ? `total cost $${totalCost.toFixed(2)}` : "no cost recorded"}`,
    }),
    hconcat: anyCost ? [callsPanel, costPanel] : [callsPanel],
  } as TopLevelSpec;
}
