import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetricsDocument } from "@judgelab/analytics";
import { readCsvRecords } from "@judgelab/datasets";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataTable } from "./data-table.js";
import { datasetTables } from "./dataset-tables.js";
import { exportDatasetTables } from "./export-dataset-tables.js";
import { metricsTables } from "./metrics-tables.js";
import { toDataFrame } from "./to-data-frame.js";
import { excelSheetNames, TableExportError, writeTables } from "./write-tables.js";

// A hand-made metrics document with each shape the walker handles (not a real analysis: shapes only).
const document = {
  schemaVersion: 1,
  kind: "judgelab.metrics",
  options: { seed: 7, condition: null },
  agreement: {
    available: true,
    pairs: [{ judgeA: "j1", judgeB: "j2", units: 4, cohenKappa: { value: 0.5, n: 4, ci: { lower: 0.1, upper: 0.9 } } }],
    matrix: {
      judges: ["j1", "j2"],
      kappa: [
        [1, 0.5],
        [0.5, null],
      ],
    },
  },
  positionBias: {
    available: true,
    perJudge: [
      { judge: "j1", firstWinRate: { count: 3, n: 5, value: 0.6 }, overTime: { windows: [{ start: 0, end: 2 }] } },
      {
        judge: "j2",
        firstWinRate: { count: 1, n: 5, value: 0.2 },
        overTime: {
          windows: [
            { start: 0, end: 1 },
            { start: 1, end: 3 },
          ],
        },
      },
    ],
  },
  conditions: { available: false, reason: "no condition field was named" },
} as unknown as MetricsDocument;

describe("metricsTables", () => {
  const tables = metricsTables(document);
  const byName = new Map(tables.map((table) => [table.name, table]));

  it("row arrays become tables with dotted columns; matrices one row per label", () => {
    expect([...byName.keys()]).toEqual([
      "metrics",
      "agreement.pairs",
      "agreement.matrix.kappa",
      "positionBias.perJudge",
      "positionBias.perJudge.overTime.windows",
    ]);
    expect(byName.get("agreement.pairs")).toEqual({
      name: "agreement.pairs",
      columns: [
        "judgeA",
        "judgeB",
        "units",
        "cohenKappa.value",
        "cohenKappa.n",
        "cohenKappa.ci.lower",
        "cohenKappa.ci.upper",
      ],
      rows: [["j1", "j2", 4, 0.5, 4, 0.1, 0.9]],
    });
    expect(byName.get("agreement.matrix.kappa")?.columns).toEqual(["judge", "j1", "j2"]);
    expect(byName.get("agreement.matrix.kappa")?.rows).toEqual([
      ["j1", 1, 0.5],
      ["j2", 0.5, null],
    ]);
  });

  it("row arrays inside rows: one table over all parents, carrying the parent's judge", () => {
    expect(byName.get("positionBias.perJudge")?.columns).toEqual([
      "judge",
      "firstWinRate.count",
      "firstWinRate.n",
      "firstWinRate.value",
    ]);
    expect(byName.get("positionBias.perJudge.overTime.windows")).toMatchObject({
      columns: ["judge", "start", "end"],
      rows: [
        ["j1", 0, 2],
        ["j2", 0, 1],
        ["j2", 1, 3],
      ],
    });
  });

  it("every other figure is a (path, value) row of the metrics table, unavailable sections with their reason", () => {
    const rows = new Map(byName.get("metrics")?.rows.map((row) => [row[0], row[1]]));
    expect(rows.get("options.seed")).toBe(7);
    expect(rows.get("options.condition")).toBeNull();
    expect(rows.get("conditions.available")).toBe(false);
    expect(rows.get("conditions.reason")).toBe("no condition field was named");
    expect(rows.get("agreement.available")).toBe(true);
  });
});

