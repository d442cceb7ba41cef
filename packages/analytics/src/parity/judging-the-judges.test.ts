import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describeWithSharedData } from "@judgelab/test-shared-data";
import { expect, it } from "vitest";
import { collectOrderPairs } from "../order-pairs.js";
import { buildPairUnits } from "../pair-units.js";
import { measureBothOrders } from "../position-bias/measure-both-orders.js";
import { measurePreferenceFairness } from "../position-bias/measure-preference-fairness.js";
import { measureRepetitionStability } from "../position-bias/measure-repetition-stability.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { parseCsv, readSharedText, sharedDatasetsDir } from "../test-support/shared-datasets.js";

const verdictOf = { A: "first", B: "second", C: "tie" } as const;

// Source: Shi et al. 2024 (Slimshilin/Position-Bias-Analyzer), judging_the_judges/raw/MTBench/Repetition*/log_*.txt:
// "X out of Y answers are consistent", recomputed from repetition_verdicts.csv.gz (derived from the raw records).
describeWithSharedData("datasets/judging_the_judges", "Judging-the-Judges consistency counts", () => {
  it("matches every MTBench log's 'X out of Y answers are consistent' (27 logs)", () => {
    const records = parseCsv(readSharedText("judging_the_judges/repetition_verdicts.csv.gz")).filter(
      (record) => record.benchmark === "MTBench",
    );
    const rows: TableRow[] = records.map((record) => ({
      first: record.model_A_pos1!,
      second: record.model_B_pos2!,
      prompt: record.question_index!,
      judge: `${record.judge}#${record.repetition}`,
      verdict: verdictOf[record.extracted as keyof typeof verdictOf] ?? "invalid",
    }));
    const table = buildTable(rows);
    const units = buildPairUnits(table);
    const pairs = collectOrderPairs(table, units);
    const figures = measureBothOrders(table, units, pairs);
    // Pairs with exactly one unparsed verdict, per judge code.
    const halfParsed = new Float64Array(table.judgeIds.length);
    for (let index = 0; index < pairs.count; index++) {
      const invalid =
        Number(table.verdict[pairs.lowFirstRow[index]!] === 3) +
        Number(table.verdict[pairs.highFirstRow[index]!] === 3);
      if (invalid === 1) halfParsed[pairs.judge[index]!]!++;
    }
    let checked = 0;
    const root = path.join(sharedDatasetsDir, "judging_the_judges/raw/MTBench");
    for (const repetitionDirectory of readdirSync(root)) {
      const repetition = repetitionDirectory.replace("Repetition", "");
      for (const file of readdirSync(path.join(root, repetitionDirectory)).filter((name) => name.startsWith("log_"))) {
        const judge = `${file.slice(4, -4)}#${repetition}`;
        const match = /(\d+) out of (\d+) answers are consistent/.exec(
          readFileSync(path.join(root, repetitionDirectory, file), "utf8"),
        );
        if (!match) throw new Error(`no consistency line in ${file}`);
        const code = table.judgeIds.indexOf(judge);
        const both = figures[code]!.bothOrders;
        if (!both.available) throw new Error(`no both-order pairs for ${judge}`);
        // Upstream counts answers (rows), not pairs, and marks the parsed half of a half-unparsed pair as
        // consistent: X = 2·consistent pairs + u, Y = 2·parsed pairs + u, u = pairs with one unparsed verdict.
        const u = halfParsed[code]!;
        expect([2 * both.consistency.count + u, 2 * both.consistency.n + u], judge).toEqual([
          Number(match[1]),
          Number(match[2]),
        ]);
        checked++;
      }
    }
    expect(checked).toBe(27);
    const gpt4 = figures[table.judgeIds.indexOf("gpt-4-0613#1")]!.bothOrders;
    expect(gpt4.available && [gpt4.consistency.count, gpt4.consistency.n]).toEqual([85, 96]); // 170/192 answers
  });
});

