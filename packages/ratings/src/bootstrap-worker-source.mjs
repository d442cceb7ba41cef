// Entry of the bootstrap's worker threads when the package runs from its TypeScript sources (tests and benchmarks,
// under vitest or tsx; tsx is a devDependency): loader hooks do not carry over into worker threads, so register
// tsx here, then load the TypeScript entry. The built package (dist/, used by the `judgelab` CLI) starts
// dist/bootstrap-worker.js instead and never loads tsx. If this fails, mark this worker failed in shared memory so
// that the calling thread does not wait for it.
import { workerData } from "node:worker_threads";

try {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./bootstrap-worker.ts");
} catch (error) {
  const states = new Int32Array(workerData.shared.workerState);
  Atomics.store(states, workerData.thread - 1, 3);
  Atomics.notify(states, workerData.thread - 1);
  throw error;
}
