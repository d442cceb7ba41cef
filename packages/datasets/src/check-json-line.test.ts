import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkJsonLine, findDuplicateKey } from "./check-json-line.js";
import { readJsonLines } from "./read-json-lines.js";
import { validateDataset } from "./validate-dataset.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-json-line-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const check = (text: string) => checkJsonLine(text, JSON.parse(text));

describe("checkJsonLine", () => {
  it("finds duplicate keys at any depth, also with whitespace and with look-alikes inside strings", () => {
    expect(check('{"a":1,"b":2}')).toBeUndefined();
    expect(check('{"a":1,"a":2}')).toEqual({ field: "a", message: expect.stringMatching(/duplicate key "a"/) });
    expect(check('{"u":{"x":1, "x" :2}}')?.field).toBe("u.x");
    expect(check('{"a" : 1, "b":1, "b":2}')?.field).toBe("b");
    expect(check('{"t":"\\"a\\":1, \\"a\\":2","a":[{"k":1},{"k":2}]}')).toBeUndefined();
    expect(check('{"l":[{"k":1,"k":2}]}')?.field).toBe("l[].k");
    expect(findDuplicateKey('{"a":{"b":1},"c":{"b":2}}')).toBeUndefined();
  });

  it("rejects numbers that parse to Infinity", () => {
    expect(check('{"usage":{"costUsd":1e999}}')).toMatchObject({ field: "usage.costUsd" });
    expect(check('{"x":[1,-1e400]}')).toMatchObject({ field: "x[1]" });
    expect(check('{"x":1e308}')).toBeUndefined();
  });

  it("reading JSONL reports invalid UTF-8 and keeps a genuine U+FFFD, across chunk boundaries too", async () => {
    const file = join(root, "mixed.jsonl");
    const good = Buffer.from('{"t":"ok \uFFFD here"}\n', "utf8");
    const bad = Buffer.concat([Buffer.from('{"t":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    writeFileSync(file, Buffer.concat([good, bad, good, bad]));
    for (const chunkSize of [4, 7, 1 << 20]) {
      const lines = [];
      for await (const entry of readJsonLines(file, { chunkSize })) lines.push(entry);
      expect(lines.map((entry) => entry.error === undefined)).toEqual([true, false, true, false]);
      expect(lines[1]?.error).toMatch(/not valid UTF-8/);
    }
  });

  it("validation names the line and field of each, and the overlong limit", async () => {
    const file = join(root, "comparisons.jsonl");
    const base = '"first":"a","second":"b","order":"known","verdict":"first","judge":"j"';
    writeFileSync(
      file,
      [
        `{"id":"c1",${base},"usage":{"costUsd":1e999}}`,
        `{"id":"c2",${base},"judge":"k"}`,
        `{"id":"c3",${base},"x":"${"y".repeat(300)}"}`,
        `{"id":"c4",${base}}`,
        "",
      ].join("\n"),
    );
    const report = await validateDataset(file, { lines: { maxLineLength: 200 } });
    const messages = report.problems.map((problem) => `${problem.line}: ${problem.field}: ${problem.message}`);
    expect(messages).toEqual([
      "1: usage.costUsd: is a number too large to represent (not finite); not accepted",
      '2: judge: duplicate key "judge" in one object (JSON would silently keep the last)',
      "3: (line): line longer than the maximum of 200 characters; not read",
    ]);
  });
});
