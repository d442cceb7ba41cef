import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-rate-winrate-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const repoRoot = resolve(import.meta.dirname, "../../../..");
const alpacaEval = join(process.env.JUDGELAB_SHARED_DIR ?? resolve(repoRoot, "../shared"), "datasets", "alpaca_eval");

interface WinRateRow {
  readonly id: string;
  readonly rating: number | null;
  readonly standardError?: number | null;
}
interface JudgeReport {
  readonly judge: string;
  readonly items: readonly WinRateRow[];
  readonly baselines?: readonly string[];
  readonly warnings?: readonly string[];
}

const HEADER =
  "results_dir,annotator_dir,annotator,instruction_id,dataset,generator_1,generator_2,preference,is_switched_outputs_derived,shown_first,len_output_1,len_output_2";

/**
 * AlpacaEval's compact layout: models vs a baseline on the same instructions. AlpacaEval 2's weighted annotator
 * (baseline gpt4_1106_preview, continuous preferences) and AlpacaEval 1's alpaca_eval_gpt4 (baseline
 * text_davinci_003, hard preferences with a tie coded 1.5 and one coded 0).
 */
const PREFERENCES: Record<string, { annotator: string; baseline: string; preferences: string[] }> = {
  "model-a": {
    annotator: "weighted_alpaca_eval_gpt4_turbo",
    baseline: "gpt4_1106_preview",
    preferences: ["1.9", "1.25", "1.6", "1.02"],
  },
  "model-b": {
    annotator: "weighted_alpaca_eval_gpt4_turbo",
    baseline: "gpt4_1106_preview",
    preferences: ["1.1", "1.5", "1.35", "1.0"],
  },
  "model-c": { annotator: "alpaca_eval_gpt4", baseline: "text_davinci_003", preferences: ["2.0", "1.5", "1.0", "0"] },
  "model-d": { annotator: "alpaca_eval_gpt4", baseline: "text_davinci_003", preferences: ["2.0", "2.0", "1.0", "2.0"] },
};

function writeCompact(): string {
  const rows: string[] = [];
  for (const [model, { annotator, baseline, preferences }] of Object.entries(PREFERENCES)) {
    preferences.forEach((preference, instruction) => {
      const shownFirst = instruction % 2 === 0 ? baseline : model;
      rows.push(
        `${model},${annotator},${annotator},${instruction},koala,${baseline},${model},${preference},${shownFirst === model ? 1 : 0},${shownFirst},100,120`,
      );
    });
  }
  const file = join(root, "annotations_compact.csv");
  writeFileSync(file, `${HEADER}\n${rows.join("\n")}\n`);
  return file;
}

/** AlpacaEval's figures: 100·mean(p) and 100·sem(p) with p = preference − 1 (tie code 0 → 0.5), ddof 1. */
function published(preferences: readonly string[]): { winRate: number; standardError: number } {
  const p = preferences.map((value) => (Number(value) === 0 ? 0.5 : Number(value) - 1));
  const mean = p.reduce((sum, value) => sum + value, 0) / p.length;
  const variance = p.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (p.length - 1);
  return { winRate: 100 * mean, standardError: 100 * Math.sqrt(variance / p.length) };
}

describe("rate --method winrate --ties half on AlpacaEval's layout", () => {
  const compact = writeCompact();

  it("gives AlpacaEval's win rate and standard error per annotator, and warns when baselines are pooled", async () => {
    const imported = await runCliForTest(["import", "alpaca-eval", compact, "--out", "ae"], { cwd: root });
    expect(imported.code).toBe(0);
    const byJudge = await runCliForTest(
      [
        "rate",
        "ae",
        "--method",
        "winrate",
        "--ties",
        "half",
        "--group",
        "producer",
        "--by",
        "judge",
        "--bootstrap",
        "0",
        "--json",
      ],
      { cwd: root },
    );
    expect(byJudge.code).toBe(0);
    const reports = (JSON.parse(byJudge.stdout) as { reports: JudgeReport[] }).reports;
    for (const [model, { annotator, baseline, preferences }] of Object.entries(PREFERENCES)) {
      const report = reports.find((entry) => entry.judge === annotator);
      expect(report?.baselines).toEqual([baseline]);
      expect(report?.warnings ?? []).toEqual([]);
      const row = report?.items.find((item) => item.id === model);
      const expected = published(preferences);
      expect(100 * (row?.rating as number)).toBeCloseTo(expected.winRate, 10);
      expect(100 * (row?.standardError as number)).toBeCloseTo(expected.standardError, 10);
    }
    const pooled = await runCliForTest(
      ["rate", "ae", "--method", "winrate", "--ties", "half", "--group", "producer", "--bootstrap", "0"],
      { cwd: root },
    );
    expect(pooled.code).toBe(0);
    expect(pooled.stdout).toContain(
      "warning: this table pools 2 baselines (gpt4_1106_preview in 8 comparisons, text_davinci_003 in 8 comparisons)",
    );
    expect(pooled.stdout).toContain("warning: this table pools 2 judges");
    expect(pooled.stdout).toMatch(/win rate %\s+SE %\s+95% interval %/);
    // model-d: three wins and a loss → 75.000 with SE 25.000.
    expect(pooled.stdout).toMatch(/\bmodel-d\s+75\.000\s+25\.000\b/);
  });

  it("keeps ties out of the denominator without --ties half (the Wilson win rate)", async () => {
    const run = await runCliForTest(
      ["rate", "ae", "--method", "winrate", "--group", "producer", "--by", "judge", "--bootstrap", "0", "--json"],
      { cwd: root },
    );
    const reports = (JSON.parse(run.stdout) as { reports: JudgeReport[] }).reports;
    const modelC = reports
      .find((entry) => entry.judge === "alpaca_eval_gpt4")
      ?.items.find((item) => item.id === "model-c");
    // model-c: one win, two ties, one loss → 1/2 with ties excluded (37.5% with ties half).
    expect(modelC?.rating).toBeCloseTo(0.5, 12);
  });
});

