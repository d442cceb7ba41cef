import { basename, join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison, Item } from "@judgelab/schema";
import { describeWithSharedData } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SELF_COMPARISON_REASON } from "../dataset-collector.js";
import { listInputFiles, readTableRows } from "../read-source-records.js";
import { makeTempDir, readJsonl, sharedPath } from "../test-support/shared-datasets.js";
import { alpacaEvalImporter, parseAlpacaEvalAnnotationsPath } from "./alpaca-eval-importer.js";
import { alpacaEvalPreferenceForSecond, mapAlpacaEvalAnnotation } from "./map-alpaca-eval-annotation.js";

const annotation = {
  resultsDir: "model-x",
  annotatorDir: "alpaca_eval_gpt4",
  annotator: "alpaca_eval_gpt4",
  instructionId: "7",
  generator1: "text_davinci_003",
  generator2: "model-x",
};

describe("AlpacaEval preference mapping", () => {
  it("reads 1/2 as hard wins, 1.5 and 0 as ties, floats as soft, and rejects the rest", () => {
    expect([1, "2.0", 1.5, "0.0", 1.25, "", null, 3, "nan"].map(alpacaEvalPreferenceForSecond)).toEqual([
      0,
      1,
      0.5,
      0.5,
      0.25,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("puts the shown-first output first and expresses preference for the second-shown item", () => {
    const modelFirst = mapAlpacaEvalAnnotation({ ...annotation, preference: "1.8", shownFirst: "model-x" });
    expect(modelFirst).toMatchObject({
      first: "7/model-x",
      second: "7/text_davinci_003",
      order: "known",
      verdict: "first",
    });
    expect(modelFirst.preference).toBeCloseTo(0.2, 12);
    const baselineFirst = mapAlpacaEvalAnnotation({ ...annotation, preference: "1.8", shownFirst: "text_davinci_003" });
    expect(baselineFirst).toMatchObject({ first: "7/text_davinci_003", verdict: "second" });
    expect(baselineFirst.preference).toBeCloseTo(0.8, 12);
    expect(mapAlpacaEvalAnnotation({ ...annotation, preference: 1.5 })).toMatchObject({
      order: "unknown",
      verdict: "tie",
      preference: 0.5,
    });
    expect(mapAlpacaEvalAnnotation({ ...annotation, preference: null })).toMatchObject({
      verdict: "invalid",
      raw: null,
    });
  });

  it("reads results and annotator folders from the upstream path", () => {
    expect(parseAlpacaEvalAnnotationsPath("/a/results/gpt4/weighted_x/weighted_x/annotations.json")).toEqual({
      resultsDir: "gpt4",
      annotatorDir: "weighted_x/weighted_x",
    });
  });
});

/** Win rate of a model as AlpacaEval defines it: 100·mean(p), p = preference for the model's output. */
function winRate(comparisons: readonly Comparison[], judge: string, model: string): { rate: number; n: number } {
  const preferences = comparisons
    .filter(
      (c) =>
        c.judge === judge &&
        c.preference !== undefined &&
        (c.first.endsWith(`/${model}`) || c.second.endsWith(`/${model}`)),
    )
    .map((c) => (c.second.endsWith(`/${model}`) ? (c.preference as number) : 1 - (c.preference as number)));
  return { rate: (100 * preferences.reduce((sum, p) => sum + p, 0)) / preferences.length, n: preferences.length };
}

describeWithSharedData("datasets/alpaca_eval", `AlpacaEval shared data (${sharedPath("alpaca_eval")})`, () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it("imports the 108,665 compact rows; 1,610 baseline-vs-itself rows are skipped with a reason", async () => {
    const out = join(temp.dir, "compact");
    const { report } = await alpacaEvalImporter.import([sharedPath("alpaca_eval/annotations_compact.csv.gz")], { out });
    expect(report.read).toBe(108_665);
    expect(report.skipped).toEqual([expect.objectContaining({ reason: SELF_COMPARISON_REASON, count: 1610 })]);
    expect(report.license).toMatch(/CC BY-NC 4\.0/);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons).toHaveLength(108_665 - 1610);
    expect(comparisons.filter((c) => c.verdict === "invalid")).toHaveLength(64);
    expect(comparisons.every((c) => c.order === "known")).toBe(true);
    // src/alpaca_eval/leaderboards/data_AlpacaEval/alpaca_eval_gpt4_leaderboard.csv: gpt-3.5-turbo-0301 89.36567164179104 (n 804).
    const { rate, n } = winRate(comparisons, "alpaca_eval_gpt4", "gpt-3.5-turbo-0301");
    expect(n).toBe(804);
    expect(rate).toBeCloseTo(89.36567164179104, 9);
    // Every leaderboard row of an annotator in the table, baselines excluded (their rows compare the baseline with
    // itself): win_rate = 100·mean(p) to < 0.01, from the model's own results folder where it has one.
    const leaderboards = await listInputFiles(
      [sharedPath("alpaca_eval/leaderboards/src/alpaca_eval/leaderboards")],
      (path) => path.endsWith("_leaderboard.csv"),
    );
    let reproduced = 0;
    for (const file of leaderboards) {
      const annotator = basename(file).replace("_leaderboard.csv", "");
      const baseline = ["alpaca_eval_gpt4", "bedrock_claude", "alpaca_eval_gpt4_0613"].includes(annotator)
        ? "text_davinci_003"
        : "gpt4_1106_preview";
      // Comparisons of each model against the baseline under this annotator.
      const byModel = new Map<string, Comparison[]>();
      for (const c of comparisons) {
        if (c.judge !== annotator) continue;
        const other = c.first.endsWith(`/${baseline}`)
          ? c.second
          : c.second.endsWith(`/${baseline}`)
            ? c.first
            : undefined;
        if (other === undefined) continue;
        const model = other.slice(other.indexOf("/") + 1);
        byModel.set(model, [...(byModel.get(model) ?? []), c]);
      }
      for await (const { value: row } of readTableRows(file)) {
        const model = row[""] as string;
        const against = byModel.get(model);
        if (model === baseline || against === undefined) continue;
        const own = against.filter(
          (c) => c.metadata?.resultsDir === undefined && c.metadata?.annotatorDir === undefined,
        );
        const result = winRate(own.length > 0 ? own : against, annotator, model);
        expect({ file, model, rate: Math.round(result.rate * 100) / 100 }).toEqual({
          file,
          model,
          rate: Math.round(Number(row.win_rate) * 100) / 100,
        });
        reproduced++;
      }
    }
    expect(reproduced).toBe(118);
    const items = await readJsonl<Item>(join(out, "items.jsonl"));
    expect(items.find((item) => item.id === "0/gpt-3.5-turbo-0301")).toMatchObject({
      producer: "gpt-3.5-turbo-0301",
      length: 364,
    });
    expect((await validateDataset(out)).ok).toBe(true);
  });

  it("imports upstream annotations.json files with texts and reproduces the weighted annotator's win rate", async () => {
    const out = join(temp.dir, "raw");
    const { report } = await alpacaEvalImporter.import(
      [sharedPath("alpaca_eval/instructions.csv"), sharedPath("alpaca_eval/raw_annotations_sample")],
      { out },
    );
    expect(report.read).toBe(4 * 805);
    expect(report.warnings).toEqual([]);
    const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
    expect(comparisons.every((c) => c.order === "unknown")).toBe(true);
    // price_per_example / time_per_example of the first alpaca_eval_gpt4 annotation: 0.01434 USD, 1.0025225902 s.
    const usage = comparisons.find((c) => c.id === "gpt-3.5-turbo-0301/alpaca_eval_gpt4/0")?.usage;
    expect(usage?.costUsd).toBe(0.01434);
    expect(usage?.latencyMs).toBeCloseTo(1002.5225902, 6);
    // data_AlpacaEval_2/weighted_alpaca_eval_gpt4_turbo_leaderboard.csv: gpt-3.5-turbo-0301 9.622453295105588 (n 805).
    const { rate, n } = winRate(comparisons, "weighted_alpaca_eval_gpt4_turbo", "gpt-3.5-turbo-0301");
    expect(n).toBe(805);
    expect(rate).toBeCloseTo(9.622453295105588, 6);
    const items = await readJsonl<Item>(join(out, "items.jsonl"));
    expect(items.find((item) => item.id === "0/gpt-3.5-turbo-0301")?.length).toBe(364);
  });
});
