/**
 * Worker of ratings.bench.ts: computes a slice of the Bradley–Terry bootstrap (rounds firstRound ..
 * firstRound + rounds − 1, each seeded by deriveSeed(seed, round), so the slices together equal one run).
 */
import { parentPort, workerData } from "node:worker_threads";
import { type BradleyTerryFit, bootstrapBradleyTerry, type PairCells } from "../../packages/ratings/src/index.js";

interface SliceRequest {
  cells: PairCells;
  fit: BradleyTerryFit;
  rounds: number;
  firstRound: number;
  seed: number;
}

const request = workerData as SliceRequest;
const started = performance.now();
const result = bootstrapBradleyTerry(request.cells, {
  fit: request.fit,
  rounds: request.rounds,
  firstRound: request.firstRound,
  seed: request.seed,
});
parentPort?.postMessage({
  samples: result.samples,
  nonConvergedRounds: result.nonConvergedRounds,
  seconds: (performance.now() - started) / 1000,
});
