import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-validate-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (...records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");
const comparison = (id: string, first: string, second: string, extra: Record<string, unknown> = {}) => ({
  id,
  first,
  second,
  order: "known",
  verdict: "first",
  judge: "j1",
  ...extra,
});

function writeDataset(name: string, files: Record<string, string>): void {
  mkdirSync(join(root, name), { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(root, name, file), content);
}

const validFiles = {
  "dataset.json": JSON.stringify({ schemaVersion: 1, name: "ok" }),
  "items.jsonl": lines({ id: "a" }, { id: "b" }, { id: "c" }),
  "judges.jsonl": lines({ id: "j1", kind: "llm" }),
  "comparisons.jsonl": lines(comparison("c1", "a", "b"), comparison("c2", "b", "c", { extra: true })),
};
writeDataset("ok", validFiles);
writeDataset("bad", {
  ...validFiles,
  "items.jsonl": lines({ id: "a" }, { id: "b" }, { id: "b" }),
  "comparisons.jsonl": [
    lines(
      comparison("c1", "a", "zz"),
      comparison("c2", "a", "a"),
      comparison("c1", "a", "b"),
      comparison("c4", "a", "b", { verdict: "B" }),
      { id: "c5", first: "a", second: "b", order: "known", verdict: "first" },
      comparison("c6", "a", "b", { judge: "ghost" }),
    ),
    "oops\n",
    '{"id":"c8",',
  ].join(""),
});
writeFileSync(
  join(root, "many.jsonl"),
  Array.from(
    { length: 120 },
    (_, index) => `${JSON.stringify(comparison(`c${index}`, "a", "b", { verdict: "?" }))}\n`,
  ).join(""),
);

describe("judgelab validate", () => {
  it("prints one summary line and exits 0 for a valid dataset", async () => {
    const run = await runCliForTest(["validate", "ok"], { cwd: root });
    expect(run).toEqual({
      code: 0,
      stdout: "ok: valid: 3 items, 1 judges, 2 comparisons; 1 unknown fields kept under metadata (extra)\n",
      stderr: "",
    });
  });

  it("prints path:line: field: message per problem and exits 2", async () => {
    const run = await runCliForTest(["validate", "bad"], { cwd: root });
    expect(run.code).toBe(2);
    const printed = run.stdout.trimEnd().split("\n");
    expect(printed).toEqual([
      'bad/items.jsonl:3: id: duplicate item id "b" (first on line 2)',
      'bad/comparisons.jsonl:1: second: unknown item id "zz"',
      'bad/comparisons.jsonl:2: second: is the same item as first ("a"): an item compared with itself',
      'bad/comparisons.jsonl:3: id: duplicate comparison id "c1" (first on line 1)',
      'bad/comparisons.jsonl:4: verdict: must be one of first, second, tie, invalid, got "B"',
      "bad/comparisons.jsonl:5: judge: is required",
      'bad/comparisons.jsonl:6: judge: unknown judge id "ghost"',
      // The parenthesised JSON.parse message differs between Node versions.
      expect.stringMatching(/^bad\/comparisons\.jsonl:7: \(line\): not valid JSON \(.+\)$/),
      expect.stringMatching(
        /^bad\/comparisons\.jsonl:8: \(line\): truncated last line: no trailing newline and not valid JSON \(.+\)$/,
      ),
    ]);
  });

  it("validates a standalone comparisons file and caps the listing at 50 lines plus a count", async () => {
    const run = await runCliForTest(["validate", "many.jsonl"], { cwd: root });
    expect(run.code).toBe(2);
    const printed = run.stdout.trimEnd().split("\n");
    expect(printed).toHaveLength(51);
    expect(printed[0]).toBe('many.jsonl:1: verdict: must be one of first, second, tie, invalid, got "?"');
    expect(printed[50]).toBe("... and 70 more problems");
  });

  it("--max-problems 0 prints only the count", async () => {
    const run = await runCliForTest(["validate", "bad", "--max-problems", "0"], { cwd: root });
    expect(run).toMatchObject({ code: 2, stdout: "... and 9 more problems\n" });
    const negative = await runCliForTest(["validate", "bad", "--max-problems=-1"], { cwd: root });
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/--max-problems must be 0 or more/);
  });

  it("--json prints the documented shape with the same exit codes", async () => {
    const bad = await runCliForTest(["validate", "bad", "--json", "--max-problems", "2"], { cwd: root });
    expect(bad.code).toBe(2);
    const report = JSON.parse(bad.stdout);
    expect(Object.keys(report).sort()).toEqual(
      [
        "counts",
        "itemsImplied",
        "judgesImplied",
        "movedFieldCount",
        "movedFieldNames",
        "ok",
        "path",
        "problemCount",
        "problems",
      ].sort(),
    );
    expect(report).toMatchObject({
      path: "bad",
      ok: false,
      problemCount: 9,
      itemsImplied: false,
      judgesImplied: false,
    });
    expect(report.problems).toEqual([
      { file: "bad/items.jsonl", line: 3, field: "id", message: 'duplicate item id "b" (first on line 2)' },
      { file: "bad/comparisons.jsonl", line: 1, field: "second", message: 'unknown item id "zz"' },
    ]);
    const ok = await runCliForTest(["validate", join(root, "ok"), "--json"], { cwd: join(root, "elsewhere") });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      path: join(root, "ok"),
      ok: true,
      counts: { items: 3, judges: 1, comparisons: 2, assessments: 0, references: 0 },
      problems: [],
    });
  });

  it("reports a missing path as a problem, and usage errors with exit 2", async () => {
    const missing = await runCliForTest(["validate", "nowhere"], { cwd: root });
    expect(missing).toMatchObject({
      code: 2,
      stdout: "nowhere:0: (file): does not exist; give a dataset folder or a comparisons .jsonl file\n",
    });
    const none = await runCliForTest(["validate"], { cwd: root });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give exactly one dataset folder/);
    const help = await runCliForTest(["validate", "--help"], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: judgelab validate/);
  });

  it("an empty dataset, and a folder with both comparisons.jsonl and .gz, exit 2 naming the file (validate, analyze, report)", async () => {
    writeDataset("empty", { ...validFiles, "comparisons.jsonl": "" });
    for (const command of [["validate"], ["analyze"], ["report", "--out", join(root, "empty-report")]]) {
      const run = await runCliForTest([command[0]!, join(root, "empty"), ...command.slice(1)], { cwd: root });
      expect(run.code, command[0]).toBe(2);
      expect(run.stdout + run.stderr, command[0]).toMatch(
        /empty[/\\]comparisons\.jsonl:0: \(file\): has no comparisons/,
      );
    }
    writeDataset("both", { ...validFiles, "comparisons.jsonl.gz": "" });
    const both = await runCliForTest(["validate", join(root, "both")], { cwd: root });
    expect(both.code).toBe(2);
    expect(both.stdout + both.stderr).toMatch(/both comparisons\.jsonl and comparisons\.jsonl\.gz exist/);
  });
});
