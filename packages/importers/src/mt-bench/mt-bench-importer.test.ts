import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison, Item, Judge } from "@judgelab/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, readJsonl, writeJsonl } from "../test-support/shared-datasets.js";
import { mtBenchImporter } from "./mt-bench-importer.js";

// FastChat fastchat/llm_judge gen_judgment.py writes one line per pair and turn: game 1 shows model_1 as
// Assistant A, game 2 shows model_2 as Assistant A; winners are mapped back to model_1/model_2.
const pairLines = [
  {
    question_id: 81,
    model_1: "gpt-4",
    model_2: "llama-13b",
    g1_winner: "model_1",
    g2_winner: "model_1",
    judge: ["gpt-4", "pair-v2"],
    g1_judgment: "[[A]]",
    g2_judgment: "[[B]]",
    turn: 1,
    tstamp: 1687000000,
  },
  {
    question_id: 81,
    model_1: "gpt-4",
    model_2: "llama-13b",
    g1_winner: "model_1",
    g2_winner: "error",
    judge: ["gpt-4", "pair-v2-multi-turn"],
    turn: 2,
  },
  {
    question_id: 82,
    model_1: "claude-v1",
    model_2: "gpt-4",
    g1_winner: "tie",
    g2_winner: "model_2",
    judge: ["gpt-4", "pair-v2"],
    turn: 1,
  },
];
// lmsys/mt_bench_human_judgments: question_id, model_a, model_b, winner, judge, conversation_a/b, turn.
const human = [
  {
    question_id: 81,
    model_a: "gpt-4",
    model_b: "llama-13b",
    winner: "model_b",
    judge: "expert_3",
    turn: 1,
    conversation_a: [
      { role: "user", content: "Write a blog post" },
      { role: "assistant", content: "Post A" },
    ],
    conversation_b: [
      { role: "user", content: "Write a blog post" },
      { role: "assistant", content: "Post B!" },
    ],
  },
  {
    question_id: 82,
    model_a: "claude-v1",
    model_b: "gpt-4",
    winner: "tie (inconsistent)",
    judge: ["gpt-4", "pair-v2"],
    turn: 1,
  },
];

describe("MT-Bench judgments", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let comparisons: Comparison[];
  beforeAll(async () => {
    temp = await makeTempDir();
    await writeJsonl(join(temp.dir, "gpt-4_pair.jsonl"), pairLines);
    await writeFile(join(temp.dir, "human.json"), JSON.stringify(human));
    const { report } = await mtBenchImporter.import([temp.dir], { out: join(temp.dir, "out") });
    expect(report.read).toBe(5);
    comparisons = await readJsonl<Comparison>(join(temp.dir, "out", "comparisons.jsonl"));
  });
  afterAll(() => temp.cleanup());

  it("maps the two games of a pair judgment to both orders with a shared matchId", () => {
    const [g1, g2] = comparisons;
    expect(g1).toMatchObject({
      first: "81/turn1/gpt-4",
      second: "81/turn1/llama-13b",
      order: "known",
      verdict: "first",
      condition: "pair-v2",
    });
    // model_1 won game 2 too, where it was shown second: a consistent judge.
    expect(g2).toMatchObject({
      first: "81/turn1/llama-13b",
      second: "81/turn1/gpt-4",
      verdict: "second",
      createdAt: "2023-06-17T11:06:40.000Z",
    });
    expect(g2?.matchId).toBe(g1?.matchId);
    expect(comparisons[3]).toMatchObject({ prompt: "81/turn2", verdict: "invalid", raw: "error" });
    expect(comparisons[4]).toMatchObject({ first: "82/turn1/claude-v1", verdict: "tie" });
    expect(comparisons[5]).toMatchObject({ first: "82/turn1/gpt-4", verdict: "first" });
  });

  it("maps human judgments with unknown order and human judges; qualified ties keep raw", async () => {
    expect(comparisons[6]).toMatchObject({
      first: "81/turn1/gpt-4",
      second: "81/turn1/llama-13b",
      order: "unknown",
      verdict: "second",
      judge: "expert_3",
    });
    expect(comparisons[7]).toMatchObject({ verdict: "tie", raw: "tie (inconsistent)", judge: "gpt-4" });
    const judges = await readJsonl<Judge>(join(temp.dir, "out", "judges.jsonl"));
    expect(judges.map((judge) => [judge.id, judge.kind])).toEqual([
      ["gpt-4", "llm"],
      ["expert_3", "human"],
    ]);
    const items = await readJsonl<Item>(join(temp.dir, "out", "items.jsonl"));
    expect(items.find((item) => item.id === "81/turn1/llama-13b")).toMatchObject({
      text: "Post B!",
      producer: "llama-13b",
    });
    expect((await validateDataset(join(temp.dir, "out"))).ok).toBe(true);
  });
});
