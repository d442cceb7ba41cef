import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison, Item, Reference } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { ImportInputError } from "../import-input-error.js";
import { makeTempDir, readJsonl } from "../test-support/shared-datasets.js";
import { kurateImporter } from "./kurate-importer.js";

const SAMPLE = resolve(import.meta.dirname, "../../../../datasets/kurate-export-sample");
const HEADER =
  "dataset_id,paper1_id,paper2_id,paper1_title,paper2_title,paper1_decision,paper2_decision,ai_winner_id,human_majority_winner_id,n_ai_judges,n_human_experts,human_has_preference";
const PAPERS_HEADER = `id,dataset_id,title,decision,h1_avg_rating,scores,${Array.from({ length: 8 }, (_, k) => `reviewer_${k + 1}_score`).join(",")}`;

async function importFolder(files: Record<string, string>, settings: Record<string, string> = {}) {
  const temp = await makeTempDir();
  for (const [name, text] of Object.entries(files)) await writeFile(join(temp.dir, name), text);
  const out = join(temp.dir, "out");
  const run = () => kurateImporter.import([temp.dir], { out, settings });
  return { temp, out, run };
}

describe("kurate matches_extended.csv + papers.csv", () => {
  it("imports the sample folder: AI-panel comparisons, human-majority pair references, reviewer means", async () => {
    const temp = await makeTempDir();
    try {
      const out = join(temp.dir, "out");
      const { report } = await kurateImporter.import([SAMPLE], { out });
      expect(report.read).toBe(12 + 27);
      expect(report.skipped).toEqual([]);
      expect(report.written).toMatchObject({ items: 13, judges: 1, comparisons: 27 });
      // The one paper absent from papers.csv: a warning per row naming it, and an item from its title.
      expect(report.warnings.map((warning) => warning.message)).toEqual([
        "paper id missing from papers.csv: item created from the match row's title",
      ]);
      const items = await readJsonl<Item>(join(out, "items.jsonl"));
      expect(items.find((item) => item.title === "A Paper Added After the Export")).toMatchObject({
        category: "iclr-codegen",
      });
      const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
      expect(comparisons.every((c) => c.judge === "ai-panel" && c.order === "unknown")).toBe(true);
      const references = await readJsonl<Reference>(join(out, "references.jsonl"));
      const pairs = references.filter((reference) => reference.kind === "pair");
      expect(pairs).toHaveLength(27);
      expect(pairs.filter((reference) => reference.kind === "pair" && reference.winner === "tie")).toHaveLength(3);
      expect(comparisons.filter((c) => c.metadata?.human_has_preference === false)).toHaveLength(3);
      const means = references.filter((reference) => reference.kind === "item" && reference.name === "reviewer-mean");
      expect(means).toHaveLength(12);
      expect((await validateDataset(out)).ok).toBe(true);
    } finally {
      await temp.cleanup();
    }
  });

  it("maps one row: ai winner → verdict, human id / tie → reference, flags → metadata", async () => {
    const { temp, out, run } = await importFolder({
      "matches_extended.csv": `${HEADER}
cat,p1,p2,One,Two,Accept,Reject,p2,p1,3,4,True
cat,p3,p1,Three,One,,Accept,p3,tie,1,2,False
`,
      "papers.csv": `${PAPERS_HEADER}
p1,cat,One,Accept,6,,6,7,,,,,,
p2,cat,Two,Reject,3,"[3, 3]",,,,,,,,
p3,cat,Three,Reject,,,,,,,,,,
`,
    });
    try {
      await run();
      const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
      expect(comparisons).toEqual([
        {
          id: "extended/cat/p1/p2",
          first: "p1",
          second: "p2",
          order: "unknown",
          verdict: "second",
          judge: "ai-panel",
          condition: "cat",
          metadata: { human_has_preference: true, n_ai_judges: 3, n_human_experts: 4 },
        },
        expect.objectContaining({ first: "p3", second: "p1", verdict: "first" }),
      ]);
      const references = await readJsonl<Reference>(join(out, "references.jsonl"));
      expect(
        references.filter((reference) => reference.kind === "pair").map((r) => r.kind === "pair" && r.winner),
      ).toEqual(["a", "tie"]);
      // p1 has no scores list: the reviewer_N_score columns give its mean.
      expect(references).toContainEqual({
        kind: "item",
        item: "p1",
        name: "reviewer-mean",
        score: 6.5,
        metadata: { ratings: [6, 7] },
      });
    } finally {
      await temp.cleanup();
    }
  });

  it("counts bad rows per reason, never silently", async () => {
    const { temp, run } = await importFolder({
      "matches_extended.csv": `${HEADER}
cat,p1,p2,One,Two,,,p9,p1,1,3,True
cat,p1,p2,One,Two,,,p1,nobody,1,3,True
cat,p1,,One,,,,p1,p1,1,3,True
cat,p2,p3,Two,Three,,,,p3,1,3,maybe
`,
    });
    try {
      const { report } = await run();
      expect(Object.fromEntries(report.skipped.map((entry) => [entry.reason, entry.count]))).toEqual({
        "ai_winner_id is neither paper1_id nor paper2_id: no AI comparison": 1,
        "human_majority_winner_id is neither paper1_id, paper2_id nor tie: no human reference": 1,
        "matches_extended row without paper1_id or paper2_id": 1,
        "ai_winner_id is empty: no AI comparison": 1,
      });
      expect(
        report.skipped.find((entry) => entry.reason.startsWith("ai_winner_id is neither"))?.examples[0]?.line,
      ).toBe(2);
      expect(report.warnings.map((warning) => [warning.message, warning.count])).toEqual([
        ["paper id missing from papers.csv: item created from the match row's title", 3],
        ["human_has_preference is not True/False: not kept", 1],
      ]);
      expect(report.written.comparisons).toBe(1);
    } finally {
      await temp.cleanup();
    }
  });

  it("exits with an input error when every row is skipped", async () => {
    const { temp, run } = await importFolder({
      "matches_extended.csv": `${HEADER}
cat,p1,p2,One,Two,,,x,y,1,3,True
cat,p1,p1,One,One,,,p1,p1,1,3,True
`,
    });
    try {
      await expect(run()).rejects.toThrow(ImportInputError);
      await expect(run()).rejects.toThrow(/every one of its 2 rows was skipped[\s\S]*ai_winner_id is neither/);
    } finally {
      await temp.cleanup();
    }
  });

  it("rejects an unknown layout listing the columns expected and found", async () => {
    const { temp, run } = await importFolder({ "matches.csv": "pair_a,pair_b,winner\nx,y,x\n" });
    try {
      await expect(run()).rejects.toThrow(
        /not a Kurate export layout[\s\S]*matches_extended\.csv: dataset_id, paper1_id[\s\S]*Columns found: pair_a, pair_b, winner/,
      );
    } finally {
      await temp.cleanup();
    }
  });

  it("rejects settings the format does not read (a --map that would change nothing)", async () => {
    const { temp, run } = await importFolder({ "matches_extended.csv": `${HEADER}\n` }, { id: "paper1_id" });
    try {
      await expect(run()).rejects.toThrow(/unknown setting "id"/);
    } finally {
      await temp.cleanup();
    }
  });
});
