import type { MetricsDocument, Proportion } from "@judgelab/analytics";

const percent = (share: Proportion): string =>
  share.value === null
    ? "-"
    : `${(100 * share.value).toFixed(1)}%${share.ci === undefined ? "" : ` [${(100 * share.ci.lower).toFixed(1)}, ${(100 * share.ci.upper).toFixed(1)}]`} (${share.count}/${share.n})`;

/** The "against the reference" block of `judgelab analyze`'s text summary (empty without a reference). */
export function formatAgainstReference(document: MetricsDocument): string {
  const section = document.againstReference;
  if (section === undefined || !section.available) return "";
  const lines = ["", "Against the reference"];
  const { pairReference, scoreOrder, byRatingGap } = section;
  if (pairReference.available) {
    lines.push(`  agreement with ${pairReference.name} (Wilson 95%; ${pairReference.tieRule}):`);
    for (const row of pairReference.rows) {
      lines.push(
        `    ${row.who}: ${percent(row.agreement)}; on decided pairs ${percent(row.agreementOnDecided)}; ${row.referenceTies} reference ties` +
          (row.noValidVerdict > 0 ? `; ${row.noValidVerdict} pairs without a valid verdict left out` : ""),
      );
    }
  }
  if (scoreOrder.available) {
    lines.push(
      `  agreement with the order of ${scoreOrder.name} (a tie verdict is wrong; ${scoreOrder.equalScorePairs} pairs with equal scores left out):`,
    );
    for (const row of scoreOrder.rows) lines.push(`    ${row.who}: ${percent(row.agreement)}`);
    const rho = scoreOrder.spearman;
    lines.push(
      `    Spearman ρ (${scoreOrder.ratingBasis} vs ${scoreOrder.name}, ${rho.n} items): ${rho.value === null ? "-" : rho.value.toFixed(3)}` +
        (rho.ci === undefined ? "" : ` [${rho.ci.lower.toFixed(3)}, ${rho.ci.upper.toFixed(3)}]`),
    );
  }
  if (byRatingGap.available) {
    lines.push(`  agreement with ${byRatingGap.against} by |${byRatingGap.gapOf} gap|:`);
    for (const row of byRatingGap.rows) {
      const bins = row.bins
        .filter((bin) => bin.value.n > 0)
        .map((bin) => `${bin.lower}–${bin.upper ?? "∞"}: ${percent(bin.value)}`);
      lines.push(`    ${row.who}: ${bins.join("; ")}`);
    }
  }
  lines.push(`  method: ${section.method}`);
  return `${lines.join("\n")}\n`;
}
