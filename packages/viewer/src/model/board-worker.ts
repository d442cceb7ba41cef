/** Entry of the viewer's worker thread ({@link BoardRunner}): holds the table, rates boards, computes analytics. */
import { parentPort } from "node:worker_threads";
import { type WorkerRequest, WorkerState } from "./board-runner.js";

const state = new WorkerState();
parentPort?.on("message", (request: WorkerRequest) => {
  parentPort?.postMessage(state.run(request));
});
