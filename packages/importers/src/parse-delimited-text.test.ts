import { readCsvRecords } from "@judgelab/datasets";
import { describeWithSharedData } from "@judgelab/test-shared-data";
import { describe, expect, it } from "vitest";
import { ImportInputError } from "./import-input-error.js";
import { parseDelimitedText } from "./parse-delimited-text.js";
import { readTableRows } from "./read-source-records.js";
import { sharedPath } from "./test-support/shared-datasets.js";

const parse = (text: string, delimiter = ",") => [...parseDelimitedText(text, { delimiter, file: "t.csv" })];

describe("parseDelimitedText", () => {
  it("reads quoted fields with delimiters, doubled quotes and newlines, CRLF, BOM and blank lines", () => {
    const text = '\ufeff"a","b c",d\r\n1,"x, ""y""\nz",\r\n\r\n2,,last';
    expect(parse(text)).toEqual([
      { line: 2, record: { a: "1", "b c": 'x, "y"\nz', d: "" } },
      { line: 5, record: { a: "2", "b c": "", d: "last" } },
    ]);
  });

  it("reads TSV and single-column files", () => {
    expect(parse("a\tb\n1\t2\n", "\t")).toEqual([{ line: 2, record: { a: "1", b: "2" } }]);
    expect(parse("only\nx\ny\n").map((row) => row.record.only)).toEqual(["x", "y"]);
  });

  it("names file and line of a malformed row", () => {
    expect(() => parse("a,b\n1,2\n3\n")).toThrow(ImportInputError);
    expect(() => parse("a,b\n1,2\n3\n")).toThrow("t.csv:3: expected 2 fields as in the header, got 1");
    expect(() => parse('a,b\n1,"open\n')).toThrow(/t\.csv:2: unclosed quoted field/);
    expect(() => parse('a,b\n"x"y,2\n')).toThrow(/t\.csv:2: unexpected character after a quoted field/);
  });
});

describeWithSharedData(
  ["datasets/judging_the_judges", "datasets/bradleyterry2", "datasets/alpaca_eval"],
  "parseDelimitedText against csv-parse (readCsvRecords) on shared files",
  () => {
    it.each([
      ["judging_the_judges/raw/MTBench/Repetition1/record_gpt-4-0613_3.tsv.gz", "\t"],
      ["bradleyterry2/CEMS_preferences.csv", ","],
      ["alpaca_eval/instructions.csv", ","],
    ])(
      "%s: same records; lines are where each record starts (csv-parse reports where it ends)",
      async (file, delimiter) => {
        const path = sharedPath(file);
        const expected: { line: number; record: Record<string, string> }[] = [];
        for await (const row of readCsvRecords(path, { delimiter })) expected.push(row);
        const actual: { line: number; record: Record<string, string> }[] = [];
        for await (const row of readTableRows(path, { delimiter }))
          actual.push({ line: row.at.line as number, record: row.value });
        expect(actual.length).toBeGreaterThan(0);
        expect(actual.map((row) => row.record)).toEqual(expected.map((row) => row.record));
        actual.forEach((row, index) => {
          const newlinesInside = Object.values(row.record).reduce(
            (sum, value) => sum + value.split("\n").length - 1,
            0,
          );
          expect(row.line + newlinesInside).toBe(expected[index]?.line);
        });
      },
    );
  },
);
