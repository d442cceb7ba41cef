import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";
import { itWithSharedData } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, readJsonl, sharedPath } from "../test-support/shared-datasets.js";
import { btCountsImporter } from "./bt-counts-importer.js";
import { detectCountColumns } from "./detect-count-columns.js";
import { expandCountRow, parseCount } from "./expand-count-row.js";

describe("count tables", () => {
  it("detects the columns of the BradleyTerry2 tables", () => {
    expect(detectCountColumns(["journal1", "journal2", "win1", "win2"], {})).toEqual({
      columns: { first: "journal1", second: "journal2", wins1: "win1", wins2: "win2", homeAway: false },
    });
    expect(detectCountColumns(["home.team", "away.team", "home.wins", "away.wins"], {})).toMatchObject({
      columns: { first: "home.team", second: "away.team", homeAway: true },
    });
    expect(detectCountColumns(["row", "col", "win", "loss", "tie", "win.adj"], {})).toMatchObject({
      columns: { first: "row", second: "col", wins1: "win", wins2: "loss", ties: "tie" },
    });
    expect(detectCountColumns(["a", "b"], {})).toEqual({ missing: ["first", "second", "win1", "win2"] });
    expect(detectCountColumns(["a", "b", "x", "y"], { first: "a", second: "b", win1: "x", win2: "y" })).toHaveProperty(
      "columns",
    );
  });

  it("expands counts into one comparison per contest", () => {
    const comparisons = expandCountRow({
      idPrefix: "t:2",
      first: "A",
      second: "B",
      wins1: 2,
      wins2: 1,
      ties: 1,
      judge: "j",
      homeAway: false,
    });
    expect(comparisons.map((c) => c.verdict)).toEqual(["first", "first", "second", "tie"]);
    expect(new Set(comparisons.map((c) => c.id)).size).toBe(4);
    expect([parseCount("3"), parseCount("NA"), parseCount("2.5"), parseCount("-1"), parseCount("4.0")]).toEqual([
      3,
      undefined,
      undefined,
      undefined,
      4,
    ]);
  });
});

describe("bt-counts import", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("uses a judge column and skips NA rows with a reason (CEMS-style)", async () => {
    const file = join(temp.dir, "prefs.csv");
    await writeFile(
      file,
      "student,school1,school2,win1,win2,tied\n1,London,Paris,1,0,0\n1,Paris,Milano,NA,NA,NA\n2,London,Milano,0,0,1\n",
    );
    const out = join(temp.dir, "prefs");
    const { report } = await btCountsImporter.import([file], {
      out,
      settings: { judge: "student", "judge-kind": "human" },
    });
    expect(report.skipped).toEqual([expect.objectContaining({ count: 1, examples: [{ file, line: 3 }] })]);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons.map((c) => [c.judge, c.verdict, c.order])).toEqual([
      ["student:1", "first", "unknown"],
      ["student:2", "tie", "unknown"],
    ]);
  });

  itWithSharedData(
    "datasets/bradleyterry2",
    "expands baseball.csv into 273 home-first games (7 teams × 6 opponents × 13 / 2)",
    async () => {
      const out = join(temp.dir, "baseball");
      const { report } = await btCountsImporter.import([sharedPath("bradleyterry2/baseball.csv")], { out });
      expect(report.read).toBe(42);
      const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
      expect(comparisons).toHaveLength(273);
      expect(comparisons.every((c) => c.order === "known")).toBe(true);
      // Home wins in the table: sum of home.wins = 154 (awk -F, 'NR>1{s+=$3} END{print s}' baseball.csv).
      expect(comparisons.filter((c) => c.verdict === "first")).toHaveLength(154);
      expect((await validateDataset(out)).ok).toBe(true);
    },
  );
});
