import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  type BootstrapPlan,
  type BootstrapRoundsOutput,
  type BootstrapRunner,
  createBootstrapRunner,
  runBootstrapRounds,
} from "./bootstrap-rounds.js";

/** Rounds per unit of work handed out to threads (small enough to balance, large enough to amortise setup). */
const CHUNK_ROUNDS = 8;
/** Below this many cell visits (cells × rounds) threads cost more to start than they save. */
const MIN_PARALLEL_WORK = 2e7;
/** Largest number of threads "auto" uses. */
const MAX_AUTO_THREADS = 4;

/** The shared memory of a threaded bootstrap: outputs, per-chunk claims and results, per-worker states. */
export interface SharedBootstrap {
  readonly samples: SharedArrayBuffer;
  readonly orderSamples: SharedArrayBuffer;
  readonly tieSamples: SharedArrayBuffer;
  /** Per chunk: 0 free, 1 claimed, 2 done. Element `chunks` is the next free chunk (claimed by Atomics.add). */
  readonly chunkState: SharedArrayBuffer;
  /** Per chunk: rounds that did not converge. */
  readonly chunkNonConverged: SharedArrayBuffer;
  /** Per worker (1-based thread number − 1): 0 starting, 1 running, 2 finished, 3 failed. */
  readonly workerState: SharedArrayBuffer;
  /** Per worker: {@link MESSAGE_BYTES} bytes of UTF-8, the message of the error it failed with (zero-padded). */
  readonly workerErrors: SharedArrayBuffer;
  readonly rounds: number;
  readonly itemCount: number;
}

/** Message of a worker thread: the plan and the shared memory. */
export interface BootstrapWorkerData {
  readonly plan: BootstrapPlan;
  readonly shared: SharedBootstrap;
  readonly firstRound: number;
  /** This worker's thread number (1..threads − 1). */
  readonly thread: number;
}

/** Room for a failed worker's error message in shared memory (longer messages are cut). */
export const MESSAGE_BYTES = 1024;

const STARTING = 0;
const RUNNING = 1;
const FINISHED = 2;
const FAILED = 3;

/**
 * How many threads a bootstrap of `cellCount` cells and `rounds` rounds should use: `requested` if a number,
 * else ("auto") the available cores up to 4 when the work is large enough (≥ 2·10⁷ cell visits), else 1.
 */
export function chooseBootstrapThreads(
  requested: number | "auto" | undefined,
  cellCount: number,
  rounds: number,
): number {
  if (typeof requested === "number") {
    if (!(Number.isInteger(requested) && requested >= 1))
      throw new RangeError(`bootstrapBradleyTerry: threads must be a positive integer or "auto", got ${requested}`);
    return Math.min(requested, rounds);
  }
  if (cellCount * rounds < MIN_PARALLEL_WORK) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_AUTO_THREADS, Math.ceil(rounds / CHUNK_ROUNDS)));
}

/** A threaded bootstrap whose workers are running; `finish` joins them on the calling thread. */
export interface PendingThreadedBootstrap {
  /** Takes the remaining chunks on this thread, waits for the workers, writes all rounds into `out`. */
  finish(out: BootstrapRoundsOutput): { nonConvergedRounds: number; threadsUsed: number };
}

/**
 * Runs rounds firstRound .. firstRound + rounds − 1 of the plan on `threads` threads: the calling thread and
 * threads − 1 worker threads take chunks of {@link CHUNK_ROUNDS} rounds from a shared counter and write into
 * shared memory, so slow or late workers only take fewer chunks. Each round is seeded by its own number, so the
 * result is identical to {@link runBootstrapRounds} on one thread. This starts the workers and returns at once,
 * so that the calling thread can do other work; `finish` then joins in and blocks (Atomics.wait) until all
 * chunks are done. A worker that fails with an error (it cannot be constructed, tsx does not load in it, a round
 * throws) makes `finish` throw an Error with the worker's message once the other threads are done: such a
 * failure is a bug or a broken installation, not something to hide. A worker that stops responding, or whose
 * module is missing (reported only as an "error" event, which this thread cannot receive while it waits), has
 * its unfinished chunks recomputed by the caller after the wait in {@link awaitWorkers}. Without a worker entry (or with one thread) all rounds run in
 * `finish`. `workerEntry` replaces the worker's module (tests).
 */