const leaderboards = join(alpacaEval, "leaderboards", "src", "alpaca_eval", "leaderboards");

describe.skipIf(!existsSync(join(alpacaEval, "annotations_compact.csv.gz")) || !existsSync(leaderboards))(
  "AlpacaEval leaderboards from the CLI (shared data)",
  () => {
    it("reproduces every leaderboard row of the annotators in the compact file: win_rate and standard_error", async () => {
      const out = join(root, "ae-full");
      const imported = await runCliForTest(
        ["import", "alpaca-eval", join(alpacaEval, "annotations_compact.csv.gz"), "--out", out],
        {
          cwd: root,
        },
      );
      expect(imported.code).toBe(0);
      const run = await runCliForTest(
        [
          "rate",
          out,
          "--method",
          "winrate",
          "--ties",
          "half",
          "--group",
          "producer",
          "--by",
          "judge",
          "--bootstrap",
          "0",
          "--json",
        ],
        { cwd: root },
      );
      expect(run.code).toBe(0);
      const reports = (JSON.parse(run.stdout) as { reports: JudgeReport[] }).reports;
      let reproduced = 0;
      for (const folder of readdirSync(leaderboards).filter((name) => name.startsWith("data_"))) {
        for (const file of readdirSync(join(leaderboards, folder)).filter((name) =>
          name.endsWith("_leaderboard.csv"),
        )) {
          const annotator = file.replace("_leaderboard.csv", "");
          const report = reports.find((entry) => entry.judge === annotator);
          if (report === undefined) continue;
          const [header, ...lines] = readFileSync(join(leaderboards, folder, file), "utf8")
            .trim()
            .split("\n");
          const columns = (header ?? "").split(",");
          for (const line of lines) {
            const cells = line.split(",");
            const model = cells[0] as string;
            const row = report.items.find((item) => item.id === model);
            // A baseline's leaderboard row compares it with itself (50%); models absent from the compact file skip.
            if (row?.rating === null || row === undefined || report.baselines?.includes(model)) continue;
            const value = (name: string) => Number(cells[columns.indexOf(name)]);
            expect({ annotator, model, winRate: 100 * row.rating }).toEqual({
              annotator,
              model,
              winRate: expect.closeTo(value("win_rate"), 9),
            });
            expect(100 * (row.standardError as number)).toBeCloseTo(value("standard_error"), 9);
            reproduced++;
          }
        }
      }
      // The datasets README: 122 of 123 rows reproduce from the upstream results folders; 118 of them are rows of a
      // model the compact file holds under its own name (the others are stored under another folder's name).
      expect(reproduced).toBe(118);
      const ein = reports
        .find((entry) => entry.judge === "alpaca_eval_gpt4_turbo_fn")
        ?.items.find((item) => item.id === "Ein-70B-v0.1");
      expect(100 * (ein?.rating as number)).toBeCloseTo(24.84472049689441, 10);
      const fuse = reports
        .find((entry) => entry.judge === "weighted_alpaca_eval_gpt4_turbo")
        ?.items.find((item) => item.id === "FuseChat-Gemma-2-9B-Instruct");
      expect(100 * (fuse?.rating as number)).toBeCloseTo(70.49713534560247, 10);
    }, 120_000);
  },
);
