import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeFilter, filterDataset, parseWhereClause, WhereClauseError } from "./filter-dataset.js";
import { loadDataset } from "./load-dataset.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-filter-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

function writeDataset(): string {
  const dir = join(root, "ds");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name: "filter-test" }));
  writeFileSync(join(dir, "judges.jsonl"), lines([{ id: "j", kind: "llm" }]));
  writeFileSync(
    join(dir, "items.jsonl"),
    lines([
      { id: "a", category: "x" },
      { id: "b", category: "x" },
      { id: "c", category: "y", metadata: { decision: "Accept" } },
    ]),
  );
  const comparison = (id: string, first: string, second: string, extra: object) => ({
    id,
    first,
    second,
    order: "unknown",
    verdict: "first",
    judge: "j",
    ...extra,
  });
  writeFileSync(
    join(dir, "comparisons.jsonl"),
    lines([
      comparison("1", "a", "b", { condition: "x", metadata: { human_has_preference: true } }),
      comparison("2", "a", "c", { metadata: { human_has_preference: false } }),
      comparison("3", "b", "c", { condition: "y", metadata: { human_has_preference: true } }),
    ]),
  );
  return dir;
}

describe("filterDataset (--where)", () => {
  it("keeps comparisons by a comparison field, a metadata boolean (True as pandas writes it) or both items' field", async () => {
    const dataset = await loadDataset(writeDataset(), { keepComparisons: true });
    const byFlag = filterDataset(dataset, [parseWhereClause("human_has_preference=True")]);
    expect(byFlag.dataset.table.size).toBe(2);
    expect(byFlag.dataset.table.comparisonIds).toEqual(["1", "3"]);
    expect(byFlag.dataset.table.itemIds).toEqual(dataset.table.itemIds);
    expect(describeFilter(byFlag.summary)).toBe("human_has_preference=True (2 of 3 comparisons)");
    const both = filterDataset(dataset, [
      parseWhereClause("human_has_preference=true"),
      parseWhereClause("condition=y"),
    ]);
    expect(both.dataset.comparisons?.map((comparison) => comparison.id)).toEqual(["3"]);
    const byCategory = filterDataset(dataset, [parseWhereClause("category=x")]);
    expect(byCategory.dataset.table.comparisonIds).toEqual(["1"]);
    expect(describeFilter(byCategory.summary)).toBe("category=x (both items) (1 of 3 comparisons)");
  });

  it("says what is wrong: a bad clause, an unknown field, a value nothing has", async () => {
    const dataset = await loadDataset(join(root, "ds"), { keepComparisons: true });
    expect(() => parseWhereClause("noequals")).toThrow(WhereClauseError);
    expect(() => filterDataset(dataset, [parseWhereClause("nosuch=1")])).toThrow(
      /no comparison or item has a "nosuch" field/,
    );
    expect(() => filterDataset(dataset, [parseWhereClause("condition=z")])).toThrow(/values seen: x, y/);
  });
});
