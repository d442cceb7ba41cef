import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { itWithSharedData, sharedDataPath } from "@judgelab/test-shared-data";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";
import { parseSettings } from "./import.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-import-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const shared = sharedDataPath("datasets");

const battles = [
  { model_a: "gpt-4", model_b: "claude-2", winner: "model_a", judge: "u1" },
  { model_a: "gpt-4", model_b: "gpt-4", winner: "tie", judge: "u1" },
  { model_a: "claude-2", model_b: "gpt-4", winner: "nonsense", judge: "u2" },
];
writeFileSync(join(root, "battles.jsonl"), battles.map((battle) => `${JSON.stringify(battle)}\n`).join(""));

describe("judgelab import", () => {
  it("prints what was read, written and skipped, and the license", async () => {
    const run = await runCliForTest(
      ["import", "arena-battles", "battles.jsonl", "--out", "arena", "--license", "CC0-1.0"],
      { cwd: root },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("read      3 records from 1 file");
    expect(run.stdout).toContain("written   2 items, 2 judges, 2 comparisons");
    expect(run.stdout).toMatch(/skipped {3}1:\n +1 {2}an item compared with itself .*battles\.jsonl:2/);
    expect(run.stdout).toContain("license   CC0-1.0");
    expect(JSON.parse(readFileSync(join(root, "arena", "dataset.json"), "utf8"))).toMatchObject({
      name: "arena-battles",
      license: "CC0-1.0",
    });
  });

  it("refuses a non-empty output folder without --force (exit 2) and replaces it with --force", async () => {
    const refused = await runCliForTest(["import", "arena-battles", "battles.jsonl", "--out", "arena"], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not empty.*--force/);
    const forced = await runCliForTest(
      ["import", "arena-battles", "battles.jsonl", "--out", "arena", "--force", "--json"],
      { cwd: root },
    );
    expect(forced.code).toBe(0);
    const output = JSON.parse(forced.stdout);
    expect(output).toMatchObject({ format: "arena-battles", report: { read: 3, written: { comparisons: 2 } } });
    expect(output.report.skipped[0]).toMatchObject({ count: 1, examples: [{ line: 2 }] });
  });

  it("takes a column mapping for the generic formats", async () => {
    writeFileSync(join(root, "votes.csv"), "left,right,pick,who\nm1,m2,B,ann\nm2,m3,same,bob\n");
    const run = await runCliForTest(
      [
        "import",
        "csv",
        "votes.csv",
        "--out",
        "votes",
        "--map",
        "first=left,second=right,verdict=pick,judge=who",
        "--set",
        "values=same:tie",
        "--set",
        "judge-kind=human",
      ],
      { cwd: root },
    );
    expect(run.code).toBe(0);
    const comparisons = readFileSync(join(root, "votes", "comparisons.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(comparisons.map((c: { verdict: string; judge: string }) => [c.verdict, c.judge])).toEqual([
      ["second", "ann"],
      ["tie", "bob"],
    ]);
    expect(readFileSync(join(root, "votes", "judges.jsonl"), "utf8")).toContain('"kind":"human"');
  });

  it("gives usage errors (exit 2) that say what to do", async () => {
    const unknown = await runCliForTest(["import", "nope", "x", "--out", "y"], { cwd: root });
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringMatching(/unknown format "nope"; known formats: llmbar, pandalm/),
    ]);
    const noOut = await runCliForTest(["import", "pandalm", "x"], { cwd: root });
    expect(noOut.stderr).toMatch(/--out <dataset-dir> is required/);
    const missing = await runCliForTest(["import", "pandalm", "missing.json", "--out", "p"], { cwd: root });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/missing\.json: no such file or folder/)]);
    const noMapping = await runCliForTest(["import", "csv", "votes.csv", "--out", "v2"], { cwd: root });
    expect([noMapping.code, noMapping.stderr]).toEqual([2, expect.stringMatching(/--map first=COLUMN/)]);
    mkdirSync(join(root, "bad"), { recursive: true });
    writeFileSync(join(root, "bad", "x.jsonl"), "{not json\n");
    const corrupt = await runCliForTest(["import", "arena-battles", "bad/x.jsonl", "--out", "bad-out"], { cwd: root });
    expect([corrupt.code, corrupt.stderr]).toEqual([2, expect.stringMatching(/x\.jsonl:1: not valid JSON/)]);
    expect(() => parseSettings(["novalue"], [])).toThrow(/--map expects key=value/);
  });

  it("documents formats and settings in --help", async () => {
    const general = await runCliForTest(["import", "--help"]);
    expect(general.stdout).toContain("judging-the-judges");
    const format = await runCliForTest(["import", "bt-counts", "--help"]);
    expect(format.stdout).toContain("judge-kind");
  });

  itWithSharedData(
    "datasets/alpaca_eval/raw_annotations_sample",
    "imports AlpacaEval annotations and says the data is CC BY-NC 4.0",
    async () => {
      const run = await runCliForTest(
        ["import", "alpaca-eval", join(shared, "alpaca_eval/raw_annotations_sample"), "--out", "ae"],
        { cwd: root },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/license {3}CC BY-NC 4\.0 .*non-commercial/);
    },
  );
});