export function startBootstrapInThreads(
  plan: BootstrapPlan,
  firstRound: number,
  rounds: number,
  threads: number,
  options: { readonly workerEntry?: URL } = {},
): PendingThreadedBootstrap {
  const itemCount = plan.cells.itemIds.length;
  const entry = threads > 1 ? (options.workerEntry ?? locateWorkerEntry()) : null;
  if (entry === null) {
    return { finish: (out) => ({ nonConvergedRounds: runBootstrapRounds(plan, firstRound, out), threadsUsed: 1 }) };
  }
  const chunks = Math.ceil(rounds / CHUNK_ROUNDS);
  const shared: SharedBootstrap = {
    samples: new SharedArrayBuffer(rounds * itemCount * 8),
    orderSamples: new SharedArrayBuffer(rounds * 8),
    tieSamples: new SharedArrayBuffer(rounds * 8),
    chunkState: new SharedArrayBuffer((chunks + 1) * 4),
    chunkNonConverged: new SharedArrayBuffer(chunks * 4),
    workerState: new SharedArrayBuffer((threads - 1) * 4),
    workerErrors: new SharedArrayBuffer((threads - 1) * MESSAGE_BYTES),
    rounds,
    itemCount,
  };
  const workers: Worker[] = [];
  for (let thread = 1; thread < threads; thread++) {
    const workerData: BootstrapWorkerData = { plan, shared, firstRound, thread };
    try {
      const worker = new Worker(entry, { workerData });
      // Failures surface as the worker's state and message in shared memory (this thread blocks in Atomics.wait
      // and sees no events while it waits); the event only must not go unhandled.
      worker.on("error", (error) => recordWorkerFailure(shared, thread, error));
      worker.unref();
      workers.push(worker);
    } catch (error) {
      recordWorkerFailure(shared, thread, error);
    }
  }
  return {
    finish(out) {
      const started = performance.now();
      const runner = createBootstrapRunner(plan);
      runChunks(runner, shared, firstRound);
      awaitWorkers(shared, performance.now() - started);
      const failure = readWorkerFailure(shared);
      if (failure !== null) {
        for (const worker of workers) void worker.terminate();
        throw new Error(`bootstrapBradleyTerry: worker thread ${failure.thread} failed: ${failure.message}`);
      }
      // Chunks claimed by a worker that failed or never finished are recomputed here.
      const state = new Int32Array(shared.chunkState);
      for (let chunk = 0; chunk < chunks; chunk++) {
        if (Atomics.load(state, chunk) !== 2) runChunk(runner, shared, firstRound, chunk);
      }
      for (const worker of workers) void worker.terminate();
      out.samples.set(new Float64Array(shared.samples));
      out.orderSamples.set(new Float64Array(shared.orderSamples));
      out.tieSamples.set(new Float64Array(shared.tieSamples));
      let nonConvergedRounds = 0;
      for (const count of new Int32Array(shared.chunkNonConverged)) nonConvergedRounds += count;
      let threadsUsed = 1;
      for (const workerState of new Int32Array(shared.workerState)) if (workerState === FINISHED) threadsUsed++;
      return { nonConvergedRounds, threadsUsed };
    },
  };
}

/** Takes chunks from the shared counter until none are left (called on every thread). */
function runChunks(runner: BootstrapRunner, shared: SharedBootstrap, firstRound: number): void {
  const state = new Int32Array(shared.chunkState);
  const chunks = state.length - 1;
  for (;;) {
    const chunk = Atomics.add(state, chunks, 1);
    if (chunk >= chunks) return;
    runChunk(runner, shared, firstRound, chunk);
  }
}

/** Worker side: marks the worker running, takes chunks, marks it finished (or failed) and wakes the caller. */
export function runWorkerChunks(data: BootstrapWorkerData): void {
  const states = new Int32Array(data.shared.workerState);
  Atomics.store(states, data.thread - 1, RUNNING);
  try {
    runChunks(createBootstrapRunner(data.plan), data.shared, data.firstRound);
    Atomics.store(states, data.thread - 1, FINISHED);
  } catch (error) {
    recordWorkerFailure(data.shared, data.thread, error);
    throw error;
  } finally {
    Atomics.notify(states, data.thread - 1);
  }
}

