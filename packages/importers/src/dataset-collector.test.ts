import { describe, expect, it } from "vitest";
import {
  CONFLICTING_JUDGMENT_REASON,
  DatasetCollector,
  DUPLICATE_ID_REASON,
  REPEATED_JUDGMENT_REASON,
  SELF_COMPARISON_REASON,
} from "./dataset-collector.js";
import { ImportReportBuilder, MAX_EXAMPLES } from "./import-report.js";

const comparison = {
  id: "c1",
  first: "a",
  second: "b",
  order: "known" as const,
  verdict: "first" as const,
  judge: "j",
};

describe("DatasetCollector", () => {
  it("skips self-comparisons and repeated judgments with reasons, keeping the first and filling its rationale", () => {
    const report = new ImportReportBuilder("test");
    const collector = new DatasetCollector(report);
    expect(collector.addComparison(comparison, { file: "f", line: 1 })).toBe(true);
    expect(collector.addComparison({ ...comparison, id: "c2", second: "a" }, { file: "f", line: 2 })).toBe(false);
    // The same judgment in the other presentation order has the same outcome (item a won).
    expect(
      collector.addComparison(
        { ...comparison, first: "b", second: "a", verdict: "second", rationale: "why" },
        { file: "g", line: 1 },
      ),
    ).toBe(false);
    expect(collector.addComparison({ ...comparison, verdict: "tie" }, { file: "g", line: 2 })).toBe(false);
    // Another judge reusing the id is not the same judgment, whatever its outcome.
    expect(collector.addComparison({ ...comparison, judge: "k:1" }, { file: "g", line: 3 })).toBe(false);
    expect(collector.comparisons()).toEqual([{ ...comparison, rationale: "why" }]);
    expect(collector.items.map((item) => item.id)).toEqual(["a", "b"]);
    expect(collector.undefinedJudges()).toEqual(["j"]);
    const built = report.build({ inputs: ["f"], written: collector.counts() });
    expect(built.skipped.map((entry) => [entry.reason, entry.count, entry.examples])).toEqual([
      [SELF_COMPARISON_REASON, 1, [{ file: "f", line: 2 }]],
      [REPEATED_JUDGMENT_REASON, 1, [{ file: "g", line: 1 }]],
      [CONFLICTING_JUDGMENT_REASON, 1, [{ file: "g", line: 2 }]],
      [DUPLICATE_ID_REASON, 1, [{ file: "g", line: 3 }]],
    ]);
  });

  it("merges items by id: missing fields are filled, conflicting ones warned about", () => {
    const report = new ImportReportBuilder("test");
    const collector = new DatasetCollector(report);
    collector.addItem({ id: "x", length: 3 });
    collector.addItem({ id: "x", length: 3, text: "abc", metadata: { k: 1 } });
    collector.addItem({ id: "x", length: 4 }, { file: "f", line: 9 });
    expect(collector.items).toEqual([{ id: "x", length: 3, text: "abc", metadata: { k: 1 } }]);
    expect(report.build({ inputs: [], written: collector.counts() }).warnings).toEqual([
      {
        message: "item length differs between source records for the same item id; kept the first",
        count: 1,
        examples: [{ file: "f", line: 9 }],
      },
    ]);
  });

  it("keeps at most MAX_EXAMPLES examples per reason while counting all", () => {
    const report = new ImportReportBuilder("test", "MIT");
    for (let line = 1; line <= 20; line++) report.skip("bad", { file: "f", line });
    report.countRead("f", 20);
    const built = report.build({
      inputs: ["f"],
      written: { items: 0, judges: 0, comparisons: 0, assessments: 0, references: 0 },
    });
    expect(built).toMatchObject({ read: 20, license: "MIT", skipped: [{ reason: "bad", count: 20 }] });
    expect(built.skipped[0]?.examples).toHaveLength(MAX_EXAMPLES);
  });
});
