import { buildComparisonTable } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { analyzeJudges } from "../analyze-judges.js";
import { buildAnalysisInput, type ReferenceRecordLike } from "../build-analysis-input.js";

/** Wilson 95% interval, written out independently of the library (Wilson 1927). */
function wilson(successes: number, n: number): { lower: number; upper: number } {
  const z = 1.959963984540054;
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { lower: centre - half, upper: centre + half };
}

let next = 0;
const vote = (judge: string, first: string, second: string, verdict: Comparison["verdict"]): Comparison => ({
  id: `c${next++}`,
  first,
  second,
  order: "unknown",
  verdict,
  judge,
});

/**
 * Four items with reviewer means a 4 > b 3 > c 2 > d 1; human-majority labels a>b, a~c (tie), c>b, c~d (tie),
 * a>d. Judge j1: a, tie, b, c (and only an invalid verdict on a–d); judge j2: b, a, c, tie.
 */
function analyze() {
  const comparisons = [
    vote("j1", "a", "b", "first"),
    vote("j1", "a", "c", "tie"),
    vote("j1", "b", "c", "first"),
    vote("j1", "c", "d", "first"),
    vote("j1", "a", "d", "invalid"),
    vote("j2", "a", "b", "second"),
    vote("j2", "c", "a", "second"),
    vote("j2", "c", "b", "first"),
    vote("j2", "d", "c", "tie"),
  ];
  const references: ReferenceRecordLike[] = [
    ...["a", "b", "c", "d"].map((item, index) => ({
      kind: "item" as const,
      item,
      name: "reviewer-mean",
      score: 4 - index,
    })),
    { kind: "pair", a: "a", b: "b", name: "human-majority", winner: "a" },
    { kind: "pair", a: "c", b: "a", name: "human-majority", winner: "tie" },
    { kind: "pair", a: "b", b: "c", name: "human-majority", winner: "b" },
    { kind: "pair", a: "c", b: "d", name: "human-majority", winner: "tie" },
    { kind: "pair", a: "d", b: "a", name: "human-majority", winner: "b" },
  ];
  const table = buildComparisonTable(comparisons, { itemIds: ["a", "b", "c", "d"] });
  const { input, problems } = buildAnalysisInput({
    table,
    items: [],
    judges: [],
    references,
    analysis: { seed: 3, bootstrapRounds: 50 },
  });
  expect(problems).toEqual([]);
  const section = analyzeJudges(input).againstReference;
  if (section === undefined || !section.available) throw new Error("againstReference missing");
  return section;
}

describe("measureAgainstReference", () => {
  it("counts a reference tie as a disagreement unless the judge said tie, with Wilson intervals over pairs", () => {
    const { pairReference } = analyze();
    if (!pairReference.available) throw new Error(pairReference.reason);
    expect(pairReference.name).toBe("human-majority");
    const rows = Object.fromEntries(pairReference.rows.map((row) => [row.who, row]));
    // j1: a>b ✓, a~c said tie ✓, c>b said b ✗, c~d said c ✗.
    expect(rows.j1?.agreement).toMatchObject({ count: 2, n: 4, value: 0.5 });
    expect(rows.j1?.agreementOnDecided).toMatchObject({ count: 1, n: 2 });
    expect(rows.j1?.referenceTies).toBe(2);
    expect(rows.j1?.noValidVerdict).toBe(1);
    expect(rows.j1?.agreement.ci?.lower).toBeCloseTo(wilson(2, 4).lower, 12);
    expect(rows.j1?.agreement.ci?.upper).toBeCloseTo(wilson(2, 4).upper, 12);
    // j2: b ✗, a on a tie ✗, c ✓, tie on a tie ✓.
    expect(rows.j2?.agreement).toMatchObject({ count: 2, n: 4 });
    expect(rows.j2?.agreementOnDecided).toMatchObject({ count: 1, n: 2 });
    // Panel: a|b split → tie ✗; tie|a → no majority → tie ✓; b|c split → tie ✗; c|tie → tie ✓.
    expect(rows["panel majority"]?.agreement).toMatchObject({ count: 2, n: 4 });
    expect(pairReference.rows[0]?.who).toBe("panel majority");
  });

  it("measures agreement with the reviewer-score order, Spearman, and agreement by rating gap", () => {
    const { scoreOrder, byRatingGap } = analyze();
    if (!scoreOrder.available || !byRatingGap.available) throw new Error("sections missing");
    const rows = Object.fromEntries(scoreOrder.rows.map((row) => [row.who, row.agreement]));
    // Higher score wins: a>b, a>c, b>c, c>d. j1 says a, tie, b, c → 3/4; j2 says b, a, c, tie → 1/4.
    expect(rows.j1).toMatchObject({ count: 3, n: 4 });
    expect(rows.j2).toMatchObject({ count: 1, n: 4 });
    expect(scoreOrder.equalScorePairs).toBe(0);
    expect(scoreOrder.spearman.n).toBe(4);
    // Gaps: a–b 1, b–c 1, c–d 1 in [1, 2); a–c 2 in [2, ∞). Against the human majority.
    expect(byRatingGap.against).toContain("human-majority");
    const j1 = byRatingGap.rows.find((row) => row.who === "j1")!;
    expect(j1.bins.map((bin) => [bin.lower, bin.upper, bin.value.count, bin.value.n])).toEqual([
      [0, 0.5, 0, 0],
      [0.5, 1, 0, 0],
      [1, 2, 1, 3],
      [2, null, 1, 1],
    ]);
  });
});
