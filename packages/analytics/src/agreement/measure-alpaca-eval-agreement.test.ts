import { describe, expect, it } from "vitest";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { measureAlpacaEvalAgreement } from "./measure-alpaca-eval-agreement.js";
import { collectUnitVotes } from "./unit-votes.js";

describe("measureAlpacaEvalAgreement (hand-made)", () => {
  it("scores judges against the human mode, humans leave-one-out, with bias and variance", () => {
    const vote = (judge: string, unit: string, verdict: TableRow["verdict"]): TableRow => ({
      first: `${unit}-a`,
      second: `${unit}-b`,
      judge,
      verdict,
    });
    const rows: TableRow[] = [
      // u1: humans first, first, second → mode first. llm votes first, first, second.
      vote("h1", "u1", "first"),
      vote("h2", "u1", "first"),
      vote("h3", "u1", "second"),
      vote("llm", "u1", "first"),
      vote("llm", "u1", "first"),
      vote("llm", "u1", "second"),
      // u2: humans second, second, second → mode second. llm votes first once.
      vote("h1", "u2", "second"),
      vote("h2", "u2", "second"),
      vote("h3", "u2", "second"),
      vote("llm", "u2", "first"),
    ];
    const table = buildTable(rows);
    const votes = collectUnitVotes(table, buildPairUnits(table));
    const humans = new Set(["h1", "h2", "h3"].map((id) => table.judgeIds.indexOf(id)));
    const result = measureAlpacaEvalAgreement(votes, table.judgeIds, humans);
    const row = (judge: string) => result.perJudge.find((entry) => entry.judge === judge)!;
    // llm: u1 2 of 3 votes match mode "first"; u2 0 of 1 → 2/4. Modal label: u1 first (= mode), u2 first (≠) → bias 1/2.
    // Variance: u1 votes (first, first, second): each first vs mode of {first, second} → tie, skipped;
    // second vs mode of {first, first} = first → differs: 1/1. u2 single vote: no other labels.
    expect(row("llm").humanAgreement).toMatchObject({ count: 2, n: 4 });
    expect(row("llm").bias).toMatchObject({ count: 1, n: 2 });
    expect(row("llm").variance).toMatchObject({ count: 1, n: 1 });
    // h3 leave-one-out: u1 others (h1, h2) = first ≠ second; u2 others = second = second → 1/2.
    expect(row("h3").humanAgreement).toMatchObject({ count: 1, n: 2 });
    // h1: u1 others (h2 first, h3 second) → no unique mode, skipped; u2 → agree: 1/1.
    expect(row("h1").humanAgreement).toMatchObject({ count: 1, n: 1 });
  });
});
