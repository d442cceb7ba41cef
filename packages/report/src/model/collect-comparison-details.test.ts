import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readComparisonRecords } from "@judgelab/datasets";
import { describe, expect, it } from "vitest";
import { collectComparisonDetails, detailsLinePrefilter } from "./collect-comparison-details.js";

const lines = [
  { id: "c1", first: "a", second: "b", order: "known", verdict: "first", judge: "j1", rationale: "a is better" },
  { id: "c2", first: "b", second: "c", order: "known", verdict: "second", judge: "j2" },
  { id: "c3", first: "c", second: "d", order: "known", verdict: "first", judge: "j1", usage: { costUsd: 0.5 } },
  { id: "c4", first: "d", second: "a.b", order: "unknown", verdict: "tie", judge: "j2", rationale: "mentions b" },
  { id: "c5", first: "e", second: "f", order: "known", verdict: "first", judge: "j1", rationale: "\\u0062 escaped" },
].map((record) => JSON.stringify(record));

describe("detailsLinePrefilter", () => {
  it("keeps every line the details need and skips the others unparsed", () => {
    const keep = detailsLinePrefilter(["b", "a.b"]);
    expect(keep).toBeDefined();
    // c1, c2 name "b"; c3 has usage; c4 names "a.b" (a regex metacharacter, matched literally); c5 has a \u escape.
    expect(lines.map((line) => keep?.(line))).toEqual([true, true, true, true, true]);
    expect(keep?.(JSON.stringify({ id: "x", first: "ab", second: "c", rationale: "about b" }))).toBe(false);
    expect(keep?.(JSON.stringify({ id: "x", first: "axb", second: "c" }))).toBe(false);
  });

  it("gives up (parse everything) when an item id would be escaped in JSON", () => {
    expect(detailsLinePrefilter(['say "hi"'])).toBeUndefined();
    expect(detailsLinePrefilter(["café"])).toBeUndefined();
  });

  it("collects the same history and usage with and without the prefilter", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "judgelab-details-"));
    const file = path.join(folder, "comparisons.jsonl");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const historyItems = new Set(["b", "d"]);
    const collect = (prefilter?: (line: string) => boolean) =>
      collectComparisonDetails({
        comparisons: readComparisonRecords(file, prefilter === undefined ? {} : { prefilter }),
        historyItems,
        titleOf: (id) => id.toUpperCase(),
      });
    const all = await collect();
    const filtered = await collect(detailsLinePrefilter(historyItems));
    expect(filtered).toEqual(all);
    expect(all.history.get("b")?.map((entry) => entry.opponentId)).toEqual(["a", "c"].reverse());
    expect(all.usage.get("j1")?.costUsd).toBe(0.5);
  });
});
