// A bootstrap worker entry for tests of run-bootstrap-in-threads: loads the real worker code from the TypeScript
// sources but hands it a broken plan (no cells), so that its first round throws inside the worker thread.
import { workerData } from "node:worker_threads";

const { register } = await import("tsx/esm/api");
register();
const { runWorkerChunks } = await import("../bootstrap-engine/run-bootstrap-in-threads.ts");
runWorkerChunks({ ...workerData, plan: { ...workerData.plan, cells: null } });
