/** Entry of the viewer's leaderboard worker thread ({@link BoardRunner}): rates the boards it is sent, one by one. */
import { parentPort } from "node:worker_threads";
import type { BoardRequest, BoardResponse } from "./board-runner.js";
import { rateBoard } from "./compute-leaderboard.js";

parentPort?.on("message", (request: BoardRequest) => {
  const started = performance.now();
  let response: BoardResponse;
  try {
    const { report, prior } = rateBoard(request.outcomes, request.query, request.settings, request.categoryOf);
    response = { id: request.id, report, prior, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    response = { id: request.id, error: (error as Error).message, isRangeError: error instanceof RangeError };
  }
  parentPort?.postMessage(response);
});
