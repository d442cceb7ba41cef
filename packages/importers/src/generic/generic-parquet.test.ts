import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Comparison } from "@judgelab/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportInputError } from "../import-input-error.js";
import { makeTempDir, readJsonl } from "../test-support/shared-datasets.js";
import { genericParquetImporter } from "./generic-importers.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "test-fixtures", "generic.parquet");
const MODELS = ["gpt-4", "claude-2", "vicuna-13b", "llama-2-70b-chat", "alpaca-13b"];

describe("generic-parquet", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("maps any columns: int32 verdicts 1/2/0, int64 prompt ids, a judge column", async () => {
    const out = join(temp.dir, "ok");
    const { report } = await genericParquetImporter.import([fixture], {
      out,
      settings: { first: "left_model", second: "right_model", verdict: "label", judge: "rater", prompt: "task_id" },
    });
    expect(report.read).toBe(10);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons.map((c) => [c.id, c.first, c.second, c.verdict, c.judge, c.prompt])).toEqual(
      Array.from({ length: 10 }, (_, i) => [
        `generic.parquet#${i}`,
        MODELS[i % 5],
        MODELS[(i + 1) % 5],
        (["tie", "first", "second"] as const)[i % 3],
        `rater-${i % 2}`,
        String(100 + i),
      ]),
    );
  });

  it("mapped columns missing from the schema or of the wrong type: named with their expected types", async () => {
    const error = await genericParquetImporter
      .import([fixture], {
        out: join(temp.dir, "bad"),
        settings: { first: "left_model", second: "model_b", winner: "won", rationale: "label" },
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toContain(
      "not the mapped schema: missing columns model_b (string or integer), won (string or integer); " +
        "wrong type: label is int32, expected string",
    );
  });
});
