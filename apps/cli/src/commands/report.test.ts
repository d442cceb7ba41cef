import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paperTournamentPreset, simulateTournament } from "@judgelab/tournament";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-report-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const config = paperTournamentPreset({ papers: 30, seed: 3, categories: ["A", "B"] });
  await simulateTournament({ config, outDir: join(root, "sim") });
});

describe("judgelab report", () => {
  it("writes the report and prints the documented JSON summary", async () => {
    const run = await runCliForTest(["report", "sim", "--out", "out", "--bootstrap", "40", "--pages", "2", "--json"], {
      cwd: root,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(Object.keys(summary).sort()).toEqual(
      ["charts", "files", "headlines", "itemPages", "out", "seconds", "timingsMs"].sort(),
    );
    expect(summary.out).toBe("out");
    expect(summary.itemPages).toBe(2);
    expect(summary.files).toEqual(
      expect.arrayContaining(["report.html", "report.md", "metrics.json", "run-metadata.json"]),
    );
    const metadata = JSON.parse(readFileSync(join(root, "out", "run-metadata.json"), "utf8"));
    expect(metadata).toMatchObject({ seed: 1, bootstrapRounds: 40, dataset: { path: "sim" } });
  });

  it("gives the same figures for the same seed", async () => {
    await runCliForTest(["report", "sim", "--out", "again", "--bootstrap", "40", "--pages", "0", "--json"], {
      cwd: root,
    });
    const first = readFileSync(join(root, "out", "metrics.json"), "utf8");
    const second = readFileSync(join(root, "again", "metrics.json"), "utf8");
    expect(second).toBe(first);
  });

  it("needs --out (exit 2 with what to do)", async () => {
    const run = await runCliForTest(["report", "sim"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--out <dir> is required");
  });

  it("names the problems of an invalid dataset (exit 2)", async () => {
    writeFileSync(join(root, "bad.jsonl"), '{"id": "c1", "first": "a"}\n');
    const run = await runCliForTest(["report", "bad.jsonl", "--out", "bad-out"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.jsonl:1: /);
  });

  it("explains a folder that holds no dataset", async () => {
    const run = await runCliForTest(["report", ".", "--out", "x"], { cwd: join(root, "out") });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no dataset.json or comparisons.jsonl");
  });
});
