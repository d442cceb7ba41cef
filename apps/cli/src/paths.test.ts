import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatasetInput, resolveDatasetInput } from "./paths.js";
import { runCliForTest } from "./test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-paths-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

/** A small tournament with simulated judges, run by `judgelab run` into `out/run`. */
beforeAll(async () => {
  writeFileSync(
    join(root, "items.jsonl"),
    lines(
      Array.from({ length: 6 }, (_, index) => ({
        id: `p${index}`,
        title: `Paper ${index}`,
        metadata: { quality: index / 3 },
      })),
    ),
  );
  writeFileSync(
    join(root, "run.yaml"),
    `name: paths-test
seed: 5
runDir: out/run
items: { file: items.jsonl }
judges:
  - { id: sim-a, provider: simulated, model: sim-a }
  - { id: sim-b, provider: simulated, model: sim-b }
order: both
assignment: panel
scheduler: { kind: round-robin }
`,
  );
  const run = await runCliForTest(["run", "run.yaml", "--json"], { cwd: root });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
}, 120_000);

describe("one dataset input for every command", () => {
  it("tells dataset folders, comparison files and run folders apart, and explains what else it takes", () => {
    const run = join(root, "out/run");
    expect(resolveDatasetInput(run)).toEqual({ runDir: run });
    expect(resolveDatasetInput(join(run, "dataset"))).toEqual({ dataset: join(run, "dataset") });
    expect(() => resolveDatasetInput(join(root, "missing"))).toThrow(/does not exist: give a dataset folder/);
    mkdirSync(join(root, "empty"));
    expect(() => resolveDatasetInput(join(root, "empty"))).toThrow(/has no dataset.json or comparisons.jsonl/);
  });

  it("reads a run folder from its log, not from a stale dataset/ export", async () => {
    const run = join(root, "out/run");
    const logged = readFileSync(join(run, "log.jsonl"), "utf8")
      .split("\n")
      .filter((line) => line.includes('"recorded"')).length;
    expect(logged).toBeGreaterThan(0);
    // A run killed mid-way leaves an export behind that lags the log: simulate it by truncating the export.
    const exported = join(run, "dataset", "comparisons.jsonl");
    const stale = readFileSync(exported, "utf8").split("\n").slice(0, 3).join("\n");
    writeFileSync(exported, `${stale}\n`);
    const opened = await openDatasetInput(root, "out/run");
    try {
      expect(opened.label).toBe("out/run (log)");
      const comparisons = readFileSync(join(opened.path, "comparisons.jsonl"), "utf8").trim().split("\n");
      expect(comparisons.length).toBe(logged);
    } finally {
      opened.close();
    }
  });

  it("analyze and rate accept a run folder as report does", async () => {
    const analyze = await runCliForTest(["analyze", "out/run", "--bootstrap", "20", "--json"], { cwd: root });
    expect(analyze.code).toBe(0);
    const document = JSON.parse(analyze.stdout);
    expect(document.dataset.comparisons).toBeGreaterThan(3);
    const rate = await runCliForTest(["rate", "out/run", "--method", "bt", "--bootstrap", "0", "--json"], {
      cwd: root,
    });
    expect(rate.code).toBe(0);
    expect(JSON.parse(rate.stdout).comparisons).toBe(document.dataset.comparisons);
  });
});
