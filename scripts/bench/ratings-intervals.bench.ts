/**
 * Honest intervals at scale (issue 13), in one run: 1,000,000 simulated comparisons among 200 items in matches of
 * 6 judgments (each match one random pair, both presentation orders, shared per-match noise with intra-class
 * correlation 0.5; latent strengths ~ N(0, 1)) are rated by Bradley–Terry with
 *   (a) today's bootstrap: each round draws multinomial counts over the (cell, outcome) categories
 *       (`cluster: "none"`);
 *   (b) the clustered bootstrap: each round resamples the 166,667 matches whole (`cluster: "match"`);
 *   (c) cluster-robust sandwich intervals over the same matches (with 1,000 normal draws for rank intervals).
 * Each bootstrap runs on one thread. Prints per-round times (wall and CPU) and the ratios:
 * targets: clustered round ≤ 1.5× today's round; sandwich < 1/10 of 1,000 clustered bootstrap rounds.
 * Usage: pnpm bench ratings-intervals [rounds]   (default 200 rounds per bootstrap)
 */
import { loadavg } from "node:os";
import {
  bootstrapBradleyTerry,
  clusterInput,
  createRandomSource,
  fitBradleyTerry,
  normalQuantile,
  sandwichBradleyTerry,
  simulateClusteredOutcomes,
} from "@judgelab/ratings";

const rounds = Number(process.argv[2] ?? 200);
const comparisons = 1_000_000;
const itemCount = 200;
const perMatch = 6;

const random = createRandomSource(20261202);
const strengths = Array.from({ length: itemCount }, () => normalQuantile(random.next()));
const first = new Int32Array(comparisons);
const second = new Int32Array(comparisons);
const match = new Int32Array(comparisons);
for (let row = 0; row < comparisons; row += perMatch) {
  const a = Math.floor(random.next() * itemCount);
  let b = Math.floor(random.next() * (itemCount - 1));
  if (b >= a) b++;
  for (let k = 0; k < perMatch && row + k < comparisons; k++) {
    first[row + k] = k % 2 === 0 ? a : b;
    second[row + k] = k % 2 === 0 ? b : a;
    match[row + k] = row / perMatch;
  }
}
const itemIds = strengths.map((_, i) => `item${i}`);
const outcomes = simulateClusteredOutcomes({
  design: { itemIds, first, second, match },
  strengths,
  correlation: 0.5,
  tieRate: 0.04,
  random,
});
const format = (value: number, digits = 3) => value.toFixed(digits);

function measure<T>(run: () => T): { result: T; wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpuStart);
  return { result, wall, cpu: (used.user + used.system) / 1e6 };
}

process.stdout.write(
  `${comparisons.toLocaleString("en")} comparisons, ${itemCount} items, ${perMatch} judgments per match; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}\n`,
);
// Aggregation and clustering happen once per data set, before any round: measured apart from the rounds.
const naiveInput = measure(() => clusterInput(outcomes, { cluster: "none" }));
const clusteredInput = measure(() => clusterInput(outcomes, { cluster: "match" }));
const { cells } = naiveInput.result;
const clusters = clusteredInput.result.clusters ?? undefined;
if (clusters === undefined) throw new Error("expected clusters");
const fit = fitBradleyTerry(cells);
// Warm-up of both paths (JIT), a few rounds each.
bootstrapBradleyTerry(cells, { rounds: 4, seed: 9, fit, threads: 1 });
bootstrapBradleyTerry(cells, { rounds: 4, seed: 9, fit, threads: 1, clusters });
const naive = measure(() => bootstrapBradleyTerry(cells, { rounds, seed: 1, fit, threads: 1 }));
const clustered = measure(() => bootstrapBradleyTerry(cells, { rounds, seed: 1, fit, threads: 1, clusters }));
const sandwich = measure(() => sandwichBradleyTerry(cells, { fit, clusters, draws: 1000 }));
const perRound = (run: { wall: number; cpu: number }) => ({ wall: run.wall / rounds, cpu: run.cpu / rounds });
const naiveRound = perRound(naive);
const clusteredRound = perRound(clustered);
const meanWidth = (lower: Float64Array, upper: Float64Array) => {
  let sum = 0;
  for (let i = 0; i < lower.length; i++) sum += upper[i]! - lower[i]!;
  return sum / lower.length;
};
process.stdout.write(
  `once per data set: aggregate ${format(naiveInput.cpu)} s CPU; aggregate + group into matches ${format(clusteredInput.cpu)} s CPU\n` +
    `today's bootstrap (cells resampled comparison by comparison): ${format(naiveRound.wall * 1000, 2)} ms/round wall, ` +
    `${format(naiveRound.cpu * 1000, 2)} ms/round CPU; mean 95% width ${format(meanWidth(naive.result.lower, naive.result.upper), 1)} Elo\n` +
    `clustered bootstrap (${clustered.result.clustering.clusters.toLocaleString("en")} matches resampled whole): ` +
    `${format(clusteredRound.wall * 1000, 2)} ms/round wall, ${format(clusteredRound.cpu * 1000, 2)} ms/round CPU; ` +
    `mean 95% width ${format(meanWidth(clustered.result.lower, clustered.result.upper), 1)} Elo\n` +
    `sandwich (cluster-robust, 1,000 draws for ranks): ${format(sandwich.wall, 3)} s wall, ${format(sandwich.cpu, 3)} s CPU; ` +
    `mean 95% width ${format(meanWidth(sandwich.result.lower, sandwich.result.upper), 1)} Elo\n` +
    `clustered round / today's round: ${format(clusteredRound.wall / naiveRound.wall, 2)}× wall, ` +
    `${format(clusteredRound.cpu / naiveRound.cpu, 2)}× CPU (target ≤ 1.5×)\n` +
    `sandwich / 1,000 clustered rounds: ${format(sandwich.wall / (1000 * clusteredRound.wall), 4)} wall, ` +
    `${format(sandwich.cpu / (1000 * clusteredRound.cpu), 4)} CPU (target < 0.1)\n` +
    `non-converged rounds: today's ${naive.result.nonConvergedRounds}, clustered ${clustered.result.nonConvergedRounds}\n`,
);
