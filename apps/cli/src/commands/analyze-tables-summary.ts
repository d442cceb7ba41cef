import type { JudgeTablesDocument, Proportion } from "@judgelab/analytics";
import { formatTable } from "../format-table.js";

/** Leaderboard rows shown in the text summary (all with --json, up to maxLeaderboardItems). */
const MAX_BOARD_ROWS = 20;

/** "64.0% [60.1, 67.8] (64/100)" or "–". */
function showRate(figure: Proportion): string {
  if (figure.value === null) return "–";
  const ci =
    figure.ci === undefined ? "" : ` [${(figure.ci.lower * 100).toFixed(1)}, ${(figure.ci.upper * 100).toFixed(1)}]`;
  return `${(figure.value * 100).toFixed(1)}%${ci} (${figure.count}/${figure.n})`;
}

/**
 * The readable summary of a judge-tables document (`analyze --engine duckdb`): counts, first-position rates,
 * the pooled board, per-judge rank correlations, and what the engine did not compute.
 */
export function formatJudgeTablesSummary(document: JudgeTablesDocument, shownPath: string): string {
  const { dataset, options } = document;
  const out: string[] = [
    `${shownPath}: ${dataset.comparisons} comparisons (${dataset.decided} decided, ${dataset.ties} ties, ${dataset.invalid} invalid), ` +
      `${dataset.items} items, ${dataset.judges.length} judges; seed ${options.seed}, ${options.bootstrapRounds} bootstrap rounds; engine ${document.engine}\n`,
    "\n## Position bias (first-position win rate, known order, decided comparisons)\n",
    formatTable(document.positionBias.perJudge, [
      { header: "judge", cell: (row) => row.judge },
      { header: "first wins", cell: (row) => showRate(row.firstWinRate), align: "right" },
      {
        header: "p (binomial)",
        cell: (row) => (row.binomialPValue === null ? "–" : row.binomialPValue.toPrecision(3)),
        align: "right",
      },
    ]),
  ];
  const { stability } = document;
  if (!stability.available) out.push(`\n## Stability: not available (${stability.reason})\n`);
  else {
    const { pooled } = stability;
    out.push(
      `\n## Stability\n${stability.method}\npooled: ${pooled.items} items, ${pooled.comparisons} comparisons, intervals ${pooled.intervals}; ` +
        `separability ${showRate(stability.separability)}\n`,
    );
    if (pooled.rows.available)
      out.push(
        formatTable(pooled.rows.rows.slice(0, MAX_BOARD_ROWS), [
          { header: "rank", cell: (row) => String(row.rank), align: "right" },
          { header: "item", cell: (row) => row.item },
          { header: "rating", cell: (row) => row.rating.toFixed(1), align: "right" },
          { header: "95% CI", cell: (row) => `${row.lower.toFixed(1)} – ${row.upper.toFixed(1)}`, align: "right" },
          { header: "ranks", cell: (row) => `${row.rankLower}–${row.rankUpper}`, align: "right" },
        ]),
      );
    else out.push(`pooled rows: ${pooled.rows.reason}\n`);
    const againstPooled = stability.correlations.filter((row) => row.a === "pooled");
    out.push(
      formatTable(againstPooled, [
        { header: "judge vs pooled", cell: (row) => row.b },
        { header: "Spearman", cell: (row) => row.spearman.value?.toFixed(3) ?? "–", align: "right" },
        { header: "Kendall", cell: (row) => row.kendall.value?.toFixed(3) ?? "–", align: "right" },
        { header: "items", cell: (row) => String(row.spearman.n), align: "right" },
      ]),
    );
  }
  out.push(
    "\nNot computed by this engine (they need the comparison rows; use --engine memory):\n",
    ...document.skipped.map((entry) => `  ${entry.section}: ${entry.reason}\n`),
  );
  return out.join("");
}
