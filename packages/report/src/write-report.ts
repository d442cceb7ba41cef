import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { version as vegaVersion } from "vega";
import { version as vegaLiteVersion } from "vega-lite";
import { renderChartSvg, renderSvgToPng } from "./charts/render-chart.js";
import { itemPageFileName, renderItemPageHtml } from "./html/item-page-html.js";
import { type RenderedChart, type ReportPageContent, renderReportHtml } from "./html/render-report-html.js";
import { renderReportMarkdown } from "./html/render-report-markdown.js";
import { buildReportCharts, type ChartLimits, DEFAULT_CHART_LIMITS } from "./model/build-report-charts.js";
import { describeFindings } from "./model/describe-findings.js";
import type { ReportData } from "./model/report-data.js";
import type { RunMetadata } from "./model/run-metadata.js";
import { summarizeCategories } from "./model/summarize-categories.js";

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  readonly data: ReportData;
  readonly outDir: string;
  /** Run metadata without the chart library versions (added here). */
  readonly metadata: RunMetadata;
  /** Render PNG copies of the charts (resvg, bundled fonts); default true. */
  readonly png?: boolean;
  /** Chart size caps for large datasets. */
  readonly limits?: ChartLimits;
}

/** What {@link writeReport} wrote. Paths are relative to `outDir`. */
export interface WrittenReport {
  readonly outDir: string;
  readonly files: readonly string[];
  readonly charts: readonly string[];
  readonly itemPages: number;
  readonly headlines: readonly string[];
}

const CHARTS_DIR = "charts";
const ITEMS_DIR = "items";

/** Removes files a previous report wrote into our own subfolders (never anything else). */
async function clearGeneratedFiles(directory: string, pattern: RegExp): Promise<void> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries
      .filter((entry) => entry.isFile() && pattern.test(entry.name))
      .map((entry) => rm(path.join(directory, entry.name))),
  );
}

/**
 * Writes a report folder: `report.html` (self-contained), `report.md`, `metrics.json`, `run-metadata.json`,
 * `charts/<name>.vl.json|.svg|.png` and `items/<item>.html` (one tournament page per item in `data.itemPages`).
 */
export async function writeReport(options: WriteReportOptions): Promise<WrittenReport> {
  const { data, outDir } = options;
  const files: string[] = [];
  const write = async (relative: string, content: string | Uint8Array) => {
    await writeFile(path.join(outDir, relative), content);
    files.push(relative);
  };
  await mkdir(path.join(outDir, CHARTS_DIR), { recursive: true });
  await mkdir(path.join(outDir, ITEMS_DIR), { recursive: true });
  await clearGeneratedFiles(path.join(outDir, CHARTS_DIR), /\.(vl\.json|svg|png)$/);
  await clearGeneratedFiles(path.join(outDir, ITEMS_DIR), /\.html$/);

  const charts: RenderedChart[] = [];
  for (const chart of buildReportCharts(data, options.limits ?? DEFAULT_CHART_LIMITS)) {
    const svg = await renderChartSvg(chart.spec);
    const stem = `${CHARTS_DIR}/${chart.name}`;
    await write(`${stem}.vl.json`, `${JSON.stringify(chart.spec)}\n`);
    await write(`${stem}.svg`, svg);
    let png: string | undefined;
    if (options.png !== false) {
      await write(`${stem}.png`, renderSvgToPng(svg));
      png = `${stem}.png`;
    }
    charts.push({ ...chart, svg, files: { spec: `${stem}.vl.json`, svg: `${stem}.svg`, png } });
  }

  const pageFiles = new Map(data.itemPages.map((page) => [page.standing.id, itemPageFileName(page.standing.id)]));
  for (const page of data.itemPages) {
    const html = renderItemPageHtml({
      page,
      itemNoun: data.itemNoun,
      linkFor: (id) => pageFiles.get(id),
      reportHref: "../report.html",
    });
    await write(`${ITEMS_DIR}/${pageFiles.get(page.standing.id)}`, html);
  }

  const metadata: RunMetadata = {
    ...options.metadata,
    packageVersions: { ...options.metadata.packageVersions, vega: vegaVersion, "vega-lite": vegaLiteVersion },
  };
  const findings = describeFindings(data);
  const content: ReportPageContent = {
    data,
    findings,
    charts,
    categories: await summarizeCategories(data.items),
    metadata,
    itemPages: data.itemPages.map((page) => ({
      id: page.standing.id,
      title: page.standing.title,
      href: `${ITEMS_DIR}/${pageFiles.get(page.standing.id)}`,
      requested: page.requested === true,
    })),
  };
  await write("report.html", renderReportHtml(content));
  await write("report.md", renderReportMarkdown(content));
  // Compact: a large dataset's metrics run to hundreds of kilobytes; any JSON viewer pretty-prints them.
  await write("metrics.json", `${JSON.stringify(data.metrics)}\n`);
  await write("run-metadata.json", `${JSON.stringify(metadata, null, 2)}\n`);
  return {
    outDir,
    files,
    charts: charts.map((chart) => chart.name),
    itemPages: data.itemPages.length,
    headlines: findings.headlines,
  };
}
