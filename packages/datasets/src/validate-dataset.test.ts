import { describe, expect, it } from "vitest";
import { comparison, jsonl, useTempDir, writeDatasetFixture } from "./test-support/temp-files.js";
import { validateDataset } from "./validate-dataset.js";
import { formatValidationProblem } from "./validation-report.js";

const temp = useTempDir("validate");

/** Problems as `file-name:line: field: message` with the folder stripped. */
async function problemLines(path: string, options = {}): Promise<string[]> {
  const report = await validateDataset(path, options);
  return report.problems.map((problem) =>
    formatValidationProblem({ ...problem, file: problem.file.slice(temp.path().length + 1) }),
  );
}

describe("validateDataset on a folder", () => {
  it("accepts a valid dataset and counts its records", async () => {
    const report = await validateDataset(writeDatasetFixture(temp, "valid"));
    expect(report).toMatchObject({
      ok: true,
      counts: { items: 3, judges: 2, comparisons: 3, assessments: 0, references: 0 },
      problems: [],
      problemCount: 0,
      itemsImplied: false,
      judgesImplied: false,
    });
  });

  it("reports each kind of problem as file:line: field: message", async () => {
    const dir = writeDatasetFixture(temp, "broken", {
      "items.jsonl": jsonl({ id: "a" }, { id: "b" }, { id: "a" }, { title: "no id" }),
      "judges.jsonl": jsonl({ id: "j1", kind: "llm" }, { id: "j1", kind: "human" }),
      "comparisons.jsonl": [
        jsonl(
          comparison("c1", "a", "b"),
          comparison("c1", "b", "a"),
          comparison("c3", "a", "a"),
          comparison("c4", "a", "zzz"),
          comparison("c5", "a", "b", { verdict: "A" }),
          comparison("c6", "a", "b", { judge: "nobody" }),
        ),
        "{not json}\n",
        JSON.stringify({ id: "c8", first: "a", second: "b", order: "known", judge: "j1" }),
        '\n{"id":"c9","first":"a"',
      ].join(""),
    });
    expect(await problemLines(dir)).toEqual([
      'broken/items.jsonl:3: id: duplicate item id "a" (first on line 1)',
      "broken/items.jsonl:4: id: is required",
      'broken/judges.jsonl:2: id: duplicate judge id "j1" (first on line 1)',
      'broken/comparisons.jsonl:2: id: duplicate comparison id "c1" (first on line 1)',
      'broken/comparisons.jsonl:3: second: is the same item as first ("a"): an item compared with itself',
      'broken/comparisons.jsonl:4: second: unknown item id "zzz"',
      'broken/comparisons.jsonl:5: verdict: must be one of first, second, tie, invalid, got "A"',
      'broken/comparisons.jsonl:6: judge: unknown judge id "nobody"',
      expect.stringMatching(/^broken\/comparisons\.jsonl:7: \(line\): not valid JSON \(/),
      "broken/comparisons.jsonl:8: verdict: is required",
      expect.stringMatching(/^broken\/comparisons\.jsonl:9: \(line\): truncated last line: no trailing newline/),
    ]);
  });

  it("names the line and field of a confidence outside [0, 1] and of a positive verdict logprob", async () => {
    const dir = writeDatasetFixture(temp, "confidences", {
      "comparisons.jsonl": jsonl(
        comparison("c1", "a", "b", { confidence: 0.8, verdictLogprobs: { first: -0.2, second: -1.7 } }),
        comparison("c2", "a", "b", { confidence: 1.5 }),
        comparison("c3", "a", "b", { verdictLogprobs: { first: -0.1, tie: 0.3 } }),
      ),
    });
    expect(await problemLines(dir)).toEqual([
      "confidences/comparisons.jsonl:2: confidence: must be <= 1, got 1.5",
      "confidences/comparisons.jsonl:3: verdictLogprobs.tie: must be <= 0, got 0.3",
    ]);
  });

  it("checks links on lines that also fail the schema, so one run reports everything wrong with a line", async () => {
    const dir = writeDatasetFixture(temp, "several-per-line", {
      "comparisons.jsonl": jsonl(comparison("c1", "a", "b"), comparison("c1", "zz", "zz", { verdict: "A", judge: 7 }), {
        id: 3,
        first: "a",
        second: "nope",
      }),
    });
    expect(await problemLines(dir)).toEqual([
      'several-per-line/comparisons.jsonl:2: verdict: must be one of first, second, tie, invalid, got "A"',
      "several-per-line/comparisons.jsonl:2: judge: must be a string, got 7",
      'several-per-line/comparisons.jsonl:2: second: is the same item as first ("zz"): an item compared with itself',
      'several-per-line/comparisons.jsonl:2: first: unknown item id "zz"',
      'several-per-line/comparisons.jsonl:2: second: unknown item id "zz"',
      // Duplicate ids are confirmed by a second pass, so they come last on their line.
      'several-per-line/comparisons.jsonl:2: id: duplicate comparison id "c1" (first on line 1)',
      "several-per-line/comparisons.jsonl:3: order: is required",
      "several-per-line/comparisons.jsonl:3: verdict: is required",
      "several-per-line/comparisons.jsonl:3: judge: is required",
      "several-per-line/comparisons.jsonl:3: id: must be a string, got 3",
      'several-per-line/comparisons.jsonl:3: second: unknown item id "nope"',
    ]);
  });

  it("implies judges when judges.jsonl is absent, and checks items even so", async () => {
    const dir = writeDatasetFixture(temp, "no-judges", { "judges.jsonl": null });
    const report = await validateDataset(dir);
    expect(report).toMatchObject({ ok: true, judgesImplied: true, counts: { judges: 2, comparisons: 3 } });
  });

  it("requires dataset.json, items.jsonl and comparisons.jsonl", async () => {
    const dir = writeDatasetFixture(temp, "missing", {
      "dataset.json": null,
      "items.jsonl": null,
      "comparisons.jsonl": null,
    });
    expect(await problemLines(dir)).toEqual([
      "missing/dataset.json:0: (file): is missing; a dataset folder needs dataset.json (schemaVersion, name)",
      "missing/items.jsonl:0: (file): is missing; a dataset folder needs items.jsonl (one item per line)",
      "missing/comparisons.jsonl:0: (file): is missing; a dataset folder needs comparisons.jsonl",
    ]);
  });

  it("checks dataset.json: JSON syntax with its line, schema, and declared counts", async () => {
    const syntax = writeDatasetFixture(temp, "manifest-syntax", {
      "dataset.json": '{\n  "schemaVersion": 1,\n  "name": "x"\n  "license": "MIT"\n}\n',
    });
    expect(await problemLines(syntax)).toEqual([
      expect.stringMatching(/^manifest-syntax\/dataset\.json:4: \(file\): not valid JSON/),
    ]);
    const schema = writeDatasetFixture(temp, "manifest-schema", {
      "dataset.json": JSON.stringify({ schemaVersion: 2 }),
    });
    expect(await problemLines(schema)).toEqual([
      "manifest-schema/dataset.json:0: name: is required",
      "manifest-schema/dataset.json:0: schemaVersion: must be 1, got 2",
    ]);
    const counts = writeDatasetFixture(temp, "manifest-counts", {
      "dataset.json": JSON.stringify({ schemaVersion: 1, name: "x", counts: { items: 3, judges: 2, comparisons: 4 } }),
    });
    expect(await problemLines(counts)).toEqual([
      "manifest-counts/dataset.json:0: counts.comparisons: says 4 but the comparisons file has 3 records",
    ]);
  });

  it("checks assessments and references against the items and judges", async () => {
    const dir = writeDatasetFixture(temp, "extras", {
      "assessments.jsonl": jsonl(
        { item: "a", judge: "j1", scores: { overall: 7 } },
        { item: "x", judge: "j1", scores: { overall: 7 } },
        { item: "a", judge: "jx", scores: { overall: "high" } },
        { item: "a", judge: "jx", scores: { overall: 5 } },
      ),
      "references.jsonl": jsonl(
        { kind: "item", item: "a", name: "human", score: 3 },
        { kind: "pair", a: "a", b: "q", name: "gold", winner: "a" },
        { kind: "other", name: "x" },
      ),
    });
    expect(await problemLines(dir)).toEqual([
      'extras/assessments.jsonl:2: item: unknown item id "x"',
      'extras/assessments.jsonl:3: scores.overall: must be a number, got "high"',
      'extras/assessments.jsonl:4: judge: unknown judge id "jx"',
      'extras/references.jsonl:2: b: unknown item id "q"',
      'extras/references.jsonl:3: kind: must be one of item, pair, got "other"',
    ]);
  });

  it("moves unknown top-level fields under metadata and counts them, rejects unknown nested fields", async () => {
    const dir = writeDatasetFixture(temp, "unknown-fields", {
      "items.jsonl": jsonl({ id: "a", venue: "x" }, { id: "b", venue: "y", year: 2020 }, { id: "c" }),
      "comparisons.jsonl": jsonl(comparison("c1", "a", "b", { usage: { inputTokens: 3, tokens: 4 } })),
    });
    const report = await validateDataset(dir);
    expect(report.movedFieldCount).toBe(3);
    expect(report.movedFieldNames).toEqual(["venue", "year"]);
    expect(report.problems.map(formatValidationProblem)).toEqual([
      `${dir}/comparisons.jsonl:1: usage.tokens: is not a known field`,
    ]);
  });

  it("reads gzip-compressed record files", async () => {
    const dir = writeDatasetFixture(temp, "gzipped", { "comparisons.jsonl": null });
    temp.write("gzipped/comparisons.jsonl.gz", jsonl(comparison("c1", "a", "b")));
    expect(await validateDataset(dir)).toMatchObject({ ok: true, counts: { comparisons: 1 } });
  });
});

describe("validateDataset on a single comparisons file", () => {
  it("implies items and judges", async () => {
    const file = temp.write(
      "standalone.jsonl",
      jsonl(comparison("c1", "a", "b"), comparison("c2", "b", "c", { judge: "j2" })),
    );
    expect(await validateDataset(file)).toMatchObject({
      ok: true,
      counts: { items: 3, judges: 2, comparisons: 2 },
      itemsImplied: true,
      judgesImplied: true,
    });
  });

  it("reports a path that does not exist", async () => {
    const report = await validateDataset(temp.path("nowhere"));
    expect(report.problems.map((problem) => problem.message)).toEqual([
      "does not exist; give a dataset folder or a comparisons .jsonl file",
    ]);
  });

  it("streams a large malformed file: lists the first problems, counts the rest", async () => {
    // 60,000 lines: every third line is broken in a different way. Small enough for CI, large enough that the
    // 16 KiB chunks below force about 200 reads, so the streaming path (not a whole-file read) is exercised.
    const lines: string[] = [];
    for (let index = 0; index < 60_000; index++) {
      if (index % 3 === 0) lines.push(`garbage ${index}`);
      else if (index % 3 === 1) lines.push(JSON.stringify(comparison(`c${index}`, "a", "b", { verdict: "?" })));
      else lines.push(JSON.stringify(comparison(`c${index}`, `i${index}`, `i${index + 1}`)));
    }
    const file = temp.write("malformed.jsonl", `${lines.join("\n")}\n`);
    const progress: number[] = [];
    const report = await validateDataset(file, {
      maxProblems: 50,
      lines: { chunkSize: 16 * 1024 },
      onProgress: (update) => progress.push(update.lines),
    });
    // Reported batch by batch while reading: many updates, increasing, never past the end.
    expect(progress.length).toBeGreaterThan(100);
    expect(progress.every((lines, index) => index === 0 || lines > progress[index - 1]!)).toBe(true);
    expect(progress.at(-1)).toBeLessThan(60_000);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(50);
    expect(report.problemCount).toBe(40_000);
    expect(report.counts.comparisons).toBe(20_000);
    expect(report.problems[0]).toMatchObject({ line: 1, field: "(line)" });
    expect(report.problems[1]).toMatchObject({ line: 2, field: "verdict" });
    expect(report.problems[49]?.line).toBe(74);
  });
});
