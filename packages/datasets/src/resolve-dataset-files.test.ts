import { describe, expect, it } from "vitest";
import { loadDataset } from "./load-dataset.js";
import { resolveDatasetFiles } from "./resolve-dataset-files.js";
import { comparison, jsonl, useTempDir, writeDatasetFixture } from "./test-support/temp-files.js";

const temp = useTempDir("resolve-files");

describe("resolveDatasetFiles", () => {
  it("uses the default names, or the .gz file when only that exists", () => {
    const dir = writeDatasetFixture(temp, "defaults", { "references.jsonl": null });
    temp.write("defaults/references.jsonl.gz", "");
    expect(resolveDatasetFiles(dir)).toEqual({
      manifest: `${dir}/dataset.json`,
      items: `${dir}/items.jsonl`,
      judges: `${dir}/judges.jsonl`,
      comparisons: `${dir}/comparisons.jsonl`,
      assessments: `${dir}/assessments.jsonl`,
      references: `${dir}/references.jsonl.gz`,
    });
  });

  it("follows `files` in dataset.json, and validation and loading read those files", async () => {
    const dir = writeDatasetFixture(temp, "renamed", {
      "dataset.json": JSON.stringify({
        schemaVersion: 1,
        name: "renamed",
        files: { comparisons: "votes/run-1.jsonl" },
      }),
      "comparisons.jsonl": null,
      "votes/run-1.jsonl": jsonl(comparison("v1", "a", "b"), comparison("v2", "b", "c")),
    });
    expect(resolveDatasetFiles(dir).comparisons).toBe(`${dir}/votes/run-1.jsonl`);
    const loaded = await loadDataset(dir);
    expect(loaded.table.comparisonIds).toEqual(["v1", "v2"]);
  });

  it("falls back to the defaults when dataset.json is missing or malformed", () => {
    const dir = writeDatasetFixture(temp, "broken-manifest", { "dataset.json": "{ nope" });
    expect(resolveDatasetFiles(dir).items).toBe(`${dir}/items.jsonl`);
  });
});
