import { describe, expect, it } from "vitest";
import { buildPairUnits } from "../pair-units.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { measureJudgeAgreement } from "./measure-judge-agreement.js";
import { measureMtBenchAgreement } from "./mt-bench-agreement.js";
import { collectUnitVotes } from "./unit-votes.js";

/** A vote on question q between models a and b, as FastChat stores it (winner model_a / model_b / tie). */
function vote(judge: string, q: string, a: string, b: string, winner: "model_a" | "model_b" | "tie"): TableRow {
  const verdict = winner === "model_a" ? "first" : winner === "model_b" ? "second" : "tie";
  return { judge, prompt: q, first: a, second: b, verdict };
}

// Hand-made cases for FastChat compute_agreement.py (get_mt_bench_agreement): gpt4 vs human pairs the gpt4
// vote with every human vote on the key; human vs human uses all unordered pairs of human votes; S2 drops
// any vote pair containing a tie. Votes are compared after normalising the model order (revert()).
describe("MT-Bench agreement protocol (S1 with ties, S2 without)", () => {
  const rows: TableRow[] = [
    // q1: gpt4 says vicuna; humans h1 vicuna, h2 alpaca (h2 saw the pair in the other order), h3 tie.
    vote("gpt4", "q1", "vicuna", "alpaca", "model_a"),
    vote("h1", "q1", "vicuna", "alpaca", "model_a"),
    vote("h2", "q1", "alpaca", "vicuna", "model_a"),
    vote("h3", "q1", "vicuna", "alpaca", "tie"),
    // q2: gpt4 tie; h1 tie; h2 llama (reverted order: model_b).
    vote("gpt4", "q2", "vicuna", "llama", "tie"),
    vote("h1", "q2", "llama", "vicuna", "tie"),
    vote("h2", "q2", "vicuna", "llama", "model_b"),
    // q3: only gpt4 → no pair.
    vote("gpt4", "q3", "alpaca", "llama", "model_b"),
  ];
  const table = buildTable(rows);
  const votes = collectUnitVotes(table, buildPairUnits(table));
  const code = (judge: string) => table.judgeIds.indexOf(judge);
  const gpt4 = new Set([code("gpt4")]);
  const humans = new Set([code("h1"), code("h2"), code("h3")]);

  it("gpt4 vs human: S1 2/5 agree, S2 1/2", () => {
    // q1: (a,a)=agree, (a,b)=no, (a,tie)=no; q2: (tie,tie)=agree, (tie,b)=no → S1 2/5.
    // S2: q1 (a,a) agree, (a,b) no; q2 all pairs contain a tie → 1/2.
    expect(measureMtBenchAgreement(votes, gpt4, humans)).toEqual({
      agreeWithTies: 2,
      totalWithTies: 5,
      agreeWithoutTies: 1,
      totalWithoutTies: 2,
    });
  });

  it("human vs human: unordered pairs of distinct humans, S1 0/4, S2 0/1", () => {
    // q1: (h1,h2) no, (h1,h3) no, (h2,h3) no; q2: (h1,h2) no → S1 0/4; S2 keeps only (h1,h2) on q1 → 0/1.
    expect(measureMtBenchAgreement(votes, humans, humans)).toEqual({
      agreeWithTies: 0,
      totalWithTies: 4,
      agreeWithoutTies: 0,
      totalWithoutTies: 1,
    });
  });

  it("the judge × judge matrix uses the same counts and is symmetric", () => {
    const agreement = measureJudgeAgreement({ votes, judgeIds: table.judgeIds, seed: 1, bootstrapRounds: 50 });
    const pair = agreement.pairs.find((row) => row.judgeA === "gpt4" && row.judgeB === "h1")!;
    expect(pair.agreementWithTies).toMatchObject({ count: 2, n: 2, value: 1 });
    expect(pair.agreementWithoutTies).toMatchObject({ count: 1, n: 1 });
    expect(pair.units).toBe(2);
    const { matrix } = agreement;
    for (let a = 0; a < matrix.judges.length; a++) {
      for (let b = 0; b < matrix.judges.length; b++) expect(matrix.n[a]![b]).toBe(matrix.n[b]![a]);
    }
    expect(agreement.panel.available).toBe(true);
  });
});
