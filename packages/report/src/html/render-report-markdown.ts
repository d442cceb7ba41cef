import { escapeMarkdown } from "./escape-html.js";
import { REPORT_SECTIONS, type ReportPageContent } from "./render-report-html.js";
import {
  agreementTable,
  categoryTable,
  correlationTable,
  goldAccuracyTable,
  intervalCoverageTable,
  judgesTable,
  leaderboardTable,
  positionBiasTable,
  type TextTable,
} from "./report-tables.js";

function markdownTable(table: TextTable | undefined): string {
  if (table === undefined) return "";
  const numeric = new Set(table.numeric);
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(table.headers.map(escapeMarkdown)),
    line(table.headers.map((_, index) => (numeric.has(index) ? "---:" : "---"))),
    ...table.rows.map((row) => line(row.map(escapeMarkdown))),
  ].join("\n");
}

/**
 * The report in Markdown: the same prose, tables and charts as the HTML page, with charts as PNG images
 * (or SVG when PNGs were not rendered). Dataset text is escaped so that it cannot inject HTML or break tables.
 */
export function renderReportMarkdown(content: ReportPageContent): string {
  const { data, findings } = content;
  const maxRows = content.maxTableRows ?? 25;
  const out: string[] = [`# ${escapeMarkdown(data.title)}`, "", escapeMarkdown(findings.summary), ""];
  if (data.dataset.description !== undefined) out.push(escapeMarkdown(data.dataset.description), "");
  out.push("## Headline findings", "", ...findings.headlines.map((line) => `- ${escapeMarkdown(line)}`), "");
  for (const section of REPORT_SECTIONS) {
    out.push(
      `## ${section.heading}`,
      "",
      `*${escapeMarkdown(section.question)}*`,
      "",
      `> ${escapeMarkdown(findings.readings[section.id])}`,
      "",
    );
    for (const chart of content.charts.filter((candidate) => candidate.section === section.id)) {
      out.push(`![${escapeMarkdown(chart.caption)}](${chart.files.png ?? chart.files.svg})`, "");
    }
    const tables: (TextTable | undefined)[] =
      section.id === "ratings"
        ? [leaderboardTable(data.items, maxRows), categoryTable(content.categories)]
        : section.id === "agreement"
          ? [goldAccuracyTable(data.metrics), agreementTable(data.metrics)]
          : section.id === "positionBias"
            ? [positionBiasTable(data.metrics)]
            : section.id === "stability"
              ? [correlationTable(data.metrics), intervalCoverageTable(data.intervalCoverage)]
              : section.id === "run"
                ? [judgesTable(data.judges)]
                : [];
    for (const table of tables) if (table !== undefined) out.push(markdownTable(table), "");
  }
  if (content.itemPages.length > 0) {
    out.push("## Item pages", "");
    content.itemPages.forEach((page, index) => {
      out.push(`${index + 1}. [${escapeMarkdown(page.title)}](${page.href})`);
    });
    out.push("");
  }
  const metadata = content.metadata;
  out.push(
    "## Reproduce",
    "",
    `- command: \`${metadata.command ?? "n/a"}\``,
    `- git commit: ${metadata.gitSha ?? "n/a"}`,
    `- seed: ${metadata.seed}, bootstrap resamples: ${metadata.bootstrapRounds}`,
    `- dataset: ${escapeMarkdown(metadata.dataset.path)} (${metadata.dataset.contentHash})`,
    `- generated: ${metadata.generatedAt}, Node.js ${metadata.nodeVersion}`,
    "",
  );
  return out.join("\n");
}
