import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { makeTempDir, readJsonl, writeJsonl } from "../test-support/shared-datasets.js";
import { arenaHardImporter } from "./arena-hard-importer.js";
import { parseArenaHardLabel } from "./map-arena-hard-judgment.js";

describe("Arena-Hard labels", () => {
  it("parses every label with its strength", () => {
    expect(["A>>B", "A>B", "A=B", "B>A", "B>>A", "A<B", "B<<A", "B=A", " A >> B "].map(parseArenaHardLabel)).toEqual([
      { winner: "A", strength: "strong" },
      { winner: "A", strength: "weak" },
      { winner: "tie" },
      { winner: "B", strength: "weak" },
      { winner: "B", strength: "strong" },
      { winner: "B", strength: "weak" },
      { winner: "A", strength: "strong" },
      { winner: "tie" },
      { winner: "A", strength: "strong" },
    ]);
    expect([null, "A>A", "C>B", "[[A>B]]"].map(parseArenaHardLabel)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("Arena-Hard judgments", () => {
  it("maps two games per question to both orders against the baseline", async () => {
    const temp = await makeTempDir();
    try {
      // arena-hard-auto v0.1 model_judgment/<judge>/<model>.jsonl (baseline gpt-4-0314 implied) and a v2 record.
      const lines = [
        {
          question_id: "q1",
          model: "llama-3-70b",
          judge: "gpt-4-1106-preview",
          games: [
            { user_prompt: "…", judgment: "… [[B>>A]]", score: "B>>A" },
            { user_prompt: "…", judgment: "…", score: "A>B" },
          ],
        },
        {
          question_id: "q2",
          model: "llama-3-70b",
          judge: "gpt-4-1106-preview",
          games: [{ score: null, judgment: "no label" }, { score: "A=B" }],
        },
        {
          uid: "u3",
          category: "hard_prompt",
          model: "llama-3-70b",
          baseline: "o3-mini",
          judge: "gpt-4.1",
          games: [{ score: "A>B", judgment: { answer: "text" } }, { score: "B>>A" }],
        },
      ];
      const file = join(temp.dir, "llama-3-70b.jsonl");
      await writeJsonl(file, lines);
      const out = join(temp.dir, "out");
      const { report } = await arenaHardImporter.import([file], { out });
      expect(report.notes.some((note) => note.includes("gpt-4-0314"))).toBe(true);
      const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
      expect(comparisons.map((c) => [c.first, c.second, c.verdict, c.strength])).toEqual([
        ["q1/gpt-4-0314", "q1/llama-3-70b", "second", "strong"],
        ["q1/llama-3-70b", "q1/gpt-4-0314", "first", "weak"],
        ["q2/gpt-4-0314", "q2/llama-3-70b", "invalid", undefined],
        ["q2/llama-3-70b", "q2/gpt-4-0314", "tie", undefined],
        ["u3/o3-mini", "u3/llama-3-70b", "first", "weak"],
        ["u3/llama-3-70b", "u3/o3-mini", "second", "strong"],
      ]);
      expect(comparisons[0]?.matchId).toBe(comparisons[1]?.matchId);
      expect(comparisons[2]).toMatchObject({ raw: null, order: "known" });
      expect(comparisons[4]).toMatchObject({ condition: "hard_prompt", rationale: "text", judge: "gpt-4.1" });
      expect((await validateDataset(out)).ok).toBe(true);
    } finally {
      await temp.cleanup();
    }
  });
});
