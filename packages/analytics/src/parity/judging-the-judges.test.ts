import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { collectOrderPairs } from "../order-pairs.js";
import { buildPairUnits } from "../pair-units.js";
import { measureBothOrders } from "../position-bias/measure-both-orders.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { hasSharedDatasets, parseCsv, readSharedText, sharedDatasetsDir } from "../test-support/shared-datasets.js";

const verdictOf = { A: "first", B: "second", C: "tie" } as const;

// Source: Shi et al. 2024 (Slimshilin/Position-Bias-Analyzer), judging_the_judges/raw/MTBench/Repetition*/log_*.txt:
// "X out of Y answers are consistent", recomputed from repetition_verdicts.csv.gz (derived from the raw records).
describe.skipIf(!hasSharedDatasets)("Judging-the-Judges consistency counts", () => {
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
