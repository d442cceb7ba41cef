import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-run-grow-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const paper = (index: number) => ({
  id: `paper-${index}`,
  title: `Paper ${index}`,
  category: "cs.AI",
  metadata: { quality: Math.sin(index * 1.7) * 1.5 },
});
const jsonl = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

beforeAll(() => {
  writeFileSync(join(root, "items.jsonl"), jsonl(Array.from({ length: 10 }, (_, index) => paper(index))));
  writeFileSync(join(root, "new.jsonl"), jsonl([10, 11, 12].map(paper)));
  writeFileSync(
    join(root, "grow.yaml"),
    `name: growing
seed: 5
runDir: out/run
items: { file: items.jsonl }
judges:
  - { id: sim, provider: simulated, model: sim-1 }
stop: { maxMatchesPerItem: 4, sigma: 0.5, topSigma: 0.5 }
`,
  );
});

interface Summary {
  reason: string;
  calls: number;
  recorded: number;
  planned: number;
}

describe("judgelab run --add-items", () => {
  it("adds items to a finished run, calls only for the new matches, and keeps the item list append-only", async () => {
    const first = await runCliForTest(["run", "grow.yaml", "--json"], { cwd: root });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const before = JSON.parse(first.stdout) as Summary;
    const runJson = () => JSON.parse(readFileSync(join(root, "out/run/run.json"), "utf8"));
    const identity = runJson().identityHash;
    expect(runJson().items).toHaveLength(10);

    const grown = await runCliForTest(["run", "grow.yaml", "--add-items", "new.jsonl"], { cwd: root });
    expect(grown.code).toBe(0);
    expect(grown.stderr).toContain("3 items join the run (13 in all)");
    const manifest = runJson();
    expect(manifest.identityHash).toBe(identity);
    expect(manifest.items.map((entry: { id: string }) => entry.id).slice(10)).toEqual([
      "paper-10",
      "paper-11",
      "paper-12",
    ]);
    expect(manifest.itemAdditions).toEqual([expect.objectContaining({ count: 3, total: 13 })]);

    // A resume without the flag finds the added items in the run folder and calls nothing.
    const resumed = await runCliForTest(["run", "grow.yaml", "--resume", "--json"], { cwd: root });
    expect(resumed.code).toBe(0);
    const after = JSON.parse(resumed.stdout) as Summary;
    expect(after.calls).toBe(0);
    expect(after.recorded).toBeGreaterThan(before.recorded);
    const dataset = readFileSync(join(root, "out/run/dataset/comparisons.jsonl"), "utf8");
    expect(dataset).toContain('"paper-12"');

    // Changing an item that already played is refused.
    writeFileSync(
      join(root, "items.jsonl"),
      jsonl([{ ...paper(0), title: "Paper 0, revised" }, ...Array.from({ length: 9 }, (_, index) => paper(index + 1))]),
    );
    const changed = await runCliForTest(["run", "grow.yaml", "--resume"], { cwd: root });
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/item "paper-0" changed since it joined the run/);
  });
});
