import { describe, expect, it } from "vitest";
import { bootstrapBradleyTerry } from "./bootstrap-bradley-terry.js";
import { ClusteringError, clusterCells, clusterInput, resolveClustering } from "./cluster-comparisons.js";
import { createClusterResampler } from "./create-cluster-resampler.js";
import { aggregatePairCells } from "./pair-cells.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { createRandomSource } from "./random-source.js";
import { sandwichBradleyTerry } from "./sandwich-bradley-terry.js";
import { simulateClusteredOutcomes } from "./simulate-clustered-outcomes.js";

/** Rows of [first, second, verdict, match]. */
function table(rows: readonly (readonly [number, number, number, number])[], items = 3): PairwiseOutcomes {
  return {
    size: rows.length,
    itemIds: Array.from({ length: items }, (_, i) => `i${i}`),
    first: Int32Array.from(rows.map((row) => row[0])),
    second: Int32Array.from(rows.map((row) => row[1])),
    verdict: Uint8Array.from(rows.map((row) => row[2])),
    match: Int32Array.from(rows.map((row) => row[3])),
  };
}

/** A round-robin design: every pair of `items` items in `perPair` matches, each judged `perMatch` times. */
function roundRobin(items: number, perPair: number, perMatch: number) {
  const first: number[] = [];
  const second: number[] = [];
  const match: number[] = [];
  let code = 0;
  for (let a = 0; a < items; a++) {
    for (let b = a + 1; b < items; b++) {
      for (let r = 0; r < perPair; r++, code++) {
        for (let k = 0; k < perMatch; k++) {
          first.push(k % 2 === 0 ? a : b);
          second.push(k % 2 === 0 ? b : a);
          match.push(code);
        }
      }
    }
  }
  return {
    itemIds: Array.from({ length: items }, (_, i) => `item${i}`),
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    match: Int32Array.from(match),
  };
}

describe("clusterCells", () => {
  const outcomes = table([
    [0, 1, 0, 0],
    [1, 0, 1, 0], // same match, other order: item 0 wins again
    [0, 1, 2, 1],
    [1, 2, 0, 2],
    [2, 1, 0, 2],
    [0, 2, 3, 3], // invalid: no cluster
    [2, 0, 0, -1], // no match code: a cluster alone
  ]);

  it("stores each cluster's contribution to the (cell, outcome) counts; contributions sum to the cells", () => {
    const cells = aggregatePairCells(outcomes, { rowCells: true });
    const clusters = clusterCells(outcomes, cells, "match");
    expect(clusters.count).toBe(4);
    expect(clusters.largest).toBe(2);
    const sums = new Float64Array(3 * cells.size);
    for (let e = 0; e < clusters.category.length; e++) {
      sums[clusters.category[e]!] = sums[clusters.category[e]!]! + clusters.weight[e]!;
    }
    for (let c = 0; c < cells.size; c++) {
      expect([sums[3 * c], sums[3 * c + 1], sums[3 * c + 2]]).toEqual([
        cells.firstWins[c],
        cells.secondWins[c],
        cells.ties[c],
      ]);
    }
    // Match 0: two wins of item 0 in the cell (0, 1), merged into one entry of weight 2.
    expect(clusters.start[1]).toBe(1);
    expect(clusters.weight[0]).toBe(2);
  });

  it("groups by unordered pair", () => {
    const cells = aggregatePairCells(outcomes, { rowCells: true });
    const clusters = clusterCells(outcomes, cells, "pair");
    expect(clusters.count).toBe(3); // {0,1}, {1,2}, {0,2}
    expect(clusters.largest).toBe(3);
  });

  it("auto clusters by match only when some match holds more than one comparison", () => {
    expect(resolveClustering(outcomes)).toBe("match");
    const single = table([
      [0, 1, 0, 0],
      [1, 2, 1, 1],
      [0, 2, 0, 2],
    ]);
    expect(resolveClustering(single)).toBe("comparison");
    expect(resolveClustering(single, "pair")).toBe("pair");
    expect(resolveClustering(single, "none")).toBe("comparison");
  });

  it("refuses match clustering without match codes", () => {
    const { match: _match, ...withoutMatches } = outcomes;
    expect(() => resolveClustering(withoutMatches, "match")).toThrow(ClusteringError);
    expect(() => resolveClustering({ ...outcomes, match: new Int32Array(outcomes.size).fill(-1) }, "match")).toThrow(
      /no comparison has a matchId/,
    );
    expect(resolveClustering(withoutMatches)).toBe("comparison");
  });

  it("refuses match clustering of aggregated cells without clusters", () => {
    expect(() => clusterInput(aggregatePairCells(outcomes), { cluster: "match" })).toThrow(ClusteringError);
  });
});

