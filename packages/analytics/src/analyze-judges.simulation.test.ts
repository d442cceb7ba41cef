import { describe, expect, it } from "vitest";
import { analyzeJudges } from "./analyze-judges.js";
import type { Interval, MetricsDocument, Proportion, Section } from "./metrics-document.js";
import { spearman } from "./stats/rank-correlation.js";
import { simulateJudges } from "./test-support/simulate-judges.js";

const ELO_PER_LOGIT = 400 / Math.LN10;

function covers(ci: Interval | undefined, value: number): boolean {
  return ci !== undefined && ci.lower <= value && value <= ci.upper;
}

function available<T>(section: Section<T>): T {
  if (!section.available) throw new Error(`section unavailable: ${section.reason}`);
  return section;
}

describe("simulation: injected effects are recovered", () => {
  const positionJudges = [
    { id: "primacy", positionBias: 0.6 },
    { id: "fair", positionBias: 0 },
    { id: "recency", positionBias: -0.4 },
  ];
  const simulation = simulateJudges({ seed: 7, items: 30, pairs: 400, bothOrders: true, judges: positionJudges });
  const document = analyzeJudges({
    table: simulation.table,
    judges: simulation.judges,
    options: { seed: 3, bootstrapRounds: 200 },
  });

  it("recovers each judge's order effect δ within its 95% CI (BT with order term)", () => {
    const rows = available(document.positionBias).perJudge;
    positionJudges.forEach((judge, index) => {
      const effect = available(rows[index]!.orderEffect);
      expect(covers(effect.delta.ci, judge.positionBias * ELO_PER_LOGIT), judge.id).toBe(true);
    });
    expect(rows[0]!.binomialPValue!).toBeLessThan(1e-6);
    expect(rows[0]!.firstWinRate.value!).toBeGreaterThan(0.55);
    expect(rows[2]!.firstWinRate.value!).toBeLessThan(0.47);
  });

  it("first-position win rate CI covers the true expected rate; both-order biases point the right way", () => {
    const rows = available(document.positionBias).perJudge;
    positionJudges.forEach((judge, index) => {
      let expected = 0;
      let count = 0;
      for (let row = 0; row < simulation.table.size; row++) {
        if (simulation.table.judge[row] !== index) continue;
        expected += simulation.probability[row]!;
        count++;
      }
      expect(covers(rows[index]!.firstWinRate.ci, expected / count), judge.id).toBe(true);
    });
    const primacy = available(rows[0]!.bothOrders);
    const recency = available(rows[2]!.bothOrders);
    expect(primacy.biasedFirst.value!).toBeGreaterThan(primacy.biasedSecond.value!);
    expect(recency.biasedSecond.value!).toBeGreaterThan(recency.biasedFirst.value!);
    expect(available(rows[0]!.shi).preferenceFairness.value!).toBeLessThan(0);
    // Position bias decides close pairs: the primacy judge is less consistent on the smallest rating gaps.
    const bins = available(rows[0]!.consistencyByGap).bins.filter((bin) => bin.value.n >= 20);
    expect(bins[0]!.value.value!).toBeLessThan(bins.at(-1)!.value.value!);
    expect(available(rows[2]!.shi).preferenceFairness.value!).toBeGreaterThan(0);
  });

  it("the pooled leaderboard tracks the latent quality; per-judge boards correlate with it", () => {
    const stability = available(document.stability);
    const rows = available(stability.pooled.rows).rows;
    const truth = new Map(simulation.table.itemIds.map((id, code) => [id, simulation.quality[code]!]));
    const ours = rows.map((row) => row.rating);
    const theirs = rows.map((row) => truth.get(row.item)!);
    expect(spearman(ours, theirs)).toBeGreaterThan(0.85);
    for (const correlation of stability.correlations.filter((row) => row.a === "pooled")) {
      expect(correlation.spearman.value!).toBeGreaterThan(0.7);
    }
    expect(stability.separability.n).toBe((rows.length * (rows.length - 1)) / 2);
    const convergence = available(stability.convergence);
    expect(convergence.points.at(-1)!.spearman!).toBeGreaterThan(0.98);
    const settled = convergence.settledAtComparisonsPerItem!;
    expect(convergence.points.find((point) => point.comparisonsPerItem === settled)!.spearman!).toBeGreaterThanOrEqual(
      0.95,
    );
  });
});

