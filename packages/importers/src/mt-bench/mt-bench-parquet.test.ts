import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison, Item, Judge } from "@judgelab/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportInputError } from "../import-input-error.js";
import { makeTempDir, readJsonl } from "../test-support/shared-datasets.js";
import { mtBenchImporter } from "./mt-bench-importer.js";

// Fixtures written by scripts/write-parquet-fixtures.ts (DuckDB) in the layout of lmsys/mt_bench_human_judgments.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), "test-fixtures");
const MODELS = ["gpt-4", "claude-2", "vicuna-13b", "llama-2-70b-chat"];

describe("MT-Bench human judgments from Parquet", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("reads the human and gpt4_pair splits: int64 question ids and turns, conversation texts up to the turn", async () => {
    const out = join(temp.dir, "human");
    const human = join(fixtures, "mt-bench-human.parquet");
    const { report } = await mtBenchImporter.import([human, join(fixtures, "mt-bench-gpt4-pair.parquet")], { out });
    expect(report.read).toBe(22);
    expect(report.readByFile.map((entry) => entry.records)).toEqual([16, 6]);
    expect(report.skipped).toEqual([
      expect.objectContaining({
        reason: "judgment without question_id, model_a/model_b and winner (or g1_winner)",
        count: 1,
        examples: [{ file: human, index: 13 }],
      }),
    ]);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons).toHaveLength(21);
    const fromHuman = comparisons.slice(0, 15);
    const rows = Array.from({ length: 16 }, (_, i) => i).filter((i) => i !== 13);
    expect(fromHuman.map((c) => [c.first, c.second, c.verdict, c.judge, c.prompt])).toEqual(
      rows.map((i) => [
        `${81 + (i % 5)}/turn${1 + (i % 2)}/${MODELS[i % 4]}`,
        `${81 + (i % 5)}/turn${1 + (i % 2)}/${MODELS[(i + 1) % 4]}`,
        i === 9 ? "tie" : (["first", "second", "tie"] as const)[i % 3],
        ["author_0", "expert_7", "expert_12"][i % 3],
        `${81 + (i % 5)}/turn${1 + (i % 2)}`,
      ]),
    );
    expect(fromHuman.find((c) => c.id === "mt-bench-human.parquet#9")?.raw).toBe("tie (inconsistent)");
    const items = await readJsonl<Item>(join(out, "items.jsonl"));
    expect(items.find((item) => item.id === "81/turn1/gpt-4")?.text).toBe("gpt-4 answer 1");
    expect(items.find((item) => item.id === "82/turn2/claude-2")?.text).toBe("claude-2 answer 1\n\nclaude-2 answer 2");
    const judges = await readJsonl<Judge>(join(out, "judges.jsonl"));
    expect(judges.map((judge) => [judge.id, judge.kind]).sort()).toEqual([
      ["author_0", "human"],
      ["expert_12", "human"],
      ["expert_7", "human"],
      ["gpt4_pair", "llm"],
    ]);
    expect((await validateDataset(out)).ok).toBe(true);
  });

  it("a Parquet file of another layout names the missing columns and their expected types", async () => {
    const file = join(dirname(fixtures), "..", "arena-battles", "test-fixtures", "arena-55k.parquet");
    const error = await mtBenchImporter.import([file], { out: join(temp.dir, "wrong") }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toContain(
      "not the MT-Bench human judgments schema: missing columns question_id (string or integer), winner (string), " +
        "judge (string), turn (integer (int32/int64))",
    );
  });
});
