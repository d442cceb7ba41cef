import type { CalibrationRow, MetricsDocument, Statistic } from "@judgelab/analytics";
import { formatCount, formatNumberInterval, formatPercent, formatPercentInterval } from "../html/format-numbers.js";
import type { TextTable } from "../html/report-tables.js";

/** The "Calibration" section, as prose and a table both renderers (Markdown, HTML) print. */
export interface CalibrationBlock {
  readonly heading: string;
  readonly question: string;
  readonly reading: string;
  readonly tables: readonly { readonly caption: string; readonly table: TextTable }[];
  readonly notes: readonly string[];
}

const number = (value: Statistic, digits = 3) => formatNumberInterval(value.value, value.ci, digits);

/** "overconfident by 12.0 points" / "about calibrated" from the gap's interval (0 inside it: no evidence either way). */
function describeGap(row: CalibrationRow): string {
  const gap = row.overconfidence;
  if (gap.value === null) return "not measurable";
  const points = `${formatPercent(Math.abs(gap.value), 1).replace("%", "")} points`;
  if (gap.ci !== undefined && gap.ci.lower <= 0 && gap.ci.upper >= 0)
    return `calibrated on average (gap ${formatNumberInterval(gap.value, gap.ci, 3)})`;
  return gap.value > 0 ? `overconfident by ${points}` : `underconfident by ${points}`;
}

/**
 * The judges' confidences against the gold labels: per judge its verdicts with a confidence, mean confidence,
 * accuracy, the gap between them, ECE and Brier score with their cluster-bootstrap intervals. Undefined when
 * the document has no calibration section (no comparison carries a confidence) or it is unavailable.
 */
export function calibrationBlock(
  metrics: MetricsDocument,
  options: { filter?: string | undefined } = {},
): CalibrationBlock | undefined {
  const section = metrics.calibration;
  if (section === undefined || !section.available || section.perJudge.length === 0) return undefined;
  const rows = section.perJudge;
  const best = [...rows].sort(
    (a, b) => (a.ece.value ?? Number.POSITIVE_INFINITY) - (b.ece.value ?? Number.POSITIVE_INFINITY),
  )[0]!;
  const reading = [
    `${rows.length === 1 ? "The judge" : `Of ${rows.length} judges, ${best.judge}`} has the lowest expected calibration error, ${number(best.ece)} on ${formatCount(best.verdicts)} verdicts: ${describeGap(best)}.`,
    ...rows
      .filter((row) => row !== best)
      .slice(0, 3)
      .map((row) => `${row.judge}: ECE ${number(row.ece)}, ${describeGap(row)}.`),
  ].join(" ");
  return {
    heading: "Calibration",
    question: "When a judge says it is 80% sure, is it right 80% of the time?",
    reading,
    tables: [
      {
        caption: `Confidence against ${section.against}`,
        table: {
          headers: [
            "judge",
            "verdicts",
            "pairs",
            "mean confidence",
            "accuracy [95% CI]",
            "confidence − accuracy [95% CI]",
            "ECE [95% CI]",
            "Brier [95% CI]",
          ],
          rows: rows.map((row) => [
            row.judge,
            formatCount(row.verdicts),
            formatCount(row.units),
            formatPercent(row.meanConfidence.value, 1),
            formatPercentInterval(row.accuracy.value, row.accuracy.ci, 1),
            number(row.overconfidence),
            number(row.ece),
            number(row.brier),
          ]),
          numeric: [1, 2, 3, 4, 5, 6, 7],
        },
      },
    ],
    notes: [
      `Method: ${section.method}. ECE is at least 0 and biased upwards on few verdicts per bin, so judge a small ECE by its interval and by confidence − accuracy, whose interval covers 0 for a calibrated judge.`,
      ...(section.unlabelled > 0
        ? [
            `${formatCount(section.unlabelled)} verdicts with a confidence are on pairs without a gold label and are left out.`,
          ]
        : []),
      ...(options.filter === undefined ? [] : [`Comparisons kept: ${options.filter}.`]),
    ],
  };
}

/**
 * The headline line of calibration, when judges gave confidences: up to four judges' ECE with its interval and
 * whether they are over- or underconfident on average. Empty without a calibration section.
 */
export function calibrationHeadline(metrics: MetricsDocument): string[] {
  const section = metrics.calibration;
  if (section === undefined || !section.available || section.perJudge.length === 0) return [];
  const rows = section.perJudge.slice(0, 4);
  const more = section.perJudge.length - rows.length;
  return [
    `Calibration of the judges' confidences against ${section.against}: ${rows.map((row) => `${row.judge} ECE ${number(row.ece)}, ${describeGap(row)}`).join("; ")}${more > 0 ? `; ${more} more in the Calibration section` : ""}.`,
  ];
}
