import { againstReferenceBlock } from "../model/against-reference-block.js";
import { calibrationBlock } from "../model/calibration-block.js";
import { controlledSections } from "./controlled-ratings-tables.js";
import { escapeMarkdown } from "./escape-html.js";
import { itemPagesIntro, REPORT_SECTIONS, type ReportPageContent } from "./render-report-html.js";
import {
  agreementTable,
  categoryTable,
  correlationTable,
  goldAccuracyTable,
  intervalCoverageTable,
  judgesTable,
  leaderboardHeading,
  leaderboardTable,
  omittedRowsNote,
  positionBiasTable,
  type TextTable,
  voteAgreementTable,
} from "./report-tables.js";

function markdownTable(table: TextTable | undefined): string {
  if (table === undefined) return "";
  const numeric = new Set(table.numeric);
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(table.headers.map(escapeMarkdown)),
    line(table.headers.map((_, index) => (numeric.has(index) ? "---:" : "---"))),
    ...table.rows.map((row) => line(row.map(escapeMarkdown))),
    ...(omittedRowsNote(table) === undefined ? [] : ["", escapeMarkdown(omittedRowsNote(table)!)]),
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
        ? [leaderboardTable(data.items, maxRows, data.sortedBy, data.ratedField), categoryTable(content.categories)]
        : section.id === "agreement"
          ? [goldAccuracyTable(data.metrics), agreementTable(data.metrics), voteAgreementTable(data.metrics)]
          : section.id === "positionBias"
            ? [positionBiasTable(data.metrics)]
            : section.id === "stability"
              ? [correlationTable(data.metrics), intervalCoverageTable(data.intervalCoverage)]
              : section.id === "run"
                ? [judgesTable(data.judges)]
                : [];
    const heading = section.id === "ratings" ? leaderboardHeading(data, maxRows) : undefined;
    if (heading !== undefined) out.push(`### ${escapeMarkdown(heading)}`, "");
    for (const table of tables) if (table !== undefined) out.push(markdownTable(table), "");
  }
  const titleOf = (id: string) => data.items.find((item) => item.id === id)?.title ?? id;
  for (const section of controlledSections(data.controlled, titleOf, maxRows)) {
    out.push(
      `## ${section.heading}`,
      "",
      `*${escapeMarkdown(section.question)}*`,
      "",
      `> ${escapeMarkdown(section.reading)}`,
      "",
    );
    for (const table of section.tables) out.push(markdownTable(table), "");
  }
  const reference = againstReferenceBlock(data.metrics, { filter: data.filter });
  if (reference !== undefined) {
    out.push(
      `## ${reference.heading}`,
      "",
      `*${escapeMarkdown(reference.question)}*`,
      "",
      `> ${escapeMarkdown(reference.reading)}`,
      "",
    );
    for (const { caption, table } of reference.tables)
      out.push(`**${escapeMarkdown(caption)}**`, "", markdownTable(table), "");
    out.push(...reference.notes.map((note) => escapeMarkdown(note)), "");
  }
  out.push(...calibrationMarkdown(content));
  if (content.itemPages.length > 0) {
    out.push("## Item pages", "", escapeMarkdown(itemPagesIntro(content)), "");
    content.itemPages.forEach((page, index) => {
      out.push(`${index + 1}. [${escapeMarkdown(page.title)}](${page.href})${page.requested === true ? " \\*" : ""}`);
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
    ...(metadata.ratingModel === undefined ? [] : [`- rating model: ${escapeMarkdown(metadata.ratingModel)}`]),
    `- dataset: ${escapeMarkdown(metadata.dataset.path)} (${metadata.dataset.contentHash})`,
    `- generated: ${metadata.generatedAt}, Node.js ${metadata.nodeVersion}`,
    "",
  );
  return out.join("\n");
}

/** The "Calibration" section in Markdown (chart as an image, then the table), or nothing without confidences. */
function calibrationMarkdown(content: ReportPageContent): string[] {
  const block = calibrationBlock(content.data.metrics, { filter: content.data.filter });
  if (block === undefined) return [];
  const out = [
    `## ${block.heading}`,
    "",
    `*${escapeMarkdown(block.question)}*`,
    "",
    `> ${escapeMarkdown(block.reading)}`,
    "",
  ];
  for (const chart of content.charts.filter((candidate) => candidate.section === "calibration")) {
    out.push(`![${escapeMarkdown(chart.caption)}](${chart.files.png ?? chart.files.svg})`, "");
  }
  for (const { caption, table } of block.tables)
    out.push(`**${escapeMarkdown(caption)}**`, "", markdownTable(table), "");
  out.push(...block.notes.map((note) => escapeMarkdown(note)), "");
  return out;
}
