import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetricsDocument } from "@judgelab/analytics";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-analyze-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

/**
 * Eight items of increasing quality, two LLM judges and a human judging every pair in both orders, twice
 * (repetition 0 under template A, repetition 1 under template B); a deterministic pattern of upsets and a
 * first-position bias for judge-a; pointwise scores; reference scores in a separate file.
 */
function writeDataset(name: string): string {
  const items = Array.from({ length: 8 }, (_, index) => `item-${index}`);
  const judges = ["judge-a", "judge-b", "human-1"];
  const comparisons: unknown[] = [];
  let id = 0;
  for (let repetition = 0; repetition < 2; repetition++) {
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        for (const [first, second] of [
          [i, j],
          [j, i],
        ] as const) {
          judges.forEach((judge, judgeIndex) => {
            const better = first > second ? "first" : "second";
            const upset = (i * 7 + j * 3 + judgeIndex + repetition + first) % 6 === 0;
            const favoursFirst = judge === "judge-a" && (i + j + repetition) % 4 === 0;
            const verdict = favoursFirst ? "first" : upset ? (better === "first" ? "second" : "first") : better;
            comparisons.push({
              id: `c${id++}`,
              first: items[first],
              second: items[second],
              order: "known",
              verdict,
              judge,
              prompt: "p1",
              repetition,
              createdAt: new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString(),
              metadata: { template: repetition === 0 ? "A" : "B" },
            });
          });
        }
      }
    }
  }
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name }));
  writeFileSync(
    join(dir, "items.jsonl"),
    lines(
      items.map((item, index) => ({
        id: item,
        text: "x".repeat(100 + 40 * index),
        producerFamily: index % 2 ? "gpt" : "claude",
      })),
    ),
  );
  writeFileSync(
    join(dir, "judges.jsonl"),
    lines([
      { id: "judge-a", kind: "llm", family: "gpt" },
      { id: "judge-b", kind: "llm", family: "claude" },
      { id: "human-1", kind: "human" },
    ]),
  );
  writeFileSync(join(dir, "comparisons.jsonl"), lines(comparisons));
  writeFileSync(
    join(dir, "assessments.jsonl"),
    lines(
      items.map((item, index) => ({ item, judge: "judge-b", scores: { overall: 1 + index + (index === 3 ? 2 : 0) } })),
    ),
  );
  writeFileSync(
    join(root, `${name}-references.jsonl`),
    lines(items.map((item, index) => ({ kind: "item", item, name: "reviewer mean", score: index * 0.5 }))),
  );
  return dir;
}

describe("judgelab analyze", () => {
  const dir = writeDataset("small");

  it("prints help and rejects missing arguments with exit 2", async () => {
    const help = await runCliForTest(["analyze", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--condition <field>");
    const missing = await runCliForTest(["analyze"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("give exactly one dataset");
  });

  it("--json prints the metrics document with every section", async () => {
    const run = await runCliForTest(
      [
        "analyze",
        "small",
        "--json",
        "--seed",
        "3",
        "--bootstrap",
        "50",
        "--reference",
        "small-references.jsonl",
        "--condition",
        "template",
      ],
      { cwd: root },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as MetricsDocument;
    expect(document.schemaVersion).toBe(1);
    expect(document.options).toMatchObject({ seed: 3, bootstrapRounds: 50, condition: "template" });
    expect(document.dataset.comparisons).toBe(8 * 7 * 2 * 3);
    if (!document.positionBias.available) throw new Error(document.positionBias.reason);
    const judgeA = document.positionBias.perJudge.find((row) => row.judge === "judge-a")!;
    expect(judgeA.firstWinRate.value!).toBeGreaterThan(0.55);
    expect(judgeA.bothOrders.available).toBe(true);
    expect(document.agreement.available && document.agreement.alpacaEval.available).toBe(true);
    expect(document.stability.available).toBe(true);
    expect(document.coherence.available).toBe(true);
    if (!document.reference.available) throw new Error(document.reference.reason);
    expect(document.reference.name).toBe("reviewer mean");
    expect(document.reference.ranking.available).toBe(true);
    if (!document.conditions.available) throw new Error(document.conditions.reason);
    expect(document.conditions.perCondition.map((row) => row.condition)).toEqual(["A", "B"]);
    expect(document.conditions.pairs[0]!.flipRate.n).toBeGreaterThan(0);
  });

  it("prints a readable summary; unavailable sections say why", async () => {
    const run = await runCliForTest(["analyze", dir, "--bootstrap", "20"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("## Agreement");
    expect(run.stdout).toContain("## Position bias");
    expect(run.stdout).toContain("## Conditions: not available (no condition field named");
  });

  it("reports bad input with exit 2: unknown condition field, invalid reference line, invalid dataset", async () => {
    const field = await runCliForTest(["analyze", dir, "--condition", "nope", "--bootstrap", "10"]);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('no comparison has a "nope" field');
    writeFileSync(join(root, "bad-references.jsonl"), `${JSON.stringify({ kind: "item", item: "item-0" })}\n{oops\n`);
    const reference = await runCliForTest(["analyze", dir, "--reference", "bad-references.jsonl"], { cwd: root });
    expect(reference.code).toBe(2);
    expect(reference.stderr).toContain("bad-references.jsonl:1: name");
    expect(reference.stderr).toContain("bad-references.jsonl:2:");
    writeFileSync(
      join(root, "unknown-references.jsonl"),
      `\n${JSON.stringify({ kind: "item", item: "nope", name: "r", score: 1 })}\n`,
    );
    const unknown = await runCliForTest(["analyze", dir, "--reference", "unknown-references.jsonl"], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown-references.jsonl:2: unknown item "nope"');
    const broken = join(root, "broken");
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, "dataset.json"), JSON.stringify({ schemaVersion: 1, name: "broken" }));
    writeFileSync(
      join(broken, "comparisons.jsonl"),
      `${JSON.stringify({ id: "c0", first: "a", second: "a", verdict: "first", judge: "j" })}\n`,
    );
    const invalid = await runCliForTest(["analyze", broken]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("comparisons.jsonl:1:");
  });
});
