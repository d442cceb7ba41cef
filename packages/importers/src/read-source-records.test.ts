import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportInputError } from "./import-input-error.js";
import { readTableRows } from "./read-source-records.js";

async function readAll(file: string) {
  const rows = [];
  for await (const row of readTableRows(file)) rows.push(row);
  return rows;
}

describe("readTableRows", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "judgelab-table-rows-"));

  it("reads CSV and TSV rows with the line where each starts", async () => {
    const csv = path.join(folder, "a.csv");
    writeFileSync(csv, 'x,y\n1,"two\nlines"\n3,4\n');
    expect((await readAll(csv)).map((row) => [row.at.line, row.value])).toEqual([
      [2, { x: "1", y: "two\nlines" }],
      [4, { x: "3", y: "4" }],
    ]);
    const tsv = path.join(folder, "b.tsv");
    writeFileSync(tsv, "x\ty\n1\t2\n");
    expect((await readAll(tsv)).map((row) => row.value)).toEqual([{ x: "1", y: "2" }]);
  });

  it("turns a malformed row into an ImportInputError naming the file and line (exit 2 in the CLI)", async () => {
    const bad = path.join(folder, "bad.csv");
    writeFileSync(bad, "x,y\n1,2\n3\n");
    await expect(readAll(bad)).rejects.toThrow(ImportInputError);
    await expect(readAll(bad)).rejects.toThrow(`${bad}:3: expected 2 fields as in the header, got 1`);
  });
});
