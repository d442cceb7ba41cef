import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Assessment, Comparison, Item, Reference } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { makeTempDir, readJsonl, writeJsonl } from "../test-support/shared-datasets.js";
import { kurateImporter } from "./kurate-importer.js";
import { normalizeTimestamp } from "./map-kurate-records.js";

const PAPERS = `id,dataset_id,title,decision,h1_avg_rating,scores,si_score,si_significance,si_rigor,si_novelty,si_clarity
p1,iclr2025,"Model Spec Midtraining, revisited",Accept (oral),7.5,"[8, 6, 8]",7.2,8,7,7,6
p2,iclr2025,Another paper,Reject,4,"[3,5]",,,,,
p3,iclr2025,Third,Accept (poster),,not-json,5,,,,
`;
const MATCHES = `id,dataset_id,paper1_id,paper2_id,winner_id,judge_provider,judge_model,reasoning,created_at
m1,iclr2025,p1,p2,p1,google,gemini-3,"P1 is clearer.",2026-01-02 03:04:05.678+00
m2,iclr2025,p3,p1,p1,openai,gpt-5.2,Better rigor,2026-01-02T03:05:00Z
m3,iclr2025,p2,p3,,anthropic,claude-opus-4.6,,
`;
// The seed system's swap test: "ab" shows paper_a first, "ba" paper_b first; *_pos1_win = position 1 won.
const SWAP = [
  {
    idx: 0,
    paper_a_id: "p1",
    paper_b_id: "p2",
    ab_winner: "p1",
    ba_winner: "p1",
    ab_pos1_win: true,
    ba_pos1_win: false,
    consistent: true,
  },
  {
    idx: 1,
    paper_a_id: "p2",
    paper_b_id: "p3",
    ab_winner: "p2",
    ba_winner: "p3",
    ab_pos1_win: true,
    ba_pos1_win: true,
    consistent: false,
  },
];

describe("kurate exports", () => {
  it("normalises Postgres timestamps", () => {
    expect(normalizeTimestamp("2026-01-02 03:04:05.678+00")).toBe("2026-01-02 03:04:05.678+00:00");
    expect(normalizeTimestamp("Jan 2, 2026")).toMatch(/^2026-01-0[12]T/);
    expect(normalizeTimestamp("never")).toBeUndefined();
  });

  it("imports papers (references, assessments), matches (order unknown) and the swap test (both orders)", async () => {
    const temp = await makeTempDir();
    try {
      await writeFile(join(temp.dir, "papers.csv"), PAPERS);
      await writeFile(join(temp.dir, "matches.csv"), MATCHES);
      await writeJsonl(join(temp.dir, "swap_test.jsonl"), SWAP);
      const out = join(temp.dir, "out");
      const { report } = await kurateImporter.import([temp.dir], { out, settings: { "swap-judge": "gemini-3" } });
      expect(report.read).toBe(3 + 3 + 2);
      expect(report.warnings).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/scores column/), count: 1 }),
      ]);
      const items = await readJsonl<Item>(join(out, "items.jsonl"));
      expect(items[0]).toEqual({
        id: "p1",
        title: "Model Spec Midtraining, revisited",
        category: "iclr2025",
        metadata: { decision: "Accept (oral)" },
      });
      const references = await readJsonl<Reference>(join(out, "references.jsonl"));
      expect(references.filter((reference) => reference.kind === "item" && reference.item === "p1")).toEqual([
        { kind: "item", item: "p1", name: "reviewer-mean", score: 22 / 3, metadata: { ratings: [8, 6, 8] } },
        { kind: "item", item: "p1", name: "h1_avg_rating", score: 7.5 },
        { kind: "item", item: "p1", name: "decision", label: "Accept (oral)" },
      ]);
      const assessments = await readJsonl<Assessment>(join(out, "assessments.jsonl"));
      expect(assessments).toEqual([
        {
          item: "p1",
          judge: "impact-assessment",
          scores: { overall: 7.2, significance: 8, rigor: 7, novelty: 7, clarity: 6 },
          scale: { min: 1, max: 10 },
        },
        { item: "p3", judge: "impact-assessment", scores: { overall: 5 }, scale: { min: 1, max: 10 } },
      ]);
      const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
      expect(comparisons.slice(0, 3).map((c) => [c.first, c.second, c.verdict, c.order, c.judge])).toEqual([
        ["p1", "p2", "first", "unknown", "gemini-3"],
        ["p3", "p1", "second", "unknown", "gpt-5.2"],
        ["p2", "p3", "invalid", "unknown", "claude-opus-4.6"],
      ]);
      expect(comparisons[0]).toMatchObject({
        rationale: "P1 is clearer.",
        createdAt: "2026-01-02 03:04:05.678+00:00",
        condition: "iclr2025",
      });
      expect(comparisons.slice(3).map((c) => [c.id, c.first, c.verdict, c.order])).toEqual([
        ["swap/0/ab", "p1", "first", "known"],
        ["swap/0/ba", "p2", "second", "known"],
        ["swap/1/ab", "p2", "first", "known"],
        ["swap/1/ba", "p3", "first", "known"],
      ]);
      expect(comparisons[3]?.matchId).toBe(comparisons[4]?.matchId);
      expect((await validateDataset(out)).ok).toBe(true);
    } finally {
      await temp.cleanup();
    }
  });
});
