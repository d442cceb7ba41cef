import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";
import { DEFAULT_DEMO_OUT } from "./demo.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-demo-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("judgelab demo", () => {
  it("simulates a paper tournament and writes the full report (small run)", async () => {
    const run = await runCliForTest(
      ["demo", "--out", "demo", "--papers", "40", "--bootstrap", "50", "--pages", "3", "--seed", "5", "--json"],
      { cwd: root },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.out).toBe("demo");
    expect(summary.dataset).toBe(join("demo", "dataset"));
    expect(summary.papers).toBeGreaterThanOrEqual(40);
    expect(summary.comparisons).toBeGreaterThan(summary.papers);
    expect(summary.charts).toEqual(
      expect.arrayContaining(["leaderboard", "rank-intervals", "position-bias", "run-cost"]),
    );
    expect(summary.itemPages).toBeGreaterThanOrEqual(3);
    for (const file of ["report.html", "report.md", "metrics.json", "run-metadata.json", "dataset/comparisons.jsonl"]) {
      expect(existsSync(join(root, "demo", file))).toBe(true);
    }
    const metadata = JSON.parse(readFileSync(join(root, "demo", "run-metadata.json"), "utf8"));
    expect(metadata.seed).toBe(5);
    expect(metadata.bootstrapRounds).toBe(50);
    expect(metadata.command).toBe("judgelab demo --out demo --papers 40 --bootstrap 50 --pages 3 --seed 5 --json");
    expect(metadata.dataset.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const html = readFileSync(join(root, "demo", "report.html"), "utf8");
    expect(html.match(/<figure class="chart"/g)?.length).toBe(summary.charts.length);
    // Three simulated judges with different position biases: the report names each with its first-position rate.
    for (const judge of ["gemini-3", "gpt-5.2", "claude-opus-4.6"]) expect(html).toContain(judge);
  });

  it("rejects unknown arguments with exit 2", async () => {
    const run = await runCliForTest(["demo", "extra"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unexpected argument");
  });

  it("writes to a git-ignored folder by default, so the committed reports/demo/ changes only when asked", () => {
    const gitignore = readFileSync(resolve(import.meta.dirname, "../../../../.gitignore"), "utf8").split("\n");
    expect(DEFAULT_DEMO_OUT).toBe("reports/demo-local");
    // reports/* is ignored except the committed example, the README and the scheduling benchmark's chart.
    expect(gitignore).toContain("reports/*");
    expect(gitignore.filter((line) => line.startsWith("!reports/"))).toEqual([
      "!reports/demo/",
      "!reports/README.md",
      "!reports/bench/",
      "!reports/bench/scheduling.svg",
    ]);
    expect(gitignore).toContain("reports/bench/*");
    expect(gitignore).not.toContain("!reports/demo-local/");
  });
});
