// Entry of the ratings.bench.ts worker threads: tsx's loader hooks do not carry over into worker threads, so
// register them here, then load the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./ratings-bootstrap.worker.ts");