describe("simulation: a panel of identical judges", () => {
  it("shows Cohen κ and Fleiss κ near the value implied by the true win probabilities", () => {
    const judges = ["a", "b", "c"].map((id) => ({ id }));
    const simulation = simulateJudges({ seed: 11, items: 100, pairs: 3000, judges });
    const document = analyzeJudges({ table: simulation.table, options: { seed: 1, bootstrapRounds: 100 } });
    // Expected agreement of two independent votes with P(first wins) = p: p² + (1 − p)²; chance agreement from
    // the marginal P(first wins) = mean p. Labels are canonical but each unit is shown in one fixed order, so
    // positional and canonical agreement coincide.
    let observed = 0;
    let marginal = 0;
    const units = simulation.table.size / judges.length;
    for (let unit = 0; unit < units; unit++) {
      const p = simulation.probability[unit * judges.length]!;
      observed += p * p + (1 - p) * (1 - p);
    }
    observed /= units;
    // Canonical labels: marginal of "low item wins" over units.
    for (let unit = 0; unit < units; unit++) {
      const row = unit * judges.length;
      const lowFirst = simulation.table.first[row]! < simulation.table.second[row]!;
      const p = simulation.probability[row]!;
      marginal += lowFirst ? p : 1 - p;
    }
    marginal /= units;
    const chance = marginal ** 2 + (1 - marginal) ** 2;
    const expectedKappa = (observed - chance) / (1 - chance);
    const agreement = available(document.agreement);
    for (const pair of agreement.pairs) {
      expect(pair.cohenKappa.value!).toBeCloseTo(expectedKappa, 1);
      expect(covers(pair.cohenKappa.ci, expectedKappa)).toBe(true);
    }
    const panel = available(agreement.panel);
    expect(Math.abs(panel.fleissKappa.value! - expectedKappa)).toBeLessThan(0.04);
    expect(covers(panel.fleissKappa.ci, expectedKappa)).toBe(true);
    expect(panel.krippendorffAlpha.nominal.value!).toBeCloseTo(panel.fleissKappa.value!, 2);
  });
});

describe("simulation: self-preference and length bias", () => {
  const simulation = simulateJudges({
    seed: 5,
    items: 90,
    pairs: 2500,
    families: ["gpt", "claude", "gemini"],
    judges: [
      { id: "gpt-judge", family: "gpt", selfPreference: 0.8 },
      { id: "claude-judge", family: "claude" },
      { id: "verbose-judge", lengthBias: 4 },
    ],
  });
  const document: MetricsDocument = analyzeJudges({
    table: simulation.table,
    items: simulation.items,
    judges: simulation.judges,
    options: { seed: 2, bootstrapRounds: 100 },
  });

  it("flags the self-preferring judge and not the neutral one", () => {
    const rows = available(available(document.biases).selfPreference).perJudge;
    const gpt = rows.find((row) => row.judge === "gpt-judge")!;
    const claude = rows.find((row) => row.judge === "claude-judge")!;
    expect(gpt.difference.ci!.lower).toBeGreaterThan(0);
    expect(covers(claude.difference.ci, 0)).toBe(true);
    // Ground truth, paired: per answer pair with exactly one gpt item, the true probability that the gpt item wins
    // under gpt-judge minus the mean over the other judges (each judge's mean over its votes), averaged over pairs.
    const { table, items, probability } = simulation;
    const family = items.producerFamily!;
    const perPair = new Map<string, Map<string, number[]>>();
    for (let row = 0; row < table.size; row++) {
      const firstGpt = family[table.first[row]!] === "gpt";
      if (firstGpt === (family[table.second[row]!] === "gpt")) continue;
      const gptWins = firstGpt ? probability[row]! : 1 - probability[row]!;
      const key = [table.first[row]!, table.second[row]!].sort((a, b) => a - b).join(",");
      const judges = perPair.get(key) ?? new Map<string, number[]>();
      const judge = table.judgeIds[table.judge[row]!]!;
      judges.set(judge, [...(judges.get(judge) ?? []), gptWins]);
      perPair.set(key, judges);
    }
    const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const differences: number[] = [];
    for (const judges of perPair.values()) {
      const own = judges.get("gpt-judge");
      const others = [...judges].filter(([judge]) => judge !== "gpt-judge").map(([, values]) => mean(values));
      if (own === undefined || others.length === 0) continue;
      differences.push(mean(own) - mean(others));
    }
    expect(gpt.pairedUnits).toBe(differences.length);
    expect(covers(gpt.difference.ci, mean(differences))).toBe(true);
  });

  it("flags the length-biased judge; the others' CIs cover the true prefers-longer rate", () => {
    const rows = available(available(document.biases).length).perJudge;
    const byJudge = new Map(rows.map((row) => [row.judge, row.prefersLonger] as const));
    const verbose = byJudge.get("verbose-judge") as Proportion;
    expect(verbose.value!).toBeGreaterThan(0.6);
    expect(rows.find((row) => row.judge === "verbose-judge")!.binomialPValue!).toBeLessThan(1e-6);
    // Ground truth for the neutral judge: mean true P(longer wins) over its qualifying rows.
    const { table, items, probability } = simulation;
    let expected = 0;
    let count = 0;
    for (let row = 0; row < table.size; row++) {
      if (table.judgeIds[table.judge[row]!] !== "claude-judge") continue;
      const difference = items.length![table.first[row]!]! - items.length![table.second[row]!]!;
      if (Math.abs(difference) <= 30) continue;
      expected += difference > 0 ? probability[row]! : 1 - probability[row]!;
      count++;
    }
    expect(covers(byJudge.get("claude-judge")!.ci, expected / count)).toBe(true);
    // And the injected length bias: the verbose judge's CI covers its true expected prefers-longer rate.
    let verboseExpected = 0;
    let verboseCount = 0;
    for (let row = 0; row < table.size; row++) {
      if (table.judgeIds[table.judge[row]!] !== "verbose-judge") continue;
      const difference = items.length![table.first[row]!]! - items.length![table.second[row]!]!;
      if (Math.abs(difference) <= 30) continue;
      verboseExpected += difference > 0 ? probability[row]! : 1 - probability[row]!;
      verboseCount++;
    }
    expect(covers(verbose.ci, verboseExpected / verboseCount)).toBe(true);
  });
});
