import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
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

/** `judgelab rate <dataset> --method winrate --ties half --group producer --by judge --json`: one report per judge. */
async function rateWinRatesByJudge(dataset: string): Promise<JudgeReport[]> {
  const run = await runCliForTest(
    [
      "rate",
      dataset,
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
  return (JSON.parse(run.stdout) as { reports: JudgeReport[] }).reports;
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
    const reports = await rateWinRatesByJudge("ae");
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

/**
 * Results folders taken from the shared compact file: both AlpacaEval versions, the weighted annotator, hard
 * verdicts with ties, and the runs stored twice upstream (falcon-40b-instruct's annotations again under
 * falcon-7b-instruct; vicuna-13b-v1.5's under a nested annotator folder; Mistral-7B-Instruct-v0.2's
 * chain-of-thought annotations again under alpaca_eval_gpt4_turbo_fn). A subset keeps the import to seconds;
 * the importers' own test imports the whole file.
 */
/** The baselines of AlpacaEval 2 and 1: their leaderboard rows compare them with themselves (50%). */
const BASELINES = ["gpt4_1106_preview", "text_davinci_003"];

const RESULTS_FOLDERS = new Set([
  "Ein-70B-v0.1",
  "FuseChat-Gemma-2-9B-Instruct",
  "falcon-40b-instruct",
  "falcon-7b-instruct",
  "vicuna-13b-v1.5",
  "Mistral-7B-Instruct-v0.2",
  "gpt-3.5-turbo-0301",
  "gpt4_0314",
  "claude-2",
]);

describe.skipIf(!existsSync(join(alpacaEval, "annotations_compact.csv.gz")) || !existsSync(leaderboards))(
  "AlpacaEval leaderboards from the CLI (shared data)",
  () => {
    it("reproduces the leaderboard rows of real annotations: win_rate and standard_error to 1e-9", async () => {
      const [header, ...rows] = gunzipSync(readFileSync(join(alpacaEval, "annotations_compact.csv.gz")))
        .toString("utf8")
        .trim()
        .split("\n");
      const subset = rows.filter((row) => RESULTS_FOLDERS.has(row.slice(0, row.indexOf(","))));
      writeFileSync(join(root, "annotations_compact_subset.csv"), `${header}\n${subset.join("\n")}\n`);
      const imported = await runCliForTest(
        ["import", "alpaca-eval", "annotations_compact_subset.csv", "--out", "ae-real"],
        { cwd: root },
      );
      expect(imported.code).toBe(0);
      // The copies are skipped with a reason, so each judgment counts once (else n doubles and SE shrinks by √2).
      expect(imported.stdout).toContain("the same annotation stored again under another results folder");
      const reports = await rateWinRatesByJudge("ae-real");
      const reproduced: string[] = [];
      for (const folder of readdirSync(leaderboards).filter((name) => name.startsWith("data_"))) {
        for (const file of readdirSync(join(leaderboards, folder)).filter((name) =>
          name.endsWith("_leaderboard.csv"),
        )) {
          const annotator = file.replace("_leaderboard.csv", "");
          const report = reports.find((entry) => entry.judge === annotator);
          if (report === undefined) continue;
          const [columnLine, ...lines] = readFileSync(join(leaderboards, folder, file), "utf8")
            .trim()
            .split("\n");
          const columns = (columnLine ?? "").split(",");
          for (const line of lines) {
            const cells = line.split(",");
            const model = cells[0] as string;
            const row = report.items.find((item) => item.id === model);
            // A baseline's leaderboard row compares it with itself (50%); models not in the subset skip.
            if (row?.rating === null || row === undefined || BASELINES.includes(model)) continue;
            const value = (name: string) => Number(cells[columns.indexOf(name)]);
            expect({ annotator, model, winRate: 100 * row.rating }).toEqual({
              annotator,
              model,
              winRate: expect.closeTo(value("win_rate"), 9),
            });
            expect(100 * (row.standardError as number)).toBeCloseTo(value("standard_error"), 9);
            reproduced.push(`${annotator}/${model}`);
          }
        }
      }
      // Every leaderboard row of the subset's models under the annotator that judged them (Ein-70B-v0.1's row sits
      // in the weighted annotator's file but its annotations are alpaca_eval_gpt4_turbo_fn's; checked below).
      expect(reproduced).toHaveLength(11);
      expect(reproduced).toContain("weighted_alpaca_eval_gpt4_turbo/falcon-7b-instruct");
      const ein = reports
        .find((entry) => entry.judge === "alpaca_eval_gpt4_turbo_fn")
        ?.items.find((item) => item.id === "Ein-70B-v0.1");
      expect(100 * (ein?.rating as number)).toBeCloseTo(24.84472049689441, 10);
      expect(100 * (ein?.standardError as number)).toBeCloseTo(1.521406431103307, 10);
      const fuse = reports
        .find((entry) => entry.judge === "weighted_alpaca_eval_gpt4_turbo")
        ?.items.find((item) => item.id === "FuseChat-Gemma-2-9B-Instruct");
      expect(100 * (fuse?.rating as number)).toBeCloseTo(70.49713534560247, 10);
      expect(100 * (fuse?.standardError as number)).toBeCloseTo(1.3426390784895994, 10);
    }, 60_000);
  },
);
