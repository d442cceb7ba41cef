import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "@judgelab/datasets";
import { aggregatePairCells, ClusteringError, clusterRows, type RateItemsOptions, rateItems } from "@judgelab/ratings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateRatingCells } from "./aggregate-rating-cells.js";
import { resolveComparisonSource } from "./comparison-source.js";
import { type DuckDbSession, openDuckDbSession } from "./duckdb-session.js";
import { EngineInputError } from "./engine-input-error.js";
import { scanComparisons } from "./scan-comparisons.js";
import { sqlString } from "./source-sql.js";
import { writePanelDataset } from "./test-support/panel-dataset.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-duckdb-cells-"));
let session: DuckDbSession;
beforeAll(async () => {
  session = await openDuckDbSession({ memoryLimit: "256MB", threads: 2 });
});
afterAll(() => {
  session.close();
  rmSync(root, { recursive: true, force: true });
});

const dir = join(root, "panel");
const parquet = join(root, "panel-comparisons.parquet");
beforeAll(async () => {
  const { mkdirSync } = await import("node:fs");
  mkdirSync(dir);
  writePanelDataset(dir);
  await session.run(
    `COPY (SELECT * FROM read_json(${sqlString(join(dir, "comparisons.jsonl"))})) TO ${sqlString(parquet)} (FORMAT parquet)`,
  );
});

async function aggregateWithDuckDb(path: string, options: RateItemsOptions) {
  const scanned = await scanComparisons(session, await resolveComparisonSource(path));
  return aggregateRatingCells(session, scanned, {
    keepOrder: options.orderEffect === true,
    cluster: options.cluster ?? "auto",
  });
}

describe("aggregateRatingCells: the in-memory path's cells and clusters, computed in DuckDB", () => {
  const cases: [string, RateItemsOptions][] = [
    ["auto clustering (by match)", { method: "bt", bootstrapRounds: 50, seed: 4 }],
    [
      "by pair with the order effect",
      { method: "bt", bootstrapRounds: 40, seed: 9, cluster: "pair", orderEffect: true },
    ],
    ["no clustering, Davidson ties", { method: "bt", bootstrapRounds: 30, seed: 1, cluster: "none", ties: "davidson" }],
    ["sandwich by match", { method: "bt", bootstrapRounds: 30, seed: 1, intervals: "sandwich", cluster: "match" }],
  ];
  for (const [name, options] of cases) {
    it(`gives the same cells, clusters and report: ${name}`, async () => {
      const { table } = await loadDataset(dir);
      const memory = clusterRows(table, options.cluster ?? "auto", (rowCells) =>
        aggregatePairCells(table, { keepOrder: options.orderEffect === true, rowCells }),
      );
      const duck = await aggregateWithDuckDb(dir, options);
      expect(duck.cells).toEqual(memory.cells);
      expect(duck.clusters).toEqual(memory.clusters);
      const expected = rateItems(table, options);
      expect(rateItems(duck, options)).toEqual(expected);
    });
  }

  it("reads the same comparisons from Parquet (items by first appearance, as a lone comparisons file)", async () => {
    const options: RateItemsOptions = { method: "bt", bootstrapRounds: 30, seed: 2 };
    const { table } = await loadDataset(join(dir, "comparisons.jsonl"));
    const expected = rateItems(table, options);
    expect(rateItems(await aggregateWithDuckDb(parquet, options), options)).toEqual(expected);
    expect(rateItems(await aggregateWithDuckDb(join(dir, "comparisons.jsonl"), options), options)).toEqual(expected);
  });

  it("refuses clustering by match without any matchId, as the in-memory path", async () => {
    const file = join(root, "no-matches.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({ id: "c0", first: "a", second: "b", order: "known", verdict: "first", judge: "j" })}\n`,
    );
    await expect(aggregateWithDuckDb(file, { method: "bt", cluster: "match" })).rejects.toThrow(ClusteringError);
  });
});

describe("scanComparisons: bad input names the file, the row and the field", () => {
  const row = (fields: Record<string, unknown>) =>
    JSON.stringify({ id: "x", first: "a", second: "b", order: "known", verdict: "first", judge: "j", ...fields });
  const cases: [string, string[], RegExp][] = [
    ["an unknown verdict", [row({}), row({ verdict: "win" })], /row 2: verdict: expected "first"/],
    ["an unknown order", [row({}), row({}), row({ order: "maybe" })], /row 3: order: expected "known"/],
    ["a missing first item", [row({}), row({ first: null })], /row 2: first: missing/],
    ["a missing judge", [row({ judge: undefined })], /row 1: judge: missing/],
    ["an item compared with itself", [row({}), row({ second: "a" })], /row 2: second: an item is never compared/],
  ];
  for (const [name, lines, message] of cases) {
    it(name, async () => {
      const file = join(root, `bad-${name.replaceAll(" ", "-")}.jsonl`);
      writeFileSync(file, `${lines.join("\n")}\n`);
      const scanning = scanComparisons(session, await resolveComparisonSource(file));
      await expect(scanning).rejects.toThrow(EngineInputError);
      await expect(scanComparisons(session, await resolveComparisonSource(file))).rejects.toThrow(message);
    });
  }

  it("a malformed JSON line", async () => {
    const file = join(root, "malformed.jsonl");
    writeFileSync(file, `${row({})}\n{"first": "a", \n`);
    await expect(scanComparisons(session, await resolveComparisonSource(file))).rejects.toThrow(EngineInputError);
    await expect(scanComparisons(session, await resolveComparisonSource(file))).rejects.toThrow(/malformed\.jsonl: /);
  });

  it("an item missing from items.jsonl", async () => {
    const folder = join(root, "unknown-item");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(folder);
    writeFileSync(join(folder, "items.jsonl"), `${JSON.stringify({ id: "a" })}\n${JSON.stringify({ id: "b" })}\n`);
    writeFileSync(join(folder, "comparisons.jsonl"), `${row({})}\n${row({ second: "c" })}\n`);
    await expect(scanComparisons(session, await resolveComparisonSource(folder))).rejects.toThrow(
      /row 2: second: item "c" is not in .*items\.jsonl/,
    );
  });
});
