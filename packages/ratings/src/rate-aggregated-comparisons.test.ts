import { describe, expect, it } from "vitest";
import type { AggregatedComparisons } from "./aggregated-comparisons.js";
import { clusterRows } from "./cluster-comparisons.js";
import { aggregatePairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { createRandomSource } from "./random-source.js";
import { type RateItemsOptions, rateAggregatedComparisons, rateItems } from "./rate-items.js";
import { RatingsError } from "./ratings-error.js";
import { simulateOutcomes } from "./test-support/simulate-outcomes.js";

/** 12 items, 900 comparisons with ties and a position effect; every row in a match of three (a judge panel). */
function panelOutcomes(): PairwiseOutcomes {
  const random = createRandomSource(7);
  const strengths = Array.from({ length: 12 }, (_, i) => (i - 6) / 4);
  const rows = simulateOutcomes({ random, strengths, comparisons: 900, orderEffect: 0.3, tieBand: 0.1 });
  const verdict = rows.verdict.slice();
  verdict[5] = 3; // one invalid row
  const match = Int32Array.from({ length: rows.size }, (_, row) => Math.floor(row / 3));
  const orderKnown = Uint8Array.from({ length: rows.size }, (_, row) => (row % 7 === 0 ? 0 : 1));
  return { ...rows, verdict, match, orderKnown };
}

/** What an external engine hands over: the cells and clusters `rateItems` would build from the rows. */
function aggregate(outcomes: PairwiseOutcomes, options: RateItemsOptions): AggregatedComparisons {
  const keepOrder = options.orderEffect === true;
  const { cells, clusters } = clusterRows(outcomes, options.cluster ?? "auto", (rowCells) =>
    aggregatePairCells(outcomes, { keepOrder, rowCells }),
  );
  let invalid = 0;
  for (const verdict of outcomes.verdict) if (verdict === 3) invalid++;
  return { cells, clusters, invalid };
}

describe("rateItems on aggregated comparisons", () => {
  const outcomes = panelOutcomes();
  const cases: [string, RateItemsOptions][] = [
    ["bt, clustered bootstrap by match", { method: "bt", bootstrapRounds: 60, seed: 3 }],
    ["bt, naive bootstrap", { method: "bt", bootstrapRounds: 60, seed: 3, cluster: "none" }],
    ["bt, pairs, order effect", { method: "bt", bootstrapRounds: 40, seed: 5, cluster: "pair", orderEffect: true }],
    ["bt, davidson ties", { method: "bt", bootstrapRounds: 30, seed: 2, ties: "davidson" }],
    ["bt, sandwich", { method: "bt", bootstrapRounds: 50, seed: 2, intervals: "sandwich" }],
    ["bt, Wald", { method: "bt", bootstrapRounds: 0, anchor: { item: "item3", value: 1000 } }],
  ];
  for (const [name, options] of cases) {
    it(`gives the report of the rows: ${name}`, () => {
      const fromRows = rateItems(outcomes, options);
      const fromCells = rateItems(aggregate(outcomes, options), options);
      expect(fromCells).toEqual(fromRows);
    });
  }

  it("refuses methods that need the rows, naming the method", () => {
    const input = aggregate(outcomes, { method: "bt" });
    expect(() => rateAggregatedComparisons(input, { method: "elo" })).toThrow(RatingsError);
    expect(() => rateAggregatedComparisons(input, { method: "elo" })).toThrow(/method "elo" needs the comparison rows/);
    expect(() => rateAggregatedComparisons(input, { method: "bt", judgeAware: true })).toThrow(/judge-aware/);
  });

  it("refuses positional cells for a fit without the order effect", () => {
    const input = aggregate(outcomes, { method: "bt", orderEffect: true });
    expect(() => rateAggregatedComparisons(input, { method: "bt", bootstrapRounds: 0 })).toThrow(/positional/);
  });
});