describe("toDataFrame and writeTables", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "judgelab-tables-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const [comparisons] = datasetTables({
    comparisons: [
      {
        id: "c1",
        first: "a",
        second: "b",
        order: "known",
        verdict: "first",
        judge: "j",
        rationale: 'A, "clearly"\nbetter',
      },
      {
        id: "c2",
        first: "b",
        second: "a",
        order: "known",
        verdict: "tie",
        judge: "j",
        repetition: 2,
        metadata: { lang: "de" },
      },
    ],
    items: [],
    judges: [],
  }) as [DataTable];

  it("a DataFrame has the table's columns and values; an empty table gives an empty frame", async () => {
    const frame = await toDataFrame(comparisons);
    expect(frame.shape).toEqual([2, 9]);
    expect(frame.columns).toEqual([
      "id",
      "first",
      "second",
      "order",
      "verdict",
      "judge",
      "repetition",
      "rationale",
      "metadata.lang",
    ]);
    expect(frame.column("repetition").values).toEqual([null, 2]);
    const empty = await toDataFrame({ name: "none", columns: ["x", "y"], rows: [] });
    expect(empty.shape).toEqual([0, 2]);
  });

  it("csv: one file per table, RFC 4180 quoting (commas, quotes, newlines survive), null as empty", async () => {
    const [file] = await writeTables([comparisons], { format: "csv", out: join(dir, "csv") });
    const rows = [];
    for await (const row of readCsvRecords(file!)) rows.push(row.record);
    expect(rows[0]).toMatchObject({ id: "c1", rationale: 'A, "clearly"\nbetter', repetition: "", "metadata.lang": "" });
    expect(rows[1]).toMatchObject({ id: "c2", repetition: "2", "metadata.lang": "de" });
  });

  it("csv: a one-column row with a missing value stays a row", async () => {
    const [file] = await writeTables([{ name: "one", columns: ["x"], rows: [["a"], [null], ["b"]] }], {
      format: "csv",
      out: join(dir, "one-column"),
    });
    const values = [];
    for await (const row of readCsvRecords(file!)) values.push(row.record.x);
    expect(values).toEqual(["a", "", "b"]);
  });

  it("parquet: typed columns (INT32 repetition with nulls, strings) read back by hyparquet", async () => {
    const [file] = await writeTables([comparisons], { format: "parquet", out: join(dir, "parquet") });
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file!) });
    expect(rows.map((row) => [row.id, row.repetition, row.rationale, row["metadata.lang"]])).toEqual([
      ["c1", null, 'A, "clearly"\nbetter', null],
      ["c2", 2, null, "de"],
    ]);
  });

  it("xlsx: one sheet per table; over the row limit nothing is written and the error suggests csv/parquet", async () => {
    const XLSX = await import("xlsx");
    const out = join(dir, "book.xlsx");
    const other: DataTable = { name: "agreement.matrix.kappa", columns: ["judge", "j"], rows: [["j", 1]] };
    await writeTables([comparisons, other], { format: "xlsx", out });
    const book = XLSX.read(await (await import("node:fs/promises")).readFile(out));
    expect(book.SheetNames).toEqual(["comparisons", "agreement.matrix.kappa"]);
    const sheet = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.comparisons!);
    expect(sheet[0]).toMatchObject({ id: "c1", rationale: 'A, "clearly"\nbetter' });
    expect(sheet[1]).toMatchObject({ id: "c2", repetition: 2, "metadata.lang": "de" });
    const tooLong = join(dir, "too-long.xlsx");
    const error = await writeTables([other, comparisons], { format: "xlsx", out: tooLong, excelMaxRows: 2 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(TableExportError);
    expect(error.message).toBe(
      "table comparisons has 2 rows; an Excel sheet holds at most 2 rows (header included): " +
        "export it with --format csv or --format parquet",
    );
    expect(await readdir(dir)).not.toContain("too-long.xlsx");
  });

  it("xlsx row limit on a dataset: checked on the loaded counts, before any table is built", async () => {
    const file = join(dir, "three.jsonl");
    const { writeFile } = await import("node:fs/promises");
    const rows = ["c1", "c2", "c3"].map((id) => ({
      id,
      first: "a",
      second: "b",
      order: "known",
      verdict: "tie",
      judge: "j",
    }));
    await writeFile(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
    await expect(exportDatasetTables(file, { excelMaxRows: 3 })).rejects.toThrow(
      "table comparisons has 3 rows; an Excel sheet holds at most 3 rows (header included): " +
        "export it with --format csv or --format parquet",
    );
    const { tables } = await exportDatasetTables(file, { excelMaxRows: 4 });
    expect(tables.map((table) => [table.name, table.rows.length])).toEqual([["comparisons", 3]]);
  });

  it("sheet names: ≤ 31 characters, the end of long names kept, clashes numbered", () => {
    const names = ["stability.perJudge.leaderboard.rows.rows", "x.perJudge.leaderboard.rows.rows", "a/b", "A/B"];
    expect(excelSheetNames(names)).toEqual([
      "perJudge.leaderboard.rows.rows",
      "perJudge.leaderboard.rows.row~2",
      "a_b",
      "A_B~2",
    ]);
  });
});
