import type { MetricsDocument, Proportion } from "@judgelab/analytics";
import { formatCount, formatNumberInterval, formatPercentInterval } from "../html/format-numbers.js";
import type { TextTable } from "../html/report-tables.js";

/** The "against the reference" section, as prose and tables both renderers (Markdown, HTML) print. */
export interface AgainstReferenceBlock {
  readonly heading: string;
  readonly question: string;
  readonly reading: string;
  readonly tables: readonly { readonly caption: string; readonly table: TextTable }[];
  /** Method notes (unit, tie rule, interval method, filter). */
  readonly notes: readonly string[];
}

const share = (value: Proportion) => formatPercentInterval(value.value, value.ci, 1);

/**
 * The judges against the reference, as the seed system reports them: agreement with the per-pair reference
 * (e.g. the human majority) with its Wilson interval, agreement with the order of per-item reference scores
 * (pairwise and Spearman), and agreement by rating gap. Undefined when the document has no such section.
 */
export function againstReferenceBlock(
  metrics: MetricsDocument,
  options: { filter?: string | undefined } = {},
): AgainstReferenceBlock | undefined {
  const section = metrics.againstReference;
  if (section === undefined || !section.available) return undefined;
  const { pairReference, scoreOrder, byRatingGap } = section;
  if (!pairReference.available && !scoreOrder.available) return undefined;
  const tables: { caption: string; table: TextTable }[] = [];
  const readings: string[] = [];
  if (pairReference.available && pairReference.rows.length > 0) {
    tables.push({
      caption: `Agreement with ${pairReference.name}`,
      table: {
        headers: ["judge", "agreement [95% CI]", "pairs", "reference ties", "on decided pairs [95% CI]"],
        rows: pairReference.rows.map((row) => [
          row.who,
          share(row.agreement),
          formatCount(row.agreement.n),
          formatCount(row.referenceTies),
          share(row.agreementOnDecided),
        ]),
        numeric: [1, 2, 3, 4],
      },
    });
    const first = pairReference.rows[0]!;
    readings.push(
      `${first.who} agrees with ${pairReference.name} per pair on ${share(first.agreement)} of ${formatCount(first.agreement.n)} pairs (${formatCount(first.referenceTies)} reference ties count as disagreements unless the judge said tie).`,
    );
  }
  if (scoreOrder.available) {
    tables.push({
      caption: `Agreement with the order of ${scoreOrder.name}`,
      table: {
        headers: ["judge", "pairwise agreement [95% CI]", "pairs"],
        rows: scoreOrder.rows.map((row) => [row.who, share(row.agreement), formatCount(row.agreement.n)]),
        numeric: [1, 2],
      },
    });
    const rho = scoreOrder.spearman;
    readings.push(
      `Ranked by ${scoreOrder.ratingBasis}, the ${formatCount(rho.n)} items correlate with ${scoreOrder.name} at Spearman ρ = ${formatNumberInterval(rho.value, rho.ci, 2)}.`,
    );
  }
  if (byRatingGap.available) {
    const rows = byRatingGap.rows.slice(0, 4);
    const bins = rows[0]?.bins ?? [];
    tables.push({
      caption: `Agreement with ${byRatingGap.against} by ${byRatingGap.gapOf} gap`,
      table: {
        headers: [`|${byRatingGap.gapOf} gap|`, ...rows.flatMap((row) => [`${row.who} [95% CI]`, "pairs"])],
        rows: bins.map((bin, index) => [
          `${bin.lower}–${bin.upper ?? "∞"}`,
          ...rows.flatMap((row) => {
            const value = row.bins[index]!.value;
            return [value.n === 0 ? "–" : share(value), formatCount(value.n)];
          }),
        ]),
        numeric: rows.flatMap((_, index) => [1 + 2 * index, 2 + 2 * index]),
      },
    });
  }
  return {
    heading: "Against the reference",
    question:
      "Do the judges agree with the human reference: the human majority on each pair, and the reviewers' scores?",
    reading: readings.join(" "),
    tables,
    notes: [
      `Method: ${section.method}.`,
      ...(scoreOrder.available
        ? [
            `Score order: a tie verdict is wrong; ${formatCount(scoreOrder.equalScorePairs)} pairs with equal ${scoreOrder.name} are left out.`,
          ]
        : []),
      ...(options.filter === undefined ? [] : [`Comparisons kept: ${options.filter}.`]),
    ],
  };
}
