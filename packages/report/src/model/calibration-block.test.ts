import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { analyzeJudges } from "@judgelab/analytics";
import { buildComparisonTable } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleReportData } from "../test-support/sample-report-data.js";
import { writeReport } from "../write-report.js";
import { calibrationBlock, calibrationHeadline } from "./calibration-block.js";

/** 30 pairs judged by a gold judge and two judges with confidences: "sure" claims 0.95 and is right 60% of the time. */
function calibrationMetrics() {
  const comparisons: Comparison[] = [];
  for (let pair = 0; pair < 30; pair++) {
    const base = { first: `a${pair}`, second: `b${pair}`, order: "known" as const };
    comparisons.push({ ...base, id: `g${pair}`, verdict: "first", judge: "gold" });
    comparisons.push({
      ...base,
      id: `s${pair}`,
      verdict: pair % 5 < 3 ? "first" : "second",
      judge: "sure",
      confidence: 0.95,
    });
    comparisons.push({
      ...base,
      id: `m${pair}`,
      verdict: pair % 10 < 7 ? "first" : "second",
      judge: "modest",
      confidence: 0.7,
    });
  }
  const table = buildComparisonTable(comparisons, { judgeIds: ["gold", "sure", "modest"] });
  return analyzeJudges({ table, judges: { kind: ["gold", "llm", "llm"] }, options: { seed: 1, bootstrapRounds: 200 } });
}

describe("calibrationBlock", () => {
  it("tabulates each judge's ECE and Brier and reads the best-calibrated one first", () => {
    const block = calibrationBlock(calibrationMetrics());
    expect(block?.heading).toBe("Calibration");
    const rows = block!.tables[0]!.table.rows;
    expect(rows.map((row) => row[0])).toEqual(["sure", "modest"]);
    // sure: |0.6 − 0.95| = 0.35; Brier = 0.6·0.05² + 0.4·0.95² = 0.3625 (printed 0.362: binary rounding).
    expect(rows[0]![6]).toMatch(/^0\.350 \[/);
    expect(rows[0]![7]).toMatch(/^0\.362 \[/);
    expect(block!.reading).toMatch(/^Of 2 judges, modest has the lowest expected calibration error/);
    expect(block!.reading).toMatch(/sure: ECE 0\.350 .*overconfident by 35\.0 points/);
  });

  it("is absent when no comparison has a confidence", () => {
    expect(calibrationBlock(sampleReportData().metrics)).toBeUndefined();
    expect(calibrationHeadline(sampleReportData().metrics)).toEqual([]);
  });

  it("gives one headline naming each judge's ECE and its over- or underconfidence", () => {
    const [line] = calibrationHeadline(calibrationMetrics());
    expect(line).toMatch(
      /^Calibration of the judges' confidences against gold-judges: sure ECE 0\.350 \[.*overconfident by 35\.0 points; modest ECE/,
    );
  });
});

describe("the report's Calibration section", () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), "judgelab-calibration-"));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it("has the reliability diagram and the table in HTML and Markdown", async () => {
    const sample = sampleReportData();
    const data = { ...sample, metrics: { ...sample.metrics, calibration: calibrationMetrics().calibration! } };
    const written = await writeReport({
      data,
      outDir,
      png: false,
      metadata: {
        generatedAt: "2026-05-05T00:00:00Z",
        seed: 1,
        bootstrapRounds: 200,
        dataset: { path: "x", contentHash: "sha256:0", files: [] },
        packageVersions: {},
        nodeVersion: process.version,
      },
    });
    expect(written.charts).toContain("reliability-diagram");
    const html = await readFile(path.join(outDir, "report.html"), "utf8");
    expect(html).toContain('<section id="calibration">');
    expect(html).toContain('data-chart="reliability-diagram"');
    expect(html).toContain('<a href="#calibration">Calibration</a>');
    const markdown = await readFile(path.join(outDir, "report.md"), "utf8");
    expect(markdown).toContain("## Calibration");
    expect(markdown).toContain("| judge | verdicts | pairs | mean confidence |");
  });
});
