import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type AnalysisOptions, analyzeJudges, buildAnalysisInput, type MetricsDocument } from "@judgelab/analytics";
import type { ComparisonTable } from "@judgelab/datasets";
import type { RatingReport } from "@judgelab/ratings";
import type { Assessment, Item, Judge, Reference } from "@judgelab/schema";
import { type LeaderboardQuery, type LeaderboardSettings, rateBoard, selectBoardRows } from "./compute-leaderboard.js";

/** Hands the worker the data of one version (sent once per version; the table travels without comparison ids). */
export interface TableRequest {
  readonly kind: "table";
  readonly id: number;
  readonly version: number;
  readonly table: ComparisonTable;
  readonly categoryOf: readonly (string | undefined)[];
}

/** A board to rate on the worker's table. */
export interface BoardRequest {
  readonly kind: "board";
  readonly id: number;
  readonly version: number;
  readonly query: LeaderboardQuery;
  readonly settings: LeaderboardSettings;
}

/** The judge analytics document to compute on the worker's table. */
export interface AnalysisRequest {
  readonly kind: "analysis";
  readonly id: number;
  readonly version: number;
  readonly items: readonly Item[];
  readonly judges: readonly Judge[];
  readonly assessments: readonly Assessment[];
  readonly references: readonly Reference[];
  readonly options: AnalysisOptions;
}

/** A job of the worker. */
export type WorkerRequest = TableRequest | BoardRequest | AnalysisRequest;

/** The worker's answer. */
export type WorkerResponse =
  | { readonly id: number; readonly ok: true }
  | { readonly id: number; readonly report: RatingReport; readonly prior: number | undefined; readonly rows: number }
  | { readonly id: number; readonly metrics: MetricsDocument }
  | { readonly id: number; readonly error: string; readonly isRangeError: boolean };

/** The worker's data and its jobs (the same code runs on the calling thread when there is no worker). */
export class WorkerState {
  private table: ComparisonTable | undefined;
  private categoryOf: readonly (string | undefined)[] = [];
  private version = -1;

  run(request: WorkerRequest): WorkerResponse {
    try {
      if (request.kind === "table") {
        this.table = request.table;
        this.categoryOf = request.categoryOf;
        this.version = request.version;
        return { id: request.id, ok: true };
      }
      const table = this.table;
      if (table === undefined || request.version !== this.version)
        throw new Error(`internal: the worker holds data version ${this.version}, not ${request.version}`);
      if (request.kind === "analysis") {
        const encoded = buildAnalysisInput({
          table,
          items: request.items,
          judges: request.judges,
          assessments: request.assessments,
          references: request.references,
          analysis: request.options,
        });
        return { id: request.id, metrics: analyzeJudges(encoded.input) };
      }
      const subset = selectBoardRows(table, this.categoryOf, request.query);
      const { report, prior } = rateBoard(subset, request.query, request.settings, this.categoryOf);
      return { id: request.id, report, prior, rows: subset.size };
    } catch (error) {
      return { id: request.id, error: (error as Error).message, isRangeError: error instanceof RangeError };
    }
  }
}

function workerEntry(): URL | null {
  const here = import.meta.url;
  const url = new URL(here.endsWith(".ts") ? "./board-worker-source.mjs" : "./board-worker.js", here);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : null;
}

type Job =
  | { kind: "board"; query: LeaderboardQuery; settings: LeaderboardSettings }
  | Omit<AnalysisRequest, "id" | "version">;

/**
 * Rates leaderboards and computes the judge analytics on one worker thread, so that a bootstrap over a million
 * comparisons never blocks the server: other pages (and a provisional leaderboard) are answered while it runs.
 * The worker receives the comparison table once per data version ({@link setTable}, at load), so a request
 * carries only its query. Jobs run in order. When the worker cannot start (no entry file, a failed load), jobs run
 * on the calling thread instead.
 */
export class BoardRunner {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 0;
  private version = -1;
  private lastTable: TableRequest | undefined;
  private readonly local = new WorkerState();
  private readonly waiting = new Map<number, { resolve: (value: WorkerResponse) => void; request: WorkerRequest }>();

  /** Sends the data of a version to the worker (copied once; later jobs name the version). */
  setTable(version: number, table: ComparisonTable, categoryOf: readonly (string | undefined)[]): void {
    if (version === this.version) return;
    this.version = version;
    this.lastTable = {
      kind: "table",
      id: this.nextId++,
      version,
      table: { ...table, comparisonIds: [] },
      categoryOf,
    };
    void this.send(this.lastTable).catch(() => {});
  }

  rate(
    query: LeaderboardQuery,
    settings: LeaderboardSettings,
  ): Promise<{ report: RatingReport; prior: number | undefined; rows: number }> {
    return this.job({ kind: "board", query, settings }).then((response) => {
      if (!("report" in response)) throw new Error("internal: the worker answered a board with something else");
      return response;
    });
  }

  /** The analytics document of @judgelab/analytics, computed on the worker. */
  analyze(options: Omit<AnalysisRequest, "kind" | "id" | "version">): Promise<MetricsDocument> {
    return this.job({ kind: "analysis", ...options }).then((response) => {
      if (!("metrics" in response)) throw new Error("internal: the worker answered an analysis with something else");
      return response.metrics;
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

  private job(job: Job): Promise<WorkerResponse> {
    return this.send({ ...job, id: this.nextId++, version: this.version } as WorkerRequest);
  }

  private send(request: WorkerRequest): Promise<WorkerResponse> {
    return new Promise<WorkerResponse>((resolve) => {
      const worker = this.ensureWorker();
      if (worker === undefined) {
        resolve(this.local.run(request));
        return;
      }
      this.waiting.set(request.id, { resolve, request });
      worker.postMessage(request);
    }).then((response) => {
      if ("error" in response) throw response.isRangeError ? new RangeError(response.error) : new Error(response.error);
      return response;
    });
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
    worker.on("message", (response: WorkerResponse) => {
      const waiting = this.waiting.get(response.id);
      this.waiting.delete(response.id);
      waiting?.resolve(response);
    });
    const fail = () => {
      // Run whatever was sent to the lost worker here (the current table first), and everything after it too.
      this.failed = true;
      this.worker = undefined;
      const pending = [...this.waiting.values()].sort((a, b) => a.request.id - b.request.id);
      this.waiting.clear();
      if (this.lastTable !== undefined) this.local.run(this.lastTable);
      for (const { resolve, request } of pending) resolve(this.local.run(request));
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (this.worker === worker && code !== 0) fail();
    });
    this.worker = worker;
    return worker;
  }
}
