import { describeWithSharedData, sharedDataPath } from "@judgelab/test-shared-data";
import { describe, expect, it } from "vitest";
import { DelimitedTextError, parseDelimitedText } from "./parse-delimited-text.js";
import { readCsvRecords } from "./read-csv-records.js";
import { csvParseRecords } from "./test-support/csv-parse-records.js";
import { useTempDir } from "./test-support/temp-files.js";

const parseText = (text: string, delimiter = ",") => [...parseDelimitedText(text, { delimiter, file: "t.csv" })];
const temp = useTempDir("parse-delimited");

async function readStreamed(path: string, options: { delimiter?: string; chunkSize?: number } = {}) {
  const out: { line: number; record: Record<string, string> }[] = [];
  for await (const row of readCsvRecords(path, options)) out.push(row);
  return out;
}

describe("parseDelimitedText", () => {
  it("reads quoted fields with delimiters, doubled quotes and newlines, CRLF, BOM and blank lines", () => {
    const text = '\ufeff"a","b c",d\r\n1,"x, ""y""\nz",\r\n\r\n2,,last';
    expect(parseText(text)).toEqual([
      { line: 2, record: { a: "1", "b c": 'x, "y"\nz', d: "" } },
      { line: 5, record: { a: "2", "b c": "", d: "last" } },
    ]);
  });

  it("reads TSV and single-column files", () => {
    expect(parseText("a\tb\n1\t2\n", "\t")).toEqual([{ line: 2, record: { a: "1", b: "2" } }]);
    expect(parseText("only\nx\ny\n").map((row) => row.record.only)).toEqual(["x", "y"]);
    // A blank line is no row, but `""` is one empty field (how a one-column writer keeps a missing value).
    expect(parseText('only\nx\n\n""\ny\n').map((row) => row.record.only)).toEqual(["x", "", "y"]);
  });

  it("names file and line of a malformed row", () => {
    expect(() => parseText("a,b\n1,2\n3\n")).toThrow(DelimitedTextError);
    expect(() => parseText("a,b\n1,2\n3\n")).toThrow("t.csv:3: expected 2 fields as in the header, got 1");
    expect(() => parseText('a,b\n1,"open\n')).toThrow(/t\.csv:2: unclosed quoted field/);
    expect(() => parseText('a,b\n"x"y,2\n')).toThrow(/t\.csv:2: unexpected character after a quoted field/);
  });
});

describe("readCsvRecords streams through the same scanner", () => {
  it("gives parseDelimitedText's records and lines whatever the chunk size (rows and quotes split across chunks)", async () => {
    const rows = Array.from({ length: 300 }, (_, row) =>
      row % 5 === 0 ? `${row},"quoted, with ""quotes""\nand a newline",${row % 3}` : `${row},plain ${row},`,
    );
    const text = `\ufeffid,text,flag\r\n${rows.join("\r\n")}\r\n`;
    const file = temp.write("chunks.csv", text);
    const expected = parseText(text);
    expect(expected).toHaveLength(300);
    for (const chunkSize of [7, 64, 1000, 1 << 20]) expect(await readStreamed(file, { chunkSize })).toEqual(expected);
  });
});

describeWithSharedData(
  ["datasets/judging_the_judges", "datasets/bradleyterry2", "datasets/alpaca_eval"],
  "the CSV scanner against csv-parse on shared files",
  () => {
    it.each([
      ["judging_the_judges/raw/MTBench/Repetition1/record_gpt-4-0613_3.tsv.gz", "\t"],
      ["bradleyterry2/CEMS_preferences.csv", ","],
      ["alpaca_eval/instructions.csv", ","],
    ])("%s: same records", async (file, delimiter) => {
      const path = sharedDataPath("datasets", ...file.split("/"));
      const expected = await csvParseRecords(path, delimiter);
      const actual = await readStreamed(path, { delimiter });
      expect(actual.length).toBeGreaterThan(0);
      expect(actual.map((row) => row.record)).toEqual(expected);
    });
  },
);
