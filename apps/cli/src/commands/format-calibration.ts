import type { MetricsDocument, Statistic } from "@judgelab/analytics";
import { formatTable } from "../format-table.js";

const figure = (value: Statistic): string =>
  value.value === null
    ? "-"
    : `${value.value.toFixed(3)}${value.ci === undefined ? "" : ` [${value.ci.lower.toFixed(3)}, ${value.ci.upper.toFixed(3)}]`}`;

/**
 * The "Calibration" block of `judgelab analyze`'s text summary: per judge its verdicts with a confidence, mean
 * confidence, accuracy, ECE and Brier score with their intervals. Empty when no comparison has a confidence;
 * one line saying why when there is nothing to check them against.
 */
export function formatCalibration(document: MetricsDocument): string {
  const section = document.calibration;
  if (section === undefined) return "";
  if (!section.available) return `\nCalibration: not available (${section.reason})\n`;
  const table = formatTable(section.perJudge, [
    { header: "judge", cell: (row) => row.judge },
    { header: "verdicts", cell: (row) => String(row.verdicts), align: "right" },
    { header: "confidence", cell: (row) => figure(row.meanConfidence), align: "right" },
    {
      header: "accuracy",
      cell: (row) => (row.accuracy.value === null ? "-" : row.accuracy.value.toFixed(3)),
      align: "right",
    },
    { header: "confidence − accuracy", cell: (row) => figure(row.overconfidence), align: "right" },
    { header: "ECE", cell: (row) => figure(row.ece), align: "right" },
    { header: "Brier", cell: (row) => figure(row.brier), align: "right" },
  ]);
  return `\nCalibration against ${section.against} (${section.method})\n${table}`;
}
