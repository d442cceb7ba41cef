import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPublishedFigures } from "./model/build-report-data.js";
import type { RunMetadata } from "./model/run-metadata.js";
import { sampleReportData } from "./test-support/sample-report-data.js";
import { type WrittenReport, writeReport } from "./write-report.js";

const metadata: RunMetadata = {
  generatedAt: "2026-05-05T00:00:00Z",
  command: "judgelab report sample --out x",
  gitSha: "0123456789abcdef",
  seed: 7,
  bootstrapRounds: 200,
  dataset: { path: "datasets/sample", contentHash: "sha256:abc", files: ["comparisons.jsonl"] },
  packageVersions: { "@judgelab/report": "0.1.0" },
  nodeVersion: process.version,
};

describe("writeReport", () => {
  let outDir: string;
  let written: WrittenReport;
  let html: string;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), "judgelab-report-"));
    written = await writeReport({ data: sampleReportData(), outDir, metadata, png: false });
    html = await readFile(path.join(outDir, "report.html"), "utf8");
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it("writes the report files, one spec and SVG per chart, and the item pages", () => {
    for (const file of ["report.html", "report.md", "metrics.json", "run-metadata.json"]) {
      expect(written.files).toContain(file);
    }
    expect(written.charts).toEqual([
      "leaderboard",
      "rank-intervals",
      "win-probability",
      "rank-distribution",
      "judge-agreement",
      "position-bias",
      "position-bias-over-time",
      "consistency-by-gap",
      "convergence",
      "judge-ratings",
      "pointwise-vs-pairwise",
      "run-cost",
    ]);
    for (const chart of written.charts) {
      expect(written.files).toContain(`charts/${chart}.vl.json`);
      expect(written.files).toContain(`charts/${chart}.svg`);
    }
    expect(written.itemPages).toBe(3);
    expect(written.files.filter((file) => file.startsWith("items/"))).toHaveLength(3);
  });

  it("adds the coverage check's table and chart to the stability section when the data has one", async () => {
    const checkDir = await mkdtemp(path.join(os.tmpdir(), "judgelab-report-check-"));
    try {
      const intervalCoverage = {
        datasets: 200,
        rounds: 400,
        seed: 13,
        correlation: 0.5,
        tieRate: 0,
        truth: new Float64Array([900, 1100]),
        comparisons: 720,
        sharedMatches: 120,
        comparisonsPerMatch: 6,
        prior: 0,
        methods: [
          {
            method: "naive bootstrap" as const,
            clustering: "comparison",
            ratingCoverage: 0.708,
            rankCoverage: 0.97,
            meanWidth: 84,
            standardError: 0.013,
            failedDatasets: 0,
          },
          {
            method: "clustered bootstrap" as const,
            clustering: "match",
            ratingCoverage: 0.947,
            rankCoverage: 0.998,
            meanWidth: 163,
            standardError: 0.006,
            failedDatasets: 0,
          },
        ],
      };
      const report = await writeReport({
        data: { ...sampleReportData(), intervalCoverage },
        outDir: checkDir,
        metadata,
        png: false,
      });
      expect(report.charts).toContain("interval-coverage");
      const markdown = await readFile(path.join(checkDir, "report.md"), "utf8");
      expect(markdown).toContain("| clustered bootstrap | match | 94.7% ± 1.2% | 99.8% | 163.0 | 0 |");
      const page = await readFile(path.join(checkDir, "report.html"), "utf8");
      expect(page).toContain("naive bootstrap");
    } finally {
      await rm(checkDir, { recursive: true, force: true });
    }
  });

  it("inlines every chart as SVG and makes no external reference", () => {
    expect(html.match(/<figure class="chart"/g)).toHaveLength(written.charts.length);
    expect(html.match(/<svg /g)?.length).toBe(written.charts.length);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link /);
    expect(html).toContain("Content-Security-Policy");
  });

  it("escapes dataset text: no script or event handler from a title survives", async () => {
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).toContain("&lt;script&gt;window.__pwned");
    const itemFiles = written.files.filter((file) => file.startsWith("items/"));
    for (const file of itemFiles) {
      const page = await readFile(path.join(outDir, file), "utf8");
      expect(page).not.toContain("<script");
      expect(page).not.toMatch(/<img[^>]*onerror/);
    }
    const markdown = await readFile(path.join(outDir, "report.md"), "utf8");
    expect(markdown).not.toContain("<script");
  });

  it("states the headline findings with numbers and intervals", () => {
    expect(written.headlines.some((line) => /separable/.test(line))).toBe(true);
    expect(html).toContain("gemini-3 67% [59%, 75%]");
    expect(html).toMatch(/Spearman ρ = 0\.82 \[0\.70, 0\.90\]/);
    expect(html).toContain("gemini-3 favours one position beyond chance");
  });

  it("renders the seed page's layout on item pages", async () => {
    const first = written.files.find((file) => file.startsWith("items/paper-1-"))!;
    const page = await readFile(path.join(outDir, first), "utf8");
    expect(page).toContain("#1 of 4 · Artificial Intelligence");
    expect(page).toContain("1565±40");
    expect(page).toContain('76%</div><div class="label">Win Rate');
    expect(page).toContain("Comparison History (2)");
    expect(page).toContain("shown first");
    expect(page).toContain("Rating: 7.2/ 10");
    expect(page).toContain("Significance 7.5 · Rigor 7 · Novelty 7 · Clarity 8");
  });

  it("records run metadata with the chart library versions", async () => {
    const written = JSON.parse(await readFile(path.join(outDir, "run-metadata.json"), "utf8")) as RunMetadata;
    expect(written.seed).toBe(7);
    expect(written.gitSha).toBe("0123456789abcdef");
    expect(written.packageVersions["vega-lite"]).toMatch(/^6\./);
  });
});

describe("readPublishedFigures", () => {
  it("reads the seed-page transcription's published block and ignores malformed fields", () => {
    const figures = readPublishedFigures({
      item: "model-spec-midtraining",
      tournamentScore: { display: "1565±40" },
      rank: { position: 52, of: 2292, category: "Artificial Intelligence" },
      scoreBarLabels: { readAs: [1050, 1800] },
      wins: 22,
      losses: 7,
      matches: "29",
    });
    expect(figures?.item).toBe("model-spec-midtraining");
    expect(figures?.figures).toMatchObject({ score: "1565±40", rank: { position: 52, of: 2292 }, wins: 22, losses: 7 });
    expect(figures?.figures.matches).toBeUndefined();
    expect(figures?.scoreRange).toEqual({ lower: 1050, upper: 1800 });
    expect(readPublishedFigures({ wins: 3 })).toBeUndefined();
  });
});
