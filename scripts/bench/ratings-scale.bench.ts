/**
 * Bradley–Terry at scale: dense (Cholesky Newton) vs sparse (truncated Newton–CG) fits and bootstrap rounds on
 * simulated tournaments with about 45 comparisons per item (the seed system's paper tournament: 2,292 papers,
 * ~45 matches each), latent strengths ~ N(0, 1), random pairs and order, ~2% ties. Prints wall and CPU
 * milliseconds per fit and per bootstrap round, the largest rating difference between the solvers, and the
 * Spearman correlation of the sparse fit with the latent strengths. The crossover sets SPARSE_SOLVER_THRESHOLD.
 * Dense fits run up to 1,000 items and dense bootstrap rounds up to 200 (resamples without a finite MLE make the
 * dense Newton run to its iteration limit: seconds per round at 500 items).
 * Usage: pnpm bench ratings-scale [sizes, comma-separated] [bootstrapRounds]   (defaults 200,500,1000,2500,10000 and 20)
 */
import {
  aggregatePairCells,
  bootstrapBradleyTerry,
  createRandomSource,
  fitBradleyTerry,
  normalQuantile,
  rankByScore,
} from "@judgelab/ratings";
import { simulateOutcomes } from "../../packages/ratings/src/test-support/simulate-outcomes.js";

const sizes = (process.argv[2] ?? "200,500,1000,2500,10000").split(",").map(Number);
const rounds = Number(process.argv[3] ?? 20);
const perItem = 45;
const denseLimit = 1000;

function timed<T>(run: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = rankByScore(a);
  const rb = rankByScore(b);
  let sum = 0;
  for (let i = 0; i < ra.length; i++) sum += (ra[i]! - rb[i]!) ** 2;
  return 1 - (6 * sum) / (ra.length * (ra.length ** 2 - 1));
}

const format = (value: number) => value.toFixed(1);
for (const items of sizes) {
  const random = createRandomSource(items);
  const strengths = Array.from({ length: items }, () => normalQuantile(random.next()));
  const outcomes = simulateOutcomes({ random, strengths, comparisons: (items * perItem) / 2, tieBand: 0.02 });
  const cells = aggregatePairCells(outcomes);
  const line = [`${items} items, ${outcomes.size} comparisons, ${cells.size} cells:`];
  const sparse = timed(() => fitBradleyTerry(cells, { solver: "sparse" }));
  line.push(
    `sparse fit ${format(sparse.wallMs)} ms wall / ${format(sparse.cpuMs)} ms CPU (${sparse.value.iterations} Newton steps)`,
  );
  const sparseBoot = timed(() =>
    bootstrapBradleyTerry(cells, { solver: "sparse", rounds, seed: 1, fit: sparse.value }),
  );
  line.push(
    `sparse bootstrap ${format(sparseBoot.wallMs / rounds)} ms/round wall / ${format(sparseBoot.cpuMs / rounds)} ms/round CPU`,
  );
  if (items <= denseLimit) {
    const dense = timed(() => fitBradleyTerry(cells, { solver: "dense" }));
    let largest = 0;
    for (let i = 0; i < items; i++) {
      largest = Math.max(largest, Math.abs(dense.value.ratings[i]! - sparse.value.ratings[i]!));
    }
    line.push(
      `dense fit ${format(dense.wallMs)} ms wall / ${format(dense.cpuMs)} ms CPU; largest rating difference ${largest.toExponential(1)} Elo`,
    );
    if (items <= 200) {
      const denseBoot = timed(() =>
        bootstrapBradleyTerry(cells, { solver: "dense", rounds, seed: 1, fit: dense.value }),
      );
      line.push(
        `dense bootstrap ${format(denseBoot.wallMs / rounds)} ms/round wall / ${format(denseBoot.cpuMs / rounds)} ms/round CPU`,
      );
    }
  }
  line.push(`Spearman with the latent strengths ${spearman(sparse.value.ratings, strengths).toFixed(4)}`);
  process.stdout.write(`${line.join("\n  ")}\n`);
}
