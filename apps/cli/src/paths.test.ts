import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatasetInput } from "./paths.js";
import { runCliForTest } from "./test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-paths-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

/** A run folder as `judgelab run` leaves it: run.json plus the exported dataset/ folder. */
function writeRunFolder(name: string): string {
  const run = join(root, name);
  const dataset = join(run, "dataset");
  mkdirSync(dataset, { recursive: true });
  writeFileSync(join(run, "run.json"), JSON.stringify({ name }));
  writeFileSync(join(dataset, "dataset.json"), JSON.stringify({ schemaVersion: 1, name }));
  const items = ["a", "b", "c"];
  writeFileSync(join(dataset, "items.jsonl"), lines(items.map((id) => ({ id }))));
  writeFileSync(
    join(dataset, "judges.jsonl"),
    lines([
      { id: "j1", kind: "llm" },
      { id: "j2", kind: "llm" },
    ]),
  );
  const comparisons: unknown[] = [];
  let id = 0;
  for (let round = 0; round < 4; round++)
    for (const [first, second] of [
      ["a", "b"],
      ["b", "c"],
      ["c", "a"],
      ["b", "a"],
      ["c", "b"],
      ["a", "c"],
    ]) {
      const verdict = (round + id) % 3 === 0 ? "second" : "first";
      comparisons.push({
        id: `c${id++}`,
        first,
        second,
        order: "known",
        verdict,
        judge: round % 2 === 0 ? "j1" : "j2",
      });
    }
  writeFileSync(join(dataset, "comparisons.jsonl"), lines(comparisons));
  return run;
}

describe("one dataset input for every command", () => {
  const run = writeRunFolder("run-1");

  it("resolves a run folder to its exported dataset and explains what else it takes", () => {
    expect(resolveDatasetInput(run)).toBe(join(run, "dataset"));
    expect(resolveDatasetInput(join(run, "dataset"))).toBe(join(run, "dataset"));
    expect(() => resolveDatasetInput(join(root, "missing"))).toThrow(/does not exist: give a dataset folder/);
    mkdirSync(join(root, "empty"));
    expect(() => resolveDatasetInput(join(root, "empty"))).toThrow(/has no dataset.json or comparisons.jsonl/);
  });

  it("analyze and rate accept a run folder as report does", async () => {
    const analyze = await runCliForTest(["analyze", "run-1", "--bootstrap", "20", "--json"], { cwd: root });
    expect(analyze.stderr).toBe("");
    expect(analyze.code).toBe(0);
    expect(JSON.parse(analyze.stdout).dataset.comparisons).toBe(24);
    const rate = await runCliForTest(["rate", "run-1", "--method", "bt", "--bootstrap", "0", "--json"], { cwd: root });
    expect(rate.code).toBe(0);
    expect(JSON.parse(rate.stdout).comparisons).toBe(24);
  });
});
