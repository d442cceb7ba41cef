import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-check-intervals-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

/**
 * 5 items, every pair in 3 matches, each match judged 4 times by one judge in both orders (as a panel or
 * repeated judgments store them); the stronger item (higher index) usually wins, and a match's judgments mostly
 * agree with each other.
 */
function writePanel(name: string, withMatchIds: boolean): void {
  const items = ["a", "b", "c", "d", "e"];
  const comparisons: unknown[] = [];
  let id = 0;
  let match = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      for (let r = 0; r < 3; r++, match++) {
        const upsetMatch = (i + 2 * j + r) % 4 === 0;
        for (let k = 0; k < 4; k++) {
          const flip = k % 2 === 1;
          const strongerWins = upsetMatch ? k === 3 : k !== 3 || (i + j + r) % 2 === 0;
          const firstIsStronger = flip;
          comparisons.push({
            id: `c${id++}`,
            first: flip ? items[j] : items[i],
            second: flip ? items[i] : items[j],
            order: "known",
            verdict: strongerWins === firstIsStronger ? "first" : "second",
            judge: "j",
            ...(withMatchIds ? { matchId: `m${match}` } : {}),
          });
        }
      }
    }
  }
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name }));
  writeFileSync(join(dir, "items.jsonl"), lines(items.map((item) => ({ id: item }))));
  writeFileSync(join(dir, "comparisons.jsonl"), lines(comparisons));
}
writePanel("panel", true);
writePanel("no-matches", false);

describe("judgelab check-intervals", () => {
  it("prints the coverage of naive, clustered and sandwich intervals and writes the chart", async () => {
    const run = await runCliForTest(
      ["check-intervals", "panel", "--datasets", "12", "--rounds", "40", "--seed", "5", "--chart", "coverage.vl.json"],
      { cwd: root },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const rows = run.stdout.split("\n");
    expect(rows[0]).toMatch(
      /^120 comparisons, 4\.00 per match \(30 matches with more than one\); shared per-match noise ρ = /,
    );
    expect(rows[1]).toBe("12 simulated datasets, 40 bootstrap rounds each, seed 5; nominal coverage 95%");
    expect(run.stdout).toMatch(/naive bootstrap\s+comparison\s+\d+\.\d% ± \d+\.\d%/);
    expect(run.stdout).toMatch(/clustered bootstrap\s+match\s+\d+\.\d% ± \d+\.\d%/);
    expect(run.stdout).toMatch(/sandwich\s+match\s+/);
    const chartPath = join(root, "coverage.vl.json");
    expect(existsSync(chartPath)).toBe(true);
    const chart = JSON.parse(readFileSync(chartPath, "utf8"));
    expect(chart.$schema).toMatch(/vega-lite\/v6/);
    expect(chart.data.values).toHaveLength(6);
  });

  it("--json gives the truth, the noise estimate and every method's coverage, reproducibly", async () => {
    const args = ["check-intervals", "panel", "--datasets", "8", "--rounds", "30", "--json"];
    const first = await runCliForTest(args, { cwd: root });
    const second = await runCliForTest(args, { cwd: root });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({ datasets: 8, rounds: 30, seed: 1, comparisons: 120, sharedMatches: 30 });
    expect(Object.keys(result.truth).sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect(result.methods.map((method: { method: string }) => method.method)).toEqual([
      "naive bootstrap",
      "clustered bootstrap",
      "sandwich",
    ]);
    for (const method of result.methods) {
      expect(method.ratingCoverage).toBeGreaterThanOrEqual(0);
      expect(method.ratingCoverage).toBeLessThanOrEqual(1);
    }
    // Without match ids nothing is clustered: the "clustered" bootstrap falls back to comparisons.
    const flatArgs = ["check-intervals", "no-matches", "--datasets", "8", "--rounds", "30", "--json"];
    const flat = JSON.parse((await runCliForTest(flatArgs, { cwd: root })).stdout);
    expect(flat.methods[1].clustering).toBe("comparison");
  });

  it("exits 2 on bad arguments and a missing dataset", async () => {
    expect((await runCliForTest(["check-intervals"], { cwd: root })).code).toBe(2);
    expect((await runCliForTest(["check-intervals", "panel", "--rounds", "0"], { cwd: root })).code).toBe(2);
    expect((await runCliForTest(["check-intervals", "missing"], { cwd: root })).code).toBe(2);
  });

  it("analyze --cluster match on data without matchIds exits 2 naming the flag", async () => {
    const run = await runCliForTest(["analyze", "no-matches", "--cluster", "match"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--cluster match: .*no comparison has a matchId/);
  });
});
