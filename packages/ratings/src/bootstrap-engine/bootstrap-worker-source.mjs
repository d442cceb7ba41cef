// Entry of the bootstrap's worker threads when the package runs from its TypeScript sources (tests and benchmarks,
// under vitest or tsx; tsx is a devDependency): loader hooks do not carry over into worker threads, so register
// tsx here, then load the TypeScript entry. The built package (dist/, used by the `judgelab` CLI) starts
// dist/bootstrap-worker.js instead and never loads tsx. If this fails, mark this worker failed in shared memory with
// the error's message (as recordWorkerFailure does), so that the calling thread stops waiting and reports it.
import { workerData } from "node:worker_threads";

const MESSAGE_BYTES = 1024;
const FAILED = 3;

try {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./bootstrap-worker.ts");
} catch (error) {
  const states = new Int32Array(workerData.shared.workerState);
  const slot = new Uint8Array(workerData.shared.workerErrors, (workerData.thread - 1) * MESSAGE_BYTES, MESSAGE_BYTES);
  if (Atomics.load(states, workerData.thread - 1) !== FAILED) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    slot.set(new TextEncoder().encode(message).subarray(0, MESSAGE_BYTES));
    Atomics.store(states, workerData.thread - 1, FAILED);
  }
  Atomics.notify(states, workerData.thread - 1);
  throw error;
}
