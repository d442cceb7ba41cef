import type { TopLevelSpec } from "vega-lite";
import { baseChartSpec, capNote, joinSubtitle, shortenLabel } from "./chart-theme.js";

/** One non-empty reliability bin of one judge. */
export interface ReliabilityPoint {
  readonly judge: string;
  /** Mean confidence of the verdicts in the bin. */
  readonly confidence: number;
  /** Share of them that matched the gold label. */
  readonly accuracy: number;
  readonly n: number;
  /** The bin's confidence range, for the tooltip. */
  readonly bin: string;
}

/** Options of {@link buildReliabilityDiagramChart}. */
export interface ReliabilityDiagramOptions {
  readonly points: readonly ReliabilityPoint[];
  /** Where the labels come from, for the subtitle. */
  readonly against: string;
  /** Judges with confidences in total (the chart may show fewer). */
  readonly totalJudges: number;
}

/**
 * Reliability diagram (DeGroot & Fienberg 1983; Guo et al. 2017): per judge and confidence bin, the accuracy of
 * its verdicts against the mean confidence it gave them, dots sized by the bin's verdicts, over the diagonal of
 * perfect calibration. Below the diagonal the judge is overconfident, above it underconfident.
 */
export function buildReliabilityDiagramChart(options: ReliabilityDiagramOptions): TopLevelSpec {
  const judges = new Set(options.points.map((point) => point.judge));
  const values = options.points.map((point) => ({ ...point, judge: shortenLabel(point.judge) }));
  const axis = { scale: { domain: [0, 1] }, axis: { format: ".0%" } };
  return {
    ...baseChartSpec({
      title: "Are the judges' confidences right as often as they say?",
      subtitle: joinSubtitle(
        `accuracy against ${options.against} by confidence bin; dashed diagonal = perfectly calibrated; below it = overconfident`,
        capNote(judges.size, options.totalJudges, "judges"),
      ),
    }),
    width: 320,
    height: 320,
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: "line", strokeDash: [4, 3], color: "#888888" },
        encoding: {
          x: { field: "x", type: "quantitative", title: "mean confidence in the bin", ...axis },
          y: { field: "y", type: "quantitative", title: "accuracy against the gold labels", ...axis },
        },
      },
      {
        data: { values },
        mark: { type: "line", point: false, opacity: 0.6 },
        encoding: {
          x: { field: "confidence", type: "quantitative" },
          y: { field: "accuracy", type: "quantitative" },
          color: { field: "judge", type: "nominal", title: "judge" },
        },
      },
      {
        data: { values },
        mark: { type: "circle", opacity: 0.85 },
        encoding: {
          x: { field: "confidence", type: "quantitative" },
          y: { field: "accuracy", type: "quantitative" },
          color: { field: "judge", type: "nominal" },
          size: { field: "n", type: "quantitative", title: "verdicts", scale: { range: [20, 300] } },
          tooltip: [
            { field: "judge" },
            { field: "bin", title: "confidence bin" },
            { field: "confidence", format: ".1%", title: "mean confidence" },
            { field: "accuracy", format: ".1%" },
            { field: "n", title: "verdicts" },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}
