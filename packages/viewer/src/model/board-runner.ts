import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PairwiseOutcomes, RatingReport } from "@judgelab/ratings";
import { type LeaderboardQuery, type LeaderboardSettings, rateBoard } from "./compute-leaderboard.js";

/** A board to rate, as sent to the worker (typed arrays are copied). */
export interface BoardRequest {
  readonly id: number;
  readonly outcomes: PairwiseOutcomes;
  readonly query: LeaderboardQuery;
  readonly settings: LeaderboardSettings;
  readonly categoryOf: readonly (string | undefined)[];
}

/** The worker's answer. */
export type BoardResponse =
  | { readonly id: number; readonly report: RatingReport; readonly prior: number | undefined; readonly seconds: number }
  | { readonly id: number; readonly error: string; readonly isRangeError: boolean };

function workerEntry(): URL | null {
  const here = import.meta.url;
  const url = new URL(here.endsWith(".ts") ? "./board-worker-source.mjs" : "./board-worker.js", here);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : null;
}

/** Only the columns rating reads (the table's id strings stay on the main thread). */
function outcomeColumns(outcomes: PairwiseOutcomes): PairwiseOutcomes {
  return {
    size: outcomes.size,
    itemIds: outcomes.itemIds,
    first: outcomes.first,
    second: outcomes.second,
    verdict: outcomes.verdict,
    ...(outcomes.judge === undefined ? {} : { judge: outcomes.judge }),
    ...(outcomes.judgeIds === undefined ? {} : { judgeIds: outcomes.judgeIds }),
    ...(outcomes.orderKnown === undefined ? {} : { orderKnown: outcomes.orderKnown }),
    ...(outcomes.match === undefined ? {} : { match: outcomes.match }),
    ...(outcomes.time === undefined ? {} : { time: outcomes.time }),
  };
}

/**
 * Rates leaderboards on one worker thread so that a bootstrap over a million comparisons never blocks the server:
 * other pages (and a provisional leaderboard) are answered while it runs. Requests are served in order. When the
 * worker cannot start (no entry file, a failed load), boards are rated on the calling thread instead.
 */
export class BoardRunner {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (value: BoardResponse) => void; request: BoardRequest }>();

  rate(
    outcomes: PairwiseOutcomes,
    query: LeaderboardQuery,
    settings: LeaderboardSettings,
    categoryOf: readonly (string | undefined)[],
  ): Promise<{ report: RatingReport; prior: number | undefined; seconds: number }> {
    const request: BoardRequest = {
      id: this.nextId++,
      outcomes: outcomeColumns(outcomes),
      query,
      settings,
      categoryOf,
    };
    return new Promise<BoardResponse>((resolve) => {
      const worker = this.ensureWorker();
      if (worker === undefined) {
        resolve(this.rateHere(request));
        return;
      }
      this.waiting.set(request.id, { resolve, request });
      worker.postMessage(request);
    }).then((response) => {
      if ("error" in response) throw response.isRangeError ? new RangeError(response.error) : new Error(response.error);
      return response;
    });
  }

  close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failed = true;
    for (const { resolve, request } of this.waiting.values())
      resolve({ id: request.id, error: "the viewer stopped", isRangeError: false });
    this.waiting.clear();
    return worker === undefined ? Promise.resolve() : worker.terminate().then(() => {});
  }

  private rateHere(request: BoardRequest): BoardResponse {
    const started = performance.now();
    try {
      const { report, prior } = rateBoard(request.outcomes, request.query, request.settings, request.categoryOf);
      return { id: request.id, report, prior, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      return { id: request.id, error: (error as Error).message, isRangeError: error instanceof RangeError };
    }
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker !== undefined || this.failed) return this.worker;
    const entry = workerEntry();
    if (entry === null) {
      this.failed = true;
      return undefined;
    }
    const worker = new Worker(entry);
    worker.unref();
    worker.on("message", (response: BoardResponse) => {
      const waiting = this.waiting.get(response.id);
      this.waiting.delete(response.id);
      waiting?.resolve(response);
    });
    const fail = () => {
      // Rate whatever was sent to the lost worker here, and everything after it too.
      this.failed = true;
      this.worker = undefined;
      const pending = [...this.waiting.values()];
      this.waiting.clear();
      for (const { resolve, request } of pending) resolve(this.rateHere(request));
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (this.worker === worker && code !== 0) fail();
    });
    this.worker = worker;
    return worker;
  }
}
