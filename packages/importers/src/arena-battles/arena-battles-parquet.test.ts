import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison, Item } from "@judgelab/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportInputError } from "../import-input-error.js";
import { makeTempDir, readJsonl, writeJsonl } from "../test-support/shared-datasets.js";
import { arenaBattlesImporter } from "./arena-battles-importer.js";

// Fixtures written by scripts/write-parquet-fixtures.ts (DuckDB); the rows follow the formulas there.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), "test-fixtures");
const MODELS = ["gpt-4", "claude-2", "vicuna-13b", "llama-2-70b-chat", "alpaca-13b"];
const WINNERS = ["model_a", "model_b", "tie", "tie (bothbad)", "model_a", "model_b"];

describe("arena battles from Parquet", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("reads the battle layout (list<struct> conversations, int64 turn, double tstamp) by the JSON row mapping", async () => {
    const out = join(temp.dir, "battles");
    const file = join(fixtures, "arena-battles.parquet");
    const { report } = await arenaBattlesImporter.import([file], { out });
    expect(report.read).toBe(24);
    expect(report.skipped).toEqual([
      expect.objectContaining({
        reason: "battle without model_a and model_b",
        count: 1,
        examples: [{ file, index: 7 }],
      }),
    ]);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons).toHaveLength(23);
    const tally = (verdict: string) => comparisons.filter((c) => c.verdict === verdict).length;
    expect([tally("first"), tally("second"), tally("tie"), tally("invalid")]).toEqual([8, 6, 8, 1]);
    expect(comparisons[0]).toMatchObject({
      id: "arena-battles.parquet#0",
      first: "gpt-4",
      second: "claude-2",
      verdict: "first",
      judge: "arena_user_0",
      prompt: "q100",
      createdAt: "2023-11-14T22:13:20.500Z",
      metadata: { turn: 1, language: "German", anonymous: true },
    });
    expect(comparisons.find((c) => c.id === "arena-battles.parquet#3")?.metadata).toMatchObject({ bothBad: true });
    expect(comparisons.find((c) => c.id === "arena-battles.parquet#11")).toMatchObject({
      verdict: "invalid",
      raw: "model_c",
    });
    expect((await validateDataset(out)).ok).toBe(true);

    // The same rows as JSONL give the same comparisons: one row mapping for both containers.
    const jsonl = join(temp.dir, "arena-battles.jsonl");
    await writeJsonl(
      jsonl,
      Array.from({ length: 24 }, (_, i) => ({
        question_id: `q${100 + (i % 8)}`,
        model_a: MODELS[i % 5],
        ...(i === 7 ? {} : { model_b: MODELS[(i + 1 + (i % 3)) % 5] }),
        winner: i === 11 ? "model_c" : WINNERS[i % 6],
        judge: `arena_user_${i % 4}`,
        turn: 1 + (i % 2),
        anony: i % 5 === 0,
        language: i % 3 === 0 ? "German" : "English",
        tstamp: 1700000000 + 60 * i + 0.5,
      })),
    );
    await arenaBattlesImporter.import([jsonl], { out: join(temp.dir, "battles-jsonl") });
    const fromJson = await readJsonl<Comparison>(join(temp.dir, "battles-jsonl", "comparisons.jsonl"));
    const withoutId = (list: Comparison[]) => list.map(({ id: _id, ...rest }) => rest);
    expect(withoutId(comparisons)).toEqual(withoutId(fromJson));
  });

  it("detects the 55k layout by its columns: one-hot winners, battle ids, two flags set kept as invalid", async () => {
    const out = join(temp.dir, "kaggle");
    const { report } = await arenaBattlesImporter.import([join(fixtures, "arena-55k.parquet")], { out });
    expect(report.read).toBe(12);
    expect(report.skipped).toEqual([]);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons.map((c) => c.id)).toEqual(Array.from({ length: 12 }, (_, i) => String(30192 + i)));
    const expected = Array.from({ length: 12 }, (_, i) =>
      i === 5 ? "invalid" : (["first", "second", "tie"] as const)[i % 3],
    );
    expect(comparisons.map((c) => c.verdict)).toEqual(expected);
    expect(comparisons.map((c) => [c.first, c.second, c.judge])[4]).toEqual([MODELS[4], MODELS[1], "arena-users"]);
    expect(comparisons[5]?.raw).toBe("winner_model_a=1, winner_model_b=1, winner_tie=0");
  });

  it("items=answers: each battle's two answers as items with text and producer, from conversations or responses", async () => {
    const out = join(temp.dir, "answers");
    const { report } = await arenaBattlesImporter.import(
      [join(fixtures, "arena-battles.parquet"), join(fixtures, "arena-55k.parquet")],
      { out, settings: { items: "answers" } },
    );
    expect(report.read).toBe(36);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons).toHaveLength(35);
    expect(comparisons[0]).toMatchObject({ first: "arena-battles.parquet#0/a", second: "arena-battles.parquet#0/b" });
    expect(comparisons.at(-1)).toMatchObject({ id: "30203", first: "30203/a", second: "30203/b" });
    const items = new Map((await readJsonl<Item>(join(out, "items.jsonl"))).map((item) => [item.id, item]));
    expect(items.size).toBe(70);
    expect(items.get("arena-battles.parquet#1/b")).toMatchObject({
      producer: MODELS[3],
      text: `Answer by ${MODELS[3]}.`,
      length: `Answer by ${MODELS[3]}.`.length,
    });
    expect(items.get("30194/a")).toMatchObject({ producer: MODELS[2], text: "Response A 2" });
    expect((await validateDataset(out)).ok).toBe(true);

    const bare = join(temp.dir, "bare.jsonl");
    await writeJsonl(bare, [{ model_a: "x", model_b: "y", winner: "tie" }]);
    const error = await arenaBattlesImporter
      .import([bare], { out: join(temp.dir, "bare"), settings: { items: "answers" } })
      .catch((e) => e);
    expect(error.message).toContain("skipped 1 × battle without answer texts (conversation_a/b or response_a/b)");
    const wrong = await arenaBattlesImporter
      .import([bare], { out: join(temp.dir, "wrong-setting"), settings: { items: "turns" } })
      .catch((e) => e);
    expect(wrong.message).toBe('items: expected models or answers, got "turns"');
  });

  it("a file of neither layout: exit-2 error naming the missing columns and their types, and mistyped ones", async () => {
    const file = join(fixtures, "arena-wrong-schema.parquet");
    const error = await arenaBattlesImporter.import([file], { out: join(temp.dir, "wrong") }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.file).toBe(file);
    expect(error.message).toContain("missing columns model_b (string), winner (string)");
    expect(error.message).toContain("wrong type: turn is string, expected integer (int32/int64)");
    expect(error.message).toContain("The file has: model_a (string), loser (string), turn (string)");
  });

  it("corrupt files (not Parquet, cut short, damaged pages) are input errors naming the file, never a crash", async () => {
    const bytes = await readFile(join(fixtures, "arena-battles.parquet"));
    const damaged = Buffer.from(bytes);
    for (let i = 4; i < 600; i += 7) damaged[i]! ^= 0xff;
    const cases: [string, Buffer, RegExp][] = [
      ["text.parquet", Buffer.from("model_a,model_b\n"), /not a readable Parquet file/],
      ["cut.parquet", bytes.subarray(0, bytes.length - 100), /not a readable Parquet file/],
      ["damaged.parquet", damaged, /row group 0 \(rows 0–23\) cannot be decoded/],
    ];
    for (const [name, content, message] of cases) {
      const file = join(temp.dir, name);
      await writeFile(file, content);
      const error = await arenaBattlesImporter.import([file], { out: join(temp.dir, `out-${name}`) }).catch((e) => e);
      expect(error, name).toBeInstanceOf(ImportInputError);
      expect(error.message).toMatch(message);
      expect(error.message.startsWith(file)).toBe(true);
    }
  });
});
