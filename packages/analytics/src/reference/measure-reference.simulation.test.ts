import { describe, expect, it } from "vitest";
import { analyzeJudges } from "../analyze-judges.js";
import type { Section } from "../metrics-document.js";
import { expectedTopOverlap } from "../stats/expected-top-overlap.js";
import { simulateJudges } from "../test-support/simulate-judges.js";

function available<T>(section: Section<T>): T {
  if (!section.available) throw new Error(section.reason);
  return section;
}

describe("reference and coherence sections on a simulated tournament", () => {
  const simulation = simulateJudges({
    seed: 21,
    items: 40,
    pairs: 500,
    judges: [{ id: "sharp", noise: 0.5 }, { id: "noisy", noise: 3 }, { id: "middle" }],
  });
  // Reference = the latent quality; pointwise scores = quality + a deterministic wobble, by judge "middle".
  const itemScore = Float64Array.from(simulation.quality);
  const items = simulation.table.itemIds.map((_, code) => code);
  const middle = simulation.table.judgeIds.indexOf("middle");
  const document = analyzeJudges({
    table: simulation.table,
    references: { name: "latent quality", itemScore },
    assessments: {
      item: Int32Array.from(items),
      judge: Int32Array.from(items, () => middle),
      score: Float64Array.from(items, (code) => 5 + 2 * simulation.quality[code]! + 0.3 * Math.sin(code)),
    },
    options: { seed: 4, bootstrapRounds: 100 },
  });

  it("ranks judges by their noise against the reference and scores the pooled ranking", () => {
    const reference = available(document.reference);
    const accuracy = (judge: string) => reference.perJudge.find((row) => row.judge === judge)!.accuracy.value!;
    expect(accuracy("sharp")).toBeGreaterThan(accuracy("middle"));
    expect(accuracy("middle")).toBeGreaterThan(accuracy("noisy"));
    // Difficulty strata: the sharp judge is more accurate on the widest reference gaps than on the narrowest.
    const bins = reference.perJudge.find((row) => row.judge === "sharp")!.byGap;
    expect(bins.at(-1)!.value.value!).toBeGreaterThan(bins[0]!.value.value!);
    const ranking = available(reference.ranking);
    expect(ranking.spearman.value!).toBeGreaterThan(0.85);
    expect(ranking.agreementWithConfidence.value!).toBeGreaterThan(0);
    expect(ranking.pairRankBrier.value!).toBeLessThan(0.15);
    const top = ranking.topOverlap[0]!;
    const pearson = 2 * Math.sin((Math.PI * ranking.spearman.value!) / 6);
    expect(top.expected).toBeCloseTo(expectedTopOverlap(top.k / 40, pearson), 10);
    expect(Math.abs(top.observed.value! - top.expected!)).toBeLessThan(0.4);
    // Cycles concentrate among near-equal items: the hardest quartile has at least the easiest quartile's rate.
    const byGap = available(reference.transitivityByGap!).bins;
    expect(byGap.reduce((sum, bin) => sum + bin.value.n, 0)).toBeGreaterThan(100);
    expect(byGap[0]!.value.value!).toBeGreaterThan(byGap[3]!.value.value!);
    const single = reference.panelVsSingle.find((row) => row.who === "noisy")!.accuracy.value!;
    expect(
      reference.panelVsSingle.find((row) => row.who === "round robin (pooled BT)")!.accuracy.value!,
    ).toBeGreaterThan(single);
  });

  it("measures pointwise–pairwise coherence for the assessing judge", () => {
    const coherence = available(document.coherence);
    expect(coherence.perJudge.map((row) => row.judge)).toEqual(["middle"]);
    const row = coherence.perJudge[0]!;
    expect(available(row.withRating).kendall.value!).toBeGreaterThan(0.7);
    const gap = available(row.scoreGapPredictsPick);
    expect(gap.overall.value!).toBeGreaterThan(0.6);
    expect(gap.bins.at(-1)!.value.value ?? 1).toBeGreaterThanOrEqual(gap.bins[0]!.value.value!);
    expect(available(coherence.percentileGap).meanAbsoluteGap.value!).toBeLessThan(20);
  });
});
