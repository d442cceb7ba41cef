import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Comparison, Item } from "@judgelab/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportInputError } from "../import-input-error.js";
import { makeTempDir, readJsonl } from "../test-support/shared-datasets.js";
import { arenaBattlesImporter } from "./arena-battles-importer.js";

// A synthetic file in the 55k release's CSV layout (train.csv): prompt and responses are JSON-encoded lists.
const HEADER = "id,model_a,model_b,prompt,response_a,response_b,winner_model_a,winner_model_b,winner_tie";
const ROWS = [
  '30192,gpt-4,llama-2-70b-chat,"[""Is it, or not?""]","[""It is.""]","[""It is **not**.""]",1,0,0',
  '53567,claude-2,gpt-4,"[""q""]","[""a""]","[""b, with a comma""]",0,1,0',
  '65089,vicuna-13b,claude-2,"[""q""]","[""a""]","[""b""]",0,0,1',
  '96401,gpt-4,claude-2,"[""q""]","[""a""]","[""b""]",1,1,0',
];

describe("arena battles from the 55k CSV", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("maps one-hot winners as the Parquet form does, keeping a two-flag row as invalid", async () => {
    const file = join(temp.dir, "train.csv");
    await writeFile(file, `${HEADER}\n${ROWS.join("\n")}\n`);
    const out = join(temp.dir, "models");
    const { report } = await arenaBattlesImporter.import([file], { out });
    expect(report.read).toBe(4);
    expect(report.skipped).toEqual([]);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons.map((c) => [c.id, c.first, c.second, c.verdict])).toEqual([
      ["30192", "gpt-4", "llama-2-70b-chat", "first"],
      ["53567", "claude-2", "gpt-4", "second"],
      ["65089", "vicuna-13b", "claude-2", "tie"],
      ["96401", "gpt-4", "claude-2", "invalid"],
    ]);
    expect(comparisons[3]?.raw).toBe("winner_model_a=1, winner_model_b=1, winner_tie=0");
  });

  it("items=answers takes the answer texts from response_a/b", async () => {
    const file = join(temp.dir, "answers.csv");
    await writeFile(file, `${HEADER}\n${ROWS[0]}\n`);
    const out = join(temp.dir, "answers");
    await arenaBattlesImporter.import([file], { out, settings: { items: "answers" } });
    const items = await readJsonl<Item>(join(out, "items.jsonl"));
    expect(items.map((item) => item.producer)).toEqual(["gpt-4", "llama-2-70b-chat"]);
    expect(JSON.stringify(items)).toContain("It is **not**.");
  });

  it("a CSV without the one-hot columns is an input error naming them", async () => {
    const file = join(temp.dir, "battles.csv");
    await writeFile(file, "model_a,model_b,winner\ngpt-4,claude-2,model_a\n");
    const result = arenaBattlesImporter.import([file], { out: join(temp.dir, "bad") });
    await expect(result).rejects.toThrow(ImportInputError);
    await expect(result).rejects.toThrow(/missing columns id, winner_model_a, winner_model_b, winner_tie/);
  });
});
