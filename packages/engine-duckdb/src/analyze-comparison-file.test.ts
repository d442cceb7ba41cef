import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JudgeTablesDocument } from "@judgelab/analytics";
import { analyzeJudges, buildAnalysisInput, type MetricsDocument } from "@judgelab/analytics";
import { loadDataset } from "@judgelab/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeComparisonFile } from "./analyze-comparison-file.js";
import { writePanelDataset } from "./test-support/panel-dataset.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-duckdb-analyze-"));
const dir = join(root, "panel");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Numbers equal to 1e-9 (relative), everything else exactly: per-judge fits sum in another order. */
function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Number.isNaN(expected)) return void expect(Number.isNaN(actual), path).toBe(true);
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (expected === null || typeof expected !== "object") return void expect(actual, path).toEqual(expected);
  expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected))
    expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
}

describe("analyzeComparisonFile: the metrics document's figures from tables aggregated in DuckDB", () => {
  let memory: MetricsDocument;
  let duck: JudgeTablesDocument;
  beforeAll(async () => {
    mkdirSync(dir);
    writePanelDataset(dir);
    const dataset = await loadDataset(dir);
    const analysis = { seed: 3, bootstrapRounds: 60, cluster: "auto" as const };
    memory = analyzeJudges(buildAnalysisInput({ table: dataset.table, judges: dataset.judges, analysis }).input);
    duck = (await analyzeComparisonFile(dir, { ...analysis, session: { threads: 1 } })).document;
  });

  it("counts the dataset and each judge's verdicts as the metrics document", () => {
    const { units: _units, bothOrderUnits: _both, judges, ...totals } = memory.dataset;
    const { judges: duckJudges, ...duckTotals } = duck.dataset;
    expect(duckTotals).toEqual(totals);
    expect(duckJudges).toEqual(judges.map(({ family: _family, ...judge }) => judge));
  });

  it("gives each judge's first-position win rate and binomial test", () => {
    if (!memory.positionBias.available) throw new Error(memory.positionBias.reason);
    expect(duck.positionBias.perJudge).toEqual(
      memory.positionBias.perJudge.map(({ judge, firstWinRate, binomialPValue }) => ({
        judge,
        firstWinRate,
        binomialPValue,
      })),
    );
  });

  it("gives the pooled bootstrap board exactly, the per-judge boards and correlations to 1e-9, without the gold judge", () => {
    if (!memory.stability.available || !duck.stability.available) throw new Error("stability unavailable");
    expect(duck.stability.method).toBe(memory.stability.method);
    expect(duck.stability.pooled).toEqual(memory.stability.pooled);
    expect(duck.stability.separability).toEqual(memory.stability.separability);
    expect(duck.stability.perJudge.map((row) => row.judge)).toEqual(["judge-a", "judge-b"]);
    expectClose(duck.stability.perJudge, memory.stability.perJudge);
    expectClose(duck.stability.correlations, memory.stability.correlations);
  });

  it("lists the sections it skips, each with a reason", () => {
    expect(duck.skipped.map((entry) => entry.section)).toContain("agreement");
    for (const entry of duck.skipped) expect(entry.reason.length).toBeGreaterThan(10);
  });
});