describe("createClusterResampler", () => {
  it("resamples whole clusters: every draw is a sum of cluster contributions with multiplicities summing to G", () => {
    const outcomes = table([
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 1, 1, 1],
    ]);
    const cells = aggregatePairCells(outcomes, { rowCells: true });
    const clusters = clusterCells(outcomes, cells, "match");
    const resampler = createClusterResampler(clusters, 3 * cells.size);
    const random = createRandomSource(5);
    const out = new Float64Array(3);
    let meanWins = 0;
    const draws = 20000;
    const seen = new Set<string>();
    for (let round = 0; round < draws; round++) {
      resampler.draw(random, out);
      seen.add(`${out[0]}-${out[1]}`);
      meanWins += out[0]! / draws;
    }
    // Two clusters (3 wins; 1 loss) drawn twice in all: (6, 0), (3, 1) or (0, 2), about ¼, ½, ¼ of the time.
    expect([...seen].sort()).toEqual(["0-2", "3-1", "6-0"]);
    expect(meanWins).toBeCloseTo(3, 1);
  });
});

describe("clustered bootstrap", () => {
  it("keeps the comparison bootstrap exactly when every match has one judgment (auto)", () => {
    const design = roundRobin(5, 6, 1);
    const outcomes = simulateClusteredOutcomes({
      design,
      strengths: [0, 0.3, -0.4, 0.8, -0.2],
      correlation: 0,
      random: createRandomSource(3),
    });
    const auto = bootstrapBradleyTerry(outcomes, { rounds: 50, seed: 4 });
    const { match: _match, ...plain } = outcomes;
    const before = bootstrapBradleyTerry(plain, { rounds: 50, seed: 4 });
    expect(auto.clustering).toEqual({ by: "comparison", clusters: outcomes.size, largest: 1 });
    expect(Array.from(auto.samples)).toEqual(Array.from(before.samples));
  });

  it("gives k identical judgments per match the widths of one judgment per match (within 15%)", () => {
    const single = roundRobin(6, 5, 1);
    const once = simulateClusteredOutcomes({
      design: single,
      strengths: [-0.8, -0.3, 0, 0.2, 0.5, 0.9],
      correlation: 0,
      random: createRandomSource(11),
    });
    // The same verdict k = 4 times per match, in the same order.
    const k = 4;
    const repeated: PairwiseOutcomes = {
      size: once.size * k,
      itemIds: once.itemIds,
      first: Int32Array.from({ length: once.size * k }, (_, r) => once.first[Math.floor(r / k)]!),
      second: Int32Array.from({ length: once.size * k }, (_, r) => once.second[Math.floor(r / k)]!),
      verdict: Uint8Array.from({ length: once.size * k }, (_, r) => once.verdict[Math.floor(r / k)]!),
      match: Int32Array.from({ length: once.size * k }, (_, r) => once.match?.[Math.floor(r / k)] as number),
    };
    const width = (result: { lower: Float64Array; upper: Float64Array }) =>
      Array.from(result.lower).reduce((sum, lower, i) => sum + result.upper[i]! - lower, 0);
    const base = bootstrapBradleyTerry(once, { rounds: 300, seed: 2 });
    const clustered = bootstrapBradleyTerry(repeated, { rounds: 300, seed: 2 });
    const naive = bootstrapBradleyTerry(repeated, { rounds: 300, seed: 2, cluster: "none" });
    expect(clustered.clustering.by).toBe("match");
    expect(Math.abs(width(clustered) / width(base) - 1)).toBeLessThan(0.15);
    // Resampled one by one, the k copies look like k times the evidence: about √k narrower.
    expect(width(naive) / width(base)).toBeLessThan(0.6);
    // Clusters travel to worker threads with the plan: the same rounds on two threads give the same samples.
    const threaded = bootstrapBradleyTerry(repeated, { rounds: 40, seed: 2, threads: 2 });
    const oneThread = bootstrapBradleyTerry(repeated, { rounds: 40, seed: 2, threads: 1 });
    expect(threaded.threadsUsed).toBe(2);
    expect(Array.from(threaded.samples)).toEqual(Array.from(oneThread.samples));
    expect(Array.from(oneThread.samples)).toEqual(Array.from(clustered.samples.subarray(0, 6 * 40)));
    const sandwichOnce = sandwichBradleyTerry(once, { draws: 10 });
    const sandwichRepeated = sandwichBradleyTerry(repeated, { draws: 10 });
    expect(Math.abs(width(sandwichRepeated) / width(sandwichOnce) - 1)).toBeLessThan(0.15);
  });
});
