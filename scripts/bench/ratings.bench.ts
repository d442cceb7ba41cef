/**
 * Bradley–Terry speed and agreement against a Chatbot-Arena-style Python reference, in the same run:
 * 1,000,000 simulated comparisons among 200 items (seeded; latent strengths ~ N(0, 1), about 4% ties) are
 * rated by
 *   (a) @judgelab/ratings: aggregatePairCells + fitBradleyTerry (Newton on 19,900 cells), then
 *       bootstrapBradleyTerry with 1,000 rounds (multinomial counts over cells + chord-Newton refits);
 *   (b) scripts/reference/compute_mle_elo.py: FastChat's compute_mle_elo (scikit-learn LogisticRegression on the
 *       duplicated comparison rows, ties as two half rows), one fit plus a few bootstrap rounds (row resampling),
 *       and a fully converged scikit-learn fit (newton-cg, tol 1e-10) for the agreement check.
 * The bootstrap runs once on one thread and once with `threads: 2` (the calling thread and one worker; rounds
 * are seeded one by one, so both runs give identical samples, which is checked). Wall-clock and CPU seconds are both printed: the
 * machine may be shared, and CPU time is the fairer measure there.
 * Prints per-fit and per-bootstrap-round times and ratios and the largest rating differences.
 * Targets (issue 4): identical within 0.01 Elo; ≥ 50× faster per bootstrap round; BT + 1000 rounds < 10 s.
 * Usage: pnpm bench ratings [rounds] [pythonRounds]   (defaults 1000 and 3)
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  aggregatePairCells,
  bootstrapBradleyTerry,
  createRandomSource,
  fitBradleyTerry,
  normalQuantile,
  type PairwiseOutcomes,
} from "@judgelab/ratings";
import { simulateOutcomes } from "../../packages/ratings/src/test-support/simulate-outcomes.js";

const rounds = Number(process.argv[2] ?? 1000);
const pythonRounds = Number(process.argv[3] ?? 3);
const comparisons = 1_000_000;
const itemCount = 200;
const here = path.dirname(fileURLToPath(import.meta.url));
const referenceScript = path.resolve(here, "../reference/compute_mle_elo.py");

function simulate(): PairwiseOutcomes {
  const random = createRandomSource(20260526);
  const strengths = Array.from({ length: itemCount }, () => normalQuantile(random.next()));
  // A verdict within 0.02 of the decision threshold is a tie (about 4% ties).
  return simulateOutcomes({ random, strengths, comparisons, tieBand: 0.04 });
}

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const format = (value: number, digits = 3) => value.toFixed(digits);

const outcomes = simulate();
const file = path.join(tmpdir(), `judgelab-ratings-bench-${process.pid}.bin`);
const triples = new Int32Array(3 * comparisons);
for (let row = 0; row < comparisons; row++) {
  triples[3 * row] = outcomes.first[row]!;
  triples[3 * row + 1] = outcomes.second[row]!;
  triples[3 * row + 2] = outcomes.verdict[row]!;
}
writeFileSync(file, new Uint8Array(triples.buffer));
process.stdout.write(
  `${comparisons.toLocaleString("en")} comparisons, ${itemCount} items; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} on this machine\n`,
);

let start = performance.now();
let cpuStart = process.cpuUsage();
const cells = aggregatePairCells(outcomes);
const aggregateSeconds = seconds(start);
start = performance.now();
const fit = fitBradleyTerry(cells);
const fitSeconds = seconds(start);
const fitCpuSeconds = cpuSeconds(cpuStart);
start = performance.now();
cpuStart = process.cpuUsage();
const bootstrap = bootstrapBradleyTerry(cells, { rounds, seed: 1, fit, threads: 1 });
const bootstrapSeconds = seconds(start);
const bootstrapCpuSeconds = cpuSeconds(cpuStart);
const oursPerRound = bootstrapSeconds / rounds;
process.stdout.write(
  `ours, 1 thread: aggregate ${format(aggregateSeconds)} s (${cells.size} cells), fit ${format(fitSeconds)} s (${fit.iterations} Newton steps), ` +
    `${rounds} bootstrap rounds ${format(bootstrapSeconds, 2)} s wall / ${format(bootstrapCpuSeconds, 2)} s CPU = ` +
    `${format(oursPerRound * 1000, 2)} ms/round wall, ${format((bootstrapCpuSeconds / rounds) * 1000, 2)} ms/round CPU ` +
    `(non-converged rounds: ${bootstrap.nonConvergedRounds})\n`,
);
start = performance.now();
cpuStart = process.cpuUsage();
// bootstrapBradleyTerry's own worker threads (from the sources, each worker registers tsx first).
const summary = bootstrapBradleyTerry(cells, { rounds, seed: 1, fit, threads: 2 });
const parallelSeconds = seconds(start);
const parallelCpuSeconds = cpuSeconds(cpuStart);
const identical = summary.samples.every((value, index) => Object.is(value, bootstrap.samples[index]));
process.stdout.write(
  `ours, 2 threads (${summary.threadsUsed} took part): ${rounds} rounds + summary ${format(parallelSeconds, 2)} s wall / ${format(parallelCpuSeconds, 2)} s CPU ` +
    `(samples identical to the 1-thread run: ${identical}; top item's rank interval ${summary.rankLower[summary.rank.indexOf(1)]}-${summary.rankUpper[summary.rank.indexOf(1)]})\n` +
    `BT + ${rounds} bootstrap rounds (aggregate + fit + bootstrap): 1 thread ${format(aggregateSeconds + fitSeconds + bootstrapSeconds, 2)} s, ` +
    `2 threads ${format(aggregateSeconds + fitSeconds + parallelSeconds, 2)} s wall (target < 10 s on 2 cores); ` +
    `CPU ${format(fitCpuSeconds + bootstrapCpuSeconds, 2)} s\n`,
);

const python = spawnSync("/usr/bin/python3", [referenceScript, file, String(itemCount), String(pythonRounds), "1"], {
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
if (python.status !== 0) {
  process.stdout.write(`python reference unavailable (exit ${python.status}): ${python.stderr.slice(0, 500)}\n`);
  process.exit(0);
}
const reference = JSON.parse(python.stdout) as {
  sklearn: string;
  fitSeconds: number;
  fitCpuSeconds: number;
  lbfgsIterations: number;
  bootstrapSecondsPerRound: number | null;
  bootstrapCpuSecondsPerRound: number | null;
  ratings: number[];
  convergedFitSeconds: number;
  convergedRatings: number[];
};
const largestDifference = (ratings: number[]) =>
  ratings.reduce((largest, value, i) => Math.max(largest, Math.abs(value - fit.ratings[i]!)), 0);
const perRound = reference.bootstrapSecondsPerRound ?? Number.NaN;
const perRoundCpu = reference.bootstrapCpuSecondsPerRound ?? Number.NaN;
process.stdout.write(
  `python (scikit-learn ${reference.sklearn}, FastChat compute_mle_elo): fit ${format(reference.fitSeconds, 2)} s ` +
    `(lbfgs ${reference.lbfgsIterations} iterations), ${pythonRounds} bootstrap rounds at ${format(perRound, 2)} s/round; ` +
    `converged newton-cg fit ${format(reference.convergedFitSeconds, 2)} s\n`,
);
process.stdout.write(
  `per fit: ours ${format(fitSeconds + aggregateSeconds)} s vs ${format(reference.fitSeconds, 2)} s → ${format(reference.fitSeconds / (fitSeconds + aggregateSeconds), 1)}× faster (aggregation included)\n` +
    `per bootstrap round, wall: ours ${format(oursPerRound * 1000, 2)} ms vs ${format(perRound * 1000, 0)} ms → ${format(perRound / oursPerRound, 0)}× faster (target ≥ 50×)\n` +
    `per bootstrap round, CPU: ours ${format((bootstrapCpuSeconds / rounds) * 1000, 2)} ms vs ${format(perRoundCpu * 1000, 0)} ms → ${format(perRoundCpu / (bootstrapCpuSeconds / rounds), 0)}× less CPU\n` +
    `largest |rating difference|: vs converged scikit-learn ${reference.convergedRatings.length > 0 ? largestDifference(reference.convergedRatings).toExponential(2) : "n/a"} Elo; ` +
    `vs FastChat's settings (lbfgs, tol 1e-6, stops early) ${format(largestDifference(reference.ratings), 4)} Elo (target ≤ 0.01)\n` +
    `load average now: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}\n`,
);