function runChunk(runner: BootstrapRunner, shared: SharedBootstrap, firstRound: number, chunk: number): void {
  const state = new Int32Array(shared.chunkState);
  Atomics.store(state, chunk, 1);
  const start = chunk * CHUNK_ROUNDS;
  const end = Math.min(shared.rounds, start + CHUNK_ROUNDS);
  const nonConverged = runner(firstRound + start, {
    samples: new Float64Array(shared.samples, start * shared.itemCount * 8, (end - start) * shared.itemCount),
    orderSamples: new Float64Array(shared.orderSamples, start * 8, end - start),
    tieSamples: new Float64Array(shared.tieSamples, start * 8, end - start),
  });
  Atomics.store(new Int32Array(shared.chunkNonConverged), chunk, nonConverged);
  Atomics.store(state, chunk, 2);
}

/**
 * Marks worker `thread` failed and writes its error's message into shared memory (the first failure of a
 * worker wins: its "error" event repeats what the worker recorded itself).
 */
export function recordWorkerFailure(shared: SharedBootstrap, thread: number, error: unknown): void {
  const states = new Int32Array(shared.workerState);
  if (Atomics.load(states, thread - 1) === FAILED) return;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const slot = new Uint8Array(shared.workerErrors, (thread - 1) * MESSAGE_BYTES, MESSAGE_BYTES);
  slot.fill(0);
  slot.set(new TextEncoder().encode(message).subarray(0, MESSAGE_BYTES));
  Atomics.store(states, thread - 1, FAILED);
  Atomics.notify(states, thread - 1);
}

/** The first failed worker that left a message, or null. */
function readWorkerFailure(shared: SharedBootstrap): { thread: number; message: string } | null {
  const states = new Int32Array(shared.workerState);
  for (let worker = 0; worker < states.length; worker++) {
    if (Atomics.load(states, worker) !== FAILED) continue;
    // Copied out of shared memory first: TextDecoder does not read a view of a SharedArrayBuffer.
    const bytes = new Uint8Array(shared.workerErrors, worker * MESSAGE_BYTES, MESSAGE_BYTES).slice();
    const end = bytes.indexOf(0);
    const message = new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
    if (message.length > 0) return { thread: worker + 1, message };
  }
  return null;
}

/**
 * Blocks until every worker has finished or failed. A worker still starting when this thread has run out of
 * chunks gets 30 s more; a running one gets 4× the time this thread spent plus 60 s (its chunks are then
 * recomputed here, so a stuck worker costs time but never the result).
 */
function awaitWorkers(shared: SharedBootstrap, ownTime: number): void {
  const states = new Int32Array(shared.workerState);
  const begun = performance.now();
  for (let worker = 0; worker < states.length; worker++) {
    for (;;) {
      const state = Atomics.load(states, worker);
      if (state === FINISHED || state === FAILED) break;
      const limit = state === STARTING ? 30_000 : 4 * ownTime + 60_000;
      const remaining = limit - (performance.now() - begun);
      if (remaining <= 0) break;
      Atomics.wait(states, worker, state, Math.min(remaining, 1000));
    }
  }
}

let cachedEntry: URL | null | undefined;

/**
 * The worker's entry: the compiled `bootstrap-worker.js` beside this module, or when running from TypeScript
 * sources (tests, `tsx`) `bootstrap-worker-source.mjs`, which registers tsx's loader inside the worker (loader
 * hooks do not carry over into worker threads). Null when there is none: the bootstrap then runs on one thread.
 */
function locateWorkerEntry(): URL | null {
  if (cachedEntry !== undefined) return cachedEntry;
  const here = import.meta.url;
  const url = new URL(here.endsWith(".ts") ? "./bootstrap-worker-source.mjs" : "./bootstrap-worker.js", here);
  cachedEntry = url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : null;
  return cachedEntry;
}
