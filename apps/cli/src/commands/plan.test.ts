import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { calibrateDavidsonTie, SimulatedStudy } from "@judgelab/design";
import { schedulerSchema, stopSchema } from "@judgelab/tournament";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-plan-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");
const VERDICTS = ["first", "second", "tie"] as const;

/** A pilot dataset: 24 items, every pair 4 times in both orders, each match by one of `judges` judges. */
function writePilot(name: string, judges: number): void {
  const assumptions = { items: 24, spreadSd: 0.9, judges, judgeNoise: 0.3, tieRate: 0.1, positionBias: 0.06 };
  const study = new SimulatedStudy({
    assumptions,
    tieParameter: calibrateDavidsonTie({ tieRate: 0.1, variance: 0.9 ** 2 + 0.3 ** 2 }),
    scheduler: schedulerSchema.parse({ kind: "round-robin", cycles: 4 }),
    stop: stopSchema.parse({}),
    order: "both",
    seed: 5,
    replicate: 0,
  });
  study.extendTo(Number.POSITIVE_INFINITY);
  const outcomes = study.outcomesUpTo(Number.POSITIVE_INFINITY);
  const comparisons = Array.from({ length: outcomes.size }, (_, row) => ({
    id: `c${row}`,
    first: `p${outcomes.first[row]}`,
    second: `p${outcomes.second[row]}`,
    order: "known",
    verdict: VERDICTS[outcomes.verdict[row] as 0 | 1 | 2],
    judge: `judge-${outcomes.judge?.[row]}`,
  }));
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name }));
  writeFileSync(join(dir, "items.jsonl"), lines(Array.from({ length: 24 }, (_, i) => ({ id: `p${i}` }))));
  writeFileSync(join(dir, "comparisons.jsonl"), lines(comparisons));
}
writePilot("pilot", 3);
writePilot("one-judge", 1);

describe("judgelab plan", () => {
  it("plans from a pilot: estimates, the table, the budget per target, the chart", async () => {
    const run = await runCliForTest(
      [
        "plan",
        "--from",
        "pilot",
        "--target",
        "rank-width=16",
        "--target",
        "top-k=1@0.5",
        "--simulations",
        "20",
        "--max-comparisons",
        "16",
        "--seed",
        "4",
        "--chart",
        "plan.vl.json",
      ],
      { cwd: root },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Power analysis by simulation, seed 4: 24 items, spread sd 0\.\d\d/);
    expect(run.stdout).toMatch(/assumptions from pilot pilot: \d+ comparisons/);
    expect(run.stdout).toMatch(/judges agree on \d+\.\d% of \d+ shared pairs/);
    expect(run.stdout).toMatch(/rank intervals: 100 normal draws/);
    expect(run.stdout).toMatch(/^rank-width=16 +\d+/m);
    const chart = JSON.parse(readFileSync(join(root, "plan.vl.json"), "utf8"));
    expect(chart.vconcat).toHaveLength(2);
    expect(chart.title.subtitle[0]).toContain("seed 4");
  });

  it("--json with explicit assumptions, named judges priced, an SVG chart and an unreachable target", async () => {
    const run = await runCliForTest(
      [
        "plan",
        "--items",
        "16",
        "--judges",
        "gpt-4o,claude-sonnet-4-0",
        "--target",
        "rank-width=0",
        "--simulations",
        "10",
        "--max-comparisons",
        "8",
        "--chart",
        "plan.svg",
        "--json",
      ],
      { cwd: root },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.seed).toBe(1);
    expect(output.assumptions).toMatchObject({ items: 16, judges: 2, spreadSd: 0.8 });
    expect(output.results[0].reached).toBe(false);
    const widths = output.points.map((point: { estimates: { estimate: number }[] }) => point.estimates[0]!.estimate);
    expect(output.results[0].closest.estimate).toBe(Math.min(...widths));
    expect(output.points.map((point: { comparisonsPerItem: number }) => point.comparisonsPerItem)).toEqual([2, 4, 8]);
    // not reached: priced at the cap, 8 per item × 16 items / 2 = 64 comparisons; gpt-4o 1000 in + 250 out = $0.005, claude-sonnet-4-0 $0.00675.
    expect(output.costs[0].comparisons).toBe(64);
    expect(output.costs[0].totalUsd).toBeCloseTo((64 * (0.005 + 0.00675)) / 2, 10);
    expect(readFileSync(join(root, "plan.svg"), "utf8")).toMatch(/^<svg/);
    const text = await runCliForTest(
      ["plan", "--items", "16", "--target", "rank-width=0", "--simulations", "10", "--max-comparisons", "8"],
      { cwd: root },
    );
    expect(text.stdout).toMatch(/rank-width=0 +not reached within 8; closest at \d/);
  });

  it("says when the scheduler runs out of pairs (pairs never repeat) and stops the search there", async () => {
    const run = await runCliForTest(
      ["plan", "--items", "6", "--target", "rank-width=0", "--simulations", "5", "--max-comparisons", "64"],
      { cwd: root },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ran out of new pairs at 5\.0 comparisons per item/);
    expect(run.stdout).toMatch(/^ +8 +15 \(ran out\)/m);
    expect(run.stdout).not.toMatch(/^ +16 /m);
    expect(run.stdout).toMatch(/rank-width=0 +not reached before the scheduler ran out of pairs/);
  });

  it("exits 2 naming the minimum when the pilot cannot give the judge noise", async () => {
    const run = await runCliForTest(["plan", "--from", "one-judge", "--target", "rank-width=5"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/one-judge: .*at least 2 judges sharing at least 20 pairs/);
  });

  it("exits 2 on a malformed target or an unknown scheduler", async () => {
    const target = await runCliForTest(["plan", "--target", "top-k=5"], { cwd: root });
    expect(target.code).toBe(2);
    expect(target.stderr).toMatch(/top-k=K@P/);
    const scheduler = await runCliForTest(["plan", "--target", "rank-width=5", "--scheduler", "best"], { cwd: root });
    expect(scheduler.code).toBe(2);
    expect(scheduler.stderr).toMatch(/--scheduler must be one of random, round-robin/);
  });
});