// Reference values: a plain-Python transcription of upstream `calculate_positional_consistency_and_preference_score`
// (Slimshilin/Position-Bias-Analyzer @ 0eb0ce9, judging_the_judges/calculate_consistency_and_preference/
// consistency_preference_calculation.py, reference model vicuna-13b-v1.3) run on MTBench Repetition 1 of
// repetition_verdicts.csv.gz: [average positional consistency, average positional preference score].
const upstreamRepetition1: Record<string, [number, number]> = {
  "claude-3-haiku-20240307": [0.6666666666666666, 0.125],
  "claude-3-opus-20240229": [0.7708333333333334, 0.18749999999999997],
  "claude-3-sonnet-20240229": [0.71875, 0.21875],
  "gemini-pro": [0.6063829787234043, 0.3229166666666667],
  "gpt-3.5-turbo-0125": [0.8571428571428571, 0.03124999999999998],
  "gpt-3.5-turbo-1106": [0.8, 0.09374999999999997],
  "gpt-4-0125-preview": [0.875, 0.06249999999999998],
  "gpt-4-0613": [0.8854166666666666, -0.031250000000000014],
  "gpt-4-1106-preview": [0.8125, 0.041666666666666644],
};

describeWithSharedData(
  "datasets/judging_the_judges",
  "Shi et al. position consistency and preference fairness (MTBench, repetition 1)",
  () => {
    it("matches the upstream per-judge averages over (judge, model, task) units", () => {
      const records = parseCsv(readSharedText("judging_the_judges/repetition_verdicts.csv.gz")).filter(
        (record) => record.benchmark === "MTBench" && record.repetition === "1",
      );
      // Items are answers (question, model); producer = model, category = the question's task.
      const rows: TableRow[] = records.map((record) => ({
        first: `${record.question_index}|${record.model_A_pos1}`,
        second: `${record.question_index}|${record.model_B_pos2}`,
        judge: record.judge!,
        verdict: verdictOf[record.extracted as keyof typeof verdictOf] ?? "invalid",
      }));
      const table = buildTable(rows);
      const task = new Map(records.map((record) => [record.question_index!, record.task!]));
      const producer = table.itemIds.map((id) => id.split("|")[1]);
      const category = table.itemIds.map((id) => task.get(id.split("|")[0]!));
      const units = buildPairUnits(table);
      const pairs = collectOrderPairs(table, units);
      const figures = measureBothOrders(table, units, pairs);
      const fairness = measurePreferenceFairness({ table, units, pairs, producer, category });
      for (const [judge, [consistency, preference]] of Object.entries(upstreamRepetition1)) {
        const code = table.judgeIds.indexOf(judge);
        const shi = figures[code]!.shi;
        if (!shi.available) throw new Error(judge);
        expect(shi.positionConsistency.value, judge).toBeCloseTo(consistency, 12);
        expect(fairness[code]!.value, judge).toBeCloseTo(preference, 12);
      }
    });
  },
);

// Reference values: a plain-Python transcription of upstream `calculate_repetition_bias_for_judge`
// (Position-Bias-Analyzer @ 0eb0ce9, judging_the_judges/repetitional_consistency/) on the three MTBench
// repetitions of repetition_verdicts.csv.gz: mean over (question, ordered pair) of modal count / repetitions.
const upstreamRepetitionalConsistency: Record<string, number> = {
  "claude-3-haiku-20240307": 0.8940972222222223,
  "claude-3-opus-20240229": 0.9531249999999999,
  "claude-3-sonnet-20240229": 0.9288194444444445,
  "gemini-pro": 0.890625,
  "gpt-3.5-turbo-0125": 0.931578947368421,
  "gpt-3.5-turbo-1106": 0.9600694444444446,
  "gpt-4-0125-preview": 0.9409722222222222,
  "gpt-4-0613": 0.9670138888888888,
  "gpt-4-1106-preview": 0.935763888888889,
};

describeWithSharedData(
  "datasets/judging_the_judges",
  "Shi et al. repetition stability (MTBench, 3 repetitions)",
  () => {
    it("matches the upstream repetitional consistency per judge", () => {
      const records = parseCsv(readSharedText("judging_the_judges/repetition_verdicts.csv.gz")).filter(
        (record) => record.benchmark === "MTBench",
      );
      const table = buildTable(
        records.map((record) => ({
          first: record.model_A_pos1!,
          second: record.model_B_pos2!,
          prompt: record.question_index!,
          judge: record.judge!,
          repetition: Number(record.repetition),
          verdict: verdictOf[record.extracted as keyof typeof verdictOf] ?? "invalid",
        })),
      );
      const stability = measureRepetitionStability(table, buildPairUnits(table));
      for (const [judge, expected] of Object.entries(upstreamRepetitionalConsistency)) {
        const figure = stability[table.judgeIds.indexOf(judge)]!;
        expect(figure.available && figure.value.value, judge).toBeCloseTo(expected, 12);
      }
    });
  },
);
