/** Entry of the bootstrap's worker threads ({@link startBootstrapInThreads}): runs chunks of rounds until none are left. */
import { workerData } from "node:worker_threads";
import { type BootstrapWorkerData, runWorkerChunks } from "./run-bootstrap-in-threads.js";

runWorkerChunks(workerData as BootstrapWorkerData);
