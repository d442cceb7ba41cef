import { againstReferenceBlock } from "../model/against-reference-block.js";
import type { ReportChart, ReportSectionId } from "../model/build-report-charts.js";
import { calibrationBlock } from "../model/calibration-block.js";
import type { ReportFindings } from "../model/describe-findings.js";
import type { ReportData } from "../model/report-data.js";
import type { RunMetadata } from "../model/run-metadata.js";
import { controlledSections } from "./controlled-ratings-tables.js";
import { escapeHtml } from "./escape-html.js";
import { renderHtmlPage, renderHtmlTable } from "./html-page.js";
import {
  agreementTable,
  type CategorySummaryRow,
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

/** A chart with its rendered SVG and the file names it was written to (relative to the report folder). */
export interface RenderedChart extends ReportChart {
  readonly svg: string;
  readonly files: { readonly spec: string; readonly svg: string; readonly png?: string | undefined };
}

/** Section headings and what each section answers. */
export const REPORT_SECTIONS: readonly {
  readonly id: ReportSectionId;
  readonly heading: string;
  readonly question: string;
}[] = [
  { id: "ratings", heading: "Ratings", question: "Who is better, and how sure can we be?" },
  {
    id: "stability",
    heading: "Stability",
    question: "Would the ranking survive more data, other judges, another half of the data?",
  },
  { id: "agreement", heading: "Agreement", question: "Do the judges agree with each other?" },
  {
    id: "positionBias",
    heading: "Position bias",
    question: "Does the order in which items are shown change the verdict?",
  },
  { id: "biases", heading: "Other biases", question: "Length, self-preference, leniency, pointwise vs pairwise." },
  { id: "run", heading: "Cost and failures", question: "What did the run cost, and how many verdicts were unusable?" },
];

/** Everything the report page shows. */
export interface ReportPageContent {
  readonly data: ReportData;
  readonly findings: ReportFindings;
  readonly charts: readonly RenderedChart[];
  readonly categories: readonly CategorySummaryRow[];
  readonly metadata: RunMetadata;
  /** Item pages written, best first: id, title and relative link. */
  readonly itemPages: readonly {
    readonly id: string;
    readonly title: string;
    readonly href: string;
    /** Asked for by id (e.g. the focal paper), not among the best-rated. */
    readonly requested?: boolean;
  }[];
  /** Rows of the leaderboard table; default 25. */
  readonly maxTableRows?: number;
}

function htmlTable(table: TextTable | undefined): string {
  if (table === undefined) return "";
  const note = omittedRowsNote(table);
  return `${renderHtmlTable({
    headers: table.headers,
    rows: table.rows.map((row) => row.map(escapeHtml)),
    numeric: table.numeric,
  })}${note === undefined ? "" : `\n<p class="small muted">${escapeHtml(note)}</p>`}`;
}

function renderChartFigure(chart: RenderedChart): string {
  return `<figure class="chart" data-chart="${escapeHtml(chart.name)}">
${chart.svg}
<figcaption>${escapeHtml(chart.caption)} · <a href="${escapeHtml(chart.files.spec)}">vega-lite spec</a>${chart.files.png === undefined ? "" : ` · <a href="${escapeHtml(chart.files.png)}">PNG</a>`}</figcaption>
</figure>`;
}

function sectionTables(section: ReportSectionId, content: ReportPageContent): string {
  const metrics = content.data.metrics;
  const maxRows = content.maxTableRows ?? 25;
  switch (section) {
    case "ratings":
      return `${leaderboardHeadingHtml(content.data, maxRows)}
${htmlTable(leaderboardTable(content.data.items, maxRows, content.data.sortedBy, content.data.ratedField))}
${content.categories.length > 1 ? `<h3>By category</h3>\n${htmlTable(categoryTable(content.categories))}` : ""}`;
    case "agreement":
      return `${htmlTable(goldAccuracyTable(metrics))}\n${htmlTable(agreementTable(metrics))}\n${htmlTable(voteAgreementTable(metrics))}`;
    case "positionBias":
      return htmlTable(positionBiasTable(metrics));
    case "stability":
      return `${htmlTable(correlationTable(metrics))}
${htmlTable(intervalCoverageTable(content.data.intervalCoverage))}`;
    case "run":
      return htmlTable(judgesTable(content.data.judges));
    default:
      return "";
  }
}

/** What the item pages are: the best-rated ones, and separately any asked for by id (never called best-rated). */
export function itemPagesIntro(content: ReportPageContent): string {
  const { data } = content;
  const best = content.itemPages.filter((page) => page.requested !== true).length;
  const requested = content.itemPages.filter((page) => page.requested === true);
  const parts = [
    best > 0
      ? `Tournament pages of the ${best} best-rated ${data.itemNoun}${best < data.items.length ? ` (of ${data.items.length})` : ""}`
      : "Tournament pages",
    ...(requested.length > 0
      ? [
          `${best > 0 ? "plus " : "of "}${requested.map((page) => `"${page.title}"`).join(", ")}, asked for by id (marked *)`,
        ]
      : []),
  ];
  return `${parts.join(", ")}: score, rank in category, record and the full comparison history with rationales.`;
}

function leaderboardHeadingHtml(data: ReportData, maxRows: number): string {
  const heading = leaderboardHeading(data, maxRows);
  return heading === undefined ? "" : `<h3>${escapeHtml(heading)}</h3>`;
}

function renderMetadata(metadata: RunMetadata): string {
  const rows: [string, string][] = [
    ["generated", metadata.generatedAt],
    ["command", metadata.command ?? "n/a"],
    ["git commit", metadata.gitSha ?? "n/a"],
    ["seed", String(metadata.seed)],
    ["bootstrap resamples", String(metadata.bootstrapRounds)],
    ...(metadata.ratingModel === undefined ? [] : [["rating model", metadata.ratingModel] as [string, string]]),
    ["dataset", metadata.dataset.path],
    ["dataset content hash", metadata.dataset.contentHash],
    ["Node.js", metadata.nodeVersion],
    ...Object.entries(metadata.packageVersions).map(([name, version]): [string, string] => [name, version]),
  ];
  return renderHtmlTable({
    headers: ["", ""],
    rows: rows.map(([key, value]) => [escapeHtml(key), `<code>${escapeHtml(value)}</code>`]),
  });
}

/** The "Calibration" section (reliability diagram and table), or "" when no judge stated confidences. */
function renderCalibrationSection(content: ReportPageContent): string {
  const block = calibrationBlock(content.data.metrics, { filter: content.data.filter });
  if (block === undefined) return "";
  const charts = content.charts.filter((chart) => chart.section === "calibration");
  return `<section id="calibration">
<h2>${escapeHtml(block.heading)}</h2>
<p class="muted">${escapeHtml(block.question)}</p>
<p class="reading">${escapeHtml(block.reading)}</p>
${charts.map(renderChartFigure).join("\n")}
${block.tables.map(({ caption, table }) => `<h3>${escapeHtml(caption)}</h3>\n${htmlTable(table)}`).join("\n")}
${block.notes.map((note) => `<p class="small muted">${escapeHtml(note)}</p>`).join("\n")}
</section>`;
}

/** The report as one self-contained HTML page: inline CSS and inline SVG charts, no scripts, no requests. */
export function renderReportHtml(content: ReportPageContent): string {
  const { data, findings } = content;
  const titleOf = (id: string) => data.items.find((item) => item.id === id)?.title ?? id;
  const extra = controlledSections(data.controlled, titleOf, content.maxTableRows ?? 25);
  const toc = [
    ...REPORT_SECTIONS.map((section) => `<a href="#${section.id}">${escapeHtml(section.heading)}</a>`),
    ...extra.map((section) => `<a href="#${section.id}">${escapeHtml(section.heading)}</a>`),
    ...(againstReferenceBlock(data.metrics) === undefined
      ? []
      : ['<a href="#against-reference">Against the reference</a>']),
    ...(calibrationBlock(data.metrics) === undefined ? [] : ['<a href="#calibration">Calibration</a>']),
    ...(content.itemPages.length > 0 ? ['<a href="#items">Item pages</a>'] : []),
    '<a href="#reproduce">Reproduce</a>',
  ].join("");
  const sections = REPORT_SECTIONS.map((section) => {
    const charts = content.charts.filter((chart) => chart.section === section.id);
    return `<section id="${section.id}">
<h2>${escapeHtml(section.heading)}</h2>
<p class="muted">${escapeHtml(section.question)}</p>
<p class="reading">${escapeHtml(findings.readings[section.id])}</p>
${charts.map(renderChartFigure).join("\n")}
${sectionTables(section.id, content)}
</section>`;
  }).join("\n");
  const extraSections = extra
    .map(
      (section) => `<section id="${section.id}">
<h2>${escapeHtml(section.heading)}</h2>
<p class="muted">${escapeHtml(section.question)}</p>
<p class="reading">${escapeHtml(section.reading)}</p>
${section.tables.map(htmlTable).join("\n")}
</section>`,
    )
    .join("\n");
  const reference = againstReferenceBlock(data.metrics, { filter: data.filter });
  const referenceSection =
    reference === undefined
      ? ""
      : `<section id="against-reference">
<h2>${escapeHtml(reference.heading)}</h2>
<p class="muted">${escapeHtml(reference.question)}</p>
<p class="reading">${escapeHtml(reference.reading)}</p>
${reference.tables.map(({ caption, table }) => `<h3>${escapeHtml(caption)}</h3>\n${htmlTable(table)}`).join("\n")}
${reference.notes.map((note) => `<p class="small muted">${escapeHtml(note)}</p>`).join("\n")}
</section>`;
  const items =
    content.itemPages.length === 0
      ? ""
      : `<section id="items">
<h2>Item pages</h2>
<p class="muted">${escapeHtml(itemPagesIntro(content))}</p>
<ol>
${content.itemPages.map((page) => `<li><a href="${escapeHtml(page.href)}">${escapeHtml(page.title)}</a>${page.requested === true ? " *" : ""}</li>`).join("\n")}
</ol>
</section>`;
  const dataset = data.dataset;
  const about = [
    dataset.description === undefined ? "" : `<p>${escapeHtml(dataset.description)}</p>`,
    dataset.source === undefined && dataset.license === undefined
      ? ""
      : `<p class="small muted">${dataset.source === undefined ? "" : `Source: ${escapeHtml(dataset.source)}. `}${dataset.license === undefined ? "" : `License: ${escapeHtml(dataset.license)}.`}</p>`,
  ].join("\n");
  const body = `<h1>${escapeHtml(data.title)}</h1>
<p class="lead">${escapeHtml(findings.summary)}</p>
${about}
<nav class="toc small">${toc}</nav>
<h2 id="findings">Headline findings</h2>
<ul class="headlines">
${findings.headlines.map((line) => `<li>${escapeHtml(line)}</li>`).join("\n")}
</ul>
${sections}
${extraSections}
${referenceSection}
${renderCalibrationSection(content)}
${items}
<section id="reproduce">
<h2>Reproduce</h2>
<p class="muted small">Everything on this page is computed from the dataset below with the seed shown; <code>metrics.json</code> holds every figure, <code>charts/*.vl.json</code> every chart spec.</p>
${renderMetadata(content.metadata)}
</section>`;
  return renderHtmlPage({ title: data.title, body });
}
