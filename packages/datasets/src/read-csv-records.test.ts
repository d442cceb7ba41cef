import { describe, expect, it } from "vitest";
import { readCsvRecords } from "./read-csv-records.js";
import { useTempDir } from "./test-support/temp-files.js";

const temp = useTempDir("read-csv");

async function collect(path: string, options = {}) {
  const out = [];
  for await (const entry of readCsvRecords(path, options)) out.push(entry);
  return out;
}

describe("readCsvRecords", () => {
  it("reads records keyed by the header with line numbers; BOM, CRLF and quoted newlines", async () => {
    const file = temp.write("plain.csv", '\uFEFFa,b\r\n1,"x, y"\r\n\r\n2,"multi\nline"\r\n3,z\r\n');
    const records = await collect(file);
    expect(records.map((entry) => entry.record)).toEqual([
      { a: "1", b: "x, y" },
      { a: "2", b: "multi\nline" },
      { a: "3", b: "z" },
    ]);
    expect(records[0]?.line).toBe(2);
    expect(records[2]?.line).toBe(6);
  });

  it("reads .csv.gz and tab-separated files", async () => {
    const gz = temp.write("packed.csv.gz", "a,b\n1,2\n");
    expect((await collect(gz)).map((entry) => entry.record)).toEqual([{ a: "1", b: "2" }]);
    const tsv = temp.write("plain.tsv", "a\tb\n1\t2\n");
    expect((await collect(tsv, { delimiter: "\t" })).map((entry) => entry.record)).toEqual([{ a: "1", b: "2" }]);
  });

  it("throws an error naming the file and line for a record with the wrong number of fields", async () => {
    const file = temp.write("ragged.csv", "a,b\n1,2\n3\n");
    await expect(collect(file)).rejects.toThrow(/ragged\.csv:3: /);
  });
});
