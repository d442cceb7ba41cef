import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JudgeTablesDocument, MetricsDocument } from "@judgelab/analytics";
import { createRandomSource } from "@judgelab/ratings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-analyze-engine-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, "tournament");

/** 12 items, two judges each judging every match in both orders, a third judging once. */
beforeAll(() => {
  const random = createRandomSource(8);
  const lines: string[] = [];
  let id = 0;
  for (let match = 0; match < 120; match++) {
    const a = Math.floor(random.next() * 12);
    const b = (a + 1 + Math.floor(random.next() * 11)) % 12;
    for (const judge of ["j1", "j2", "j3"]) {
      for (const [first, second] of judge === "j3"
        ? [[a, b]]
        : [
            [a, b],
            [b, a],
          ]) {
        const p = 1 / (1 + Math.exp(-((first as number) - (second as number)) / 4 - 0.2));
        const verdict = random.next() < p ? "first" : "second";
        lines.push(
          JSON.stringify({
            id: `c${id++}`,
            first: `i${first}`,
            second: `i${second}`,
            order: "known",
            verdict,
            judge,
            matchId: `m${match}`,
          }),
        );
      }
    }
  }
  mkdirSync(dir);
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name: "t" }));
  writeFileSync(
    join(dir, "items.jsonl"),
    Array.from({ length: 12 }, (_, i) => `${JSON.stringify({ id: `i${i}` })}\n`).join(""),
  );
  writeFileSync(join(dir, "comparisons.jsonl"), `${lines.join("\n")}\n`);
});

describe("judgelab analyze --engine duckdb", () => {
  it("prints the judge-tables document with the in-memory engine's leaderboards and first-position rates", async () => {
    const args = ["analyze", dir, "--json", "--bootstrap", "20", "--seed", "2"];
    const memory = await runCliForTest([...args, "--engine", "memory"]);
    const duck = await runCliForTest([...args, "--engine", "duckdb"]);
    expect(memory.code).toBe(0);
    expect(duck.code).toBe(0);
    expect(duck.stderr).toMatch(/engine duckdb/);
    const metrics = JSON.parse(memory.stdout) as MetricsDocument;
    const tables = JSON.parse(duck.stdout) as JudgeTablesDocument;
    expect(tables.kind).toBe("judgelab.judge-tables");
    if (!metrics.stability.available || !tables.stability.available || !metrics.positionBias.available)
      throw new Error("a section is unavailable");
    expect(tables.stability.pooled).toEqual(metrics.stability.pooled);
    expect(tables.stability.perJudge.map((row) => row.leaderboard.intervals)).toEqual(
      metrics.stability.perJudge.map((row) => row.leaderboard.intervals),
    );
    expect(tables.positionBias.perJudge.map((row) => row.firstWinRate)).toEqual(
      metrics.positionBias.perJudge.map((row) => row.firstWinRate),
    );
  });

  it("says in the summary which sections it did not compute", async () => {
    const result = await runCliForTest(["analyze", dir, "--bootstrap", "20", "--engine", "duckdb"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/## Position bias/);
    expect(result.stdout).toMatch(/Not computed by this engine .*\n\s+agreement: /);
  });

  it("refuses options that need the rows (exit 2)", async () => {
    const result = await runCliForTest(["analyze", dir, "--engine", "duckdb", "--condition", "judge"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--condition needs them: use --engine memory/);
  });
});
