import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportInputError } from "./import-input-error.js";
import { streamJsonArray } from "./stream-json-array.js";
import { makeTempDir } from "./test-support/shared-datasets.js";

const records: unknown[] = [
  { model_a: "gpt-4", model_b: "claude", winner: "model_a", text: 'brackets ] } [ { and "quotes" and \\\\ and \\"' },
  { nested: { list: [1, [2, { deep: "]" }]], empty: {} }, unicode: "é 😀 漢字" },
  [1, 2, { x: "y" }],
  "a string, with a comma",
  42.5,
  null,
  true,
  {},
];

describe("streamJsonArray", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  const collect = async (path: string, highWaterMark?: number) => {
    const values: unknown[] = [];
    for await (const { index, value } of streamJsonArray(path, highWaterMark === undefined ? {} : { highWaterMark })) {
      expect(index).toBe(values.length);
      values.push(value);
    }
    return values;
  };

  it.each([1, 3, 7, 64, 65536])("yields the same elements as JSON.parse with %i-byte chunks", async (highWaterMark) => {
    const path = join(temp.dir, `records-${highWaterMark}.json`);
    await writeFile(path, `\ufeff \n${JSON.stringify(records, null, highWaterMark % 2 === 0 ? 2 : undefined)}\n`);
    expect(await collect(path, highWaterMark)).toEqual(records);
  });

  it("reads gzip and empty arrays", async () => {
    const gz = join(temp.dir, "records.json.gz");
    await writeFile(gz, gzipSync(JSON.stringify(records)));
    expect(await collect(gz, 5)).toEqual(records);
    const empty = join(temp.dir, "empty.json");
    await writeFile(empty, " [ ] ");
    expect(await collect(empty)).toEqual([]);
  });

  it("names the file and element of malformed input", async () => {
    const cases: [string, RegExp][] = [
      ['{"a": 1}', /expected a JSON array of records/],
      ['[{"a": 1}, {"b": 2}', /not closed \(truncated file\?\)/],
      ['[{"a": 1}, {"b": }]', /element 1: not valid JSON/],
      ["[1] [2]", /unexpected text after the closing \]/],
    ];
    for (const [text, message] of cases) {
      const path = join(temp.dir, "bad.json");
      await writeFile(path, text);
      const error = await collect(path, 4).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImportInputError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(path);
    }
  });
});
