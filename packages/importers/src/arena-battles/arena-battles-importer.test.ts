import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison, Judge } from "@judgelab/schema";
import { itWithSharedData } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, readJsonl, sharedPath } from "../test-support/shared-datasets.js";
import { arenaBattlesImporter } from "./arena-battles-importer.js";

// The shape of Chatbot Arena's published clean_battle JSON (model_a, model_b, winner, judge, turn, anony, language, tstamp).
const battles = [
  {
    question_id: "q1",
    model_a: "gpt-4",
    model_b: "claude-2",
    winner: "model_a",
    judge: "arena_user_1",
    turn: 1,
    anony: true,
    language: "English",
    tstamp: 1700000000.5,
  },
  {
    question_id: "q2",
    model_a: "gpt-4",
    model_b: "vicuna-13b",
    winner: "tie (bothbad)",
    judge: "arena_user_2",
    turn: 2,
    anony: true,
    language: "German",
    tstamp: 1700000100,
  },
  { question_id: "q3", model_a: "claude-2", model_b: "vicuna-13b", winner: "model_b", judge: "arena_user_1", turn: 1 },
  { question_id: "q4", model_a: "claude-2", model_b: "gpt-4", winner: "???", judge: "arena_user_3" },
  { question_id: "q5", model_a: "claude-2", winner: "model_a", judge: "arena_user_3" },
];

describe("arena battles", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("imports a JSON array: model items, per-user human judges, ties, invalid winners and skipped records", async () => {
    const file = join(temp.dir, "clean_battle.json");
    await writeFile(file, JSON.stringify(battles));
    const out = join(temp.dir, "json");
    const { report } = await arenaBattlesImporter.import([file], { out });
    expect(report.read).toBe(5);
    expect(report.skipped).toEqual([
      expect.objectContaining({
        reason: "battle without model_a and model_b",
        count: 1,
        examples: [{ file, index: 4 }],
      }),
    ]);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons.map((c) => [c.first, c.second, c.verdict, c.order])).toEqual([
      ["gpt-4", "claude-2", "first", "unknown"],
      ["gpt-4", "vicuna-13b", "tie", "unknown"],
      ["claude-2", "vicuna-13b", "second", "unknown"],
      ["claude-2", "gpt-4", "invalid", "unknown"],
    ]);
    expect(comparisons[0]).toMatchObject({
      prompt: "q1",
      createdAt: "2023-11-14T22:13:20.500Z",
      metadata: { turn: 1, language: "English", anonymous: true },
    });
    expect(comparisons[1]?.metadata).toMatchObject({ bothBad: true });
    expect(comparisons[3]?.raw).toBe("???");
    const judges = await readJsonl<Judge>(join(out, "judges.jsonl"));
    expect(judges.map((judge) => [judge.id, judge.kind])).toEqual([
      ["arena_user_1", "human"],
      ["arena_user_2", "human"],
      ["arena_user_3", "human"],
    ]);
    expect((await validateDataset(out)).ok).toBe(true);
  });

  it("imports JSONL with a default judge", async () => {
    const file = join(temp.dir, "battles.jsonl");
    await writeFile(
      file,
      `${battles
        .slice(0, 3)
        .map(({ judge: _judge, ...rest }) => JSON.stringify(rest))
        .join("\n")}\n`,
    );
    const out = join(temp.dir, "jsonl");
    await arenaBattlesImporter.import([file], { out, settings: { "judge-id": "gpt-4-judge", "judge-kind": "llm" } });
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons.map((c) => [c.id, c.judge])).toEqual([
      ["battles.jsonl:1", "gpt-4-judge"],
      ["battles.jsonl:2", "gpt-4-judge"],
      ["battles.jsonl:3", "gpt-4-judge"],
    ]);
  });

  itWithSharedData(
    "datasets/arena_hard_auto",
    "imports the 1,348 Arena-Hard battles of the shared snapshot",
    async () => {
      const out = join(temp.dir, "shared");
      const { report } = await arenaBattlesImporter.import(
        [sharedPath("arena_hard_auto/arena_hard_battles_undocumented.jsonl")],
        { out },
      );
      expect(report.read).toBe(1348);
      expect(report.written.comparisons).toBe(1348);
    },
  );
});
