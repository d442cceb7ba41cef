import { describe, expect, it } from "vitest";
import { resolveGoldLabels } from "../agreement/gold-labels.js";
import { collectUnitVotes } from "../agreement/unit-votes.js";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { measureJudgeByWriter } from "./measure-judge-by-writer.js";

describe("measureJudgeByWriter (hand-made)", () => {
  it("scores each judge by the family that wrote both texts it compared", () => {
    // Summaries of papers p<k> written by gpt or claude; the gold label says the "good" summary wins.
    const rows: TableRow[] = [];
    const pair = (writer: string, k: number, judge: string, correct: boolean) => {
      rows.push({
        first: `${writer}-good-${k}`,
        second: `${writer}-bad-${k}`,
        judge: "gold",
        verdict: "first",
        orderKnown: false,
      });
      rows.push({
        first: `${writer}-good-${k}`,
        second: `${writer}-bad-${k}`,
        judge,
        verdict: correct ? "first" : "second",
      });
    };
    // The gpt judge is right on all 3 gpt-written pairs but only 1 of 3 claude-written pairs.
    [true, true, true].forEach((correct, k) => {
      pair("gpt", k, "gpt-judge", correct);
    });
    [true, false, false].forEach((correct, k) => {
      pair("claude", k, "gpt-judge", correct);
    });
    // A mixed pair (different writers) is left out.
    rows.push({ first: "gpt-good-0", second: "claude-bad-0", judge: "gpt-judge", verdict: "first" });
    const table = buildTable(rows);
    const units = buildPairUnits(table);
    const kind = table.judgeIds.map((id) => (id === "gold" ? "gold" : "llm"));
    const gold = resolveGoldLabels({ table, units, votes: collectUnitVotes(table, units), judges: { kind } })!;
    const producerFamily = table.itemIds.map((id) => id.split("-")[0]);
    const cells = measureJudgeByWriter({ table, units, gold, producerFamily });
    expect(cells.map((cell) => [cell.judge, cell.writerFamily, cell.accuracy.count, cell.accuracy.n])).toEqual([
      ["gpt-judge", "claude", 1, 3],
      ["gpt-judge", "gpt", 3, 3],
    ]);
  });
});
