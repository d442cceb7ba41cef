import type { MetricsDocument } from "@judgelab/analytics";
import { computeWinRates, type WinRates } from "@judgelab/ratings";
import type { ViewSource } from "../source/view-source.js";
import { BoardRunner } from "./board-runner.js";
import type { LeaderboardQuery, LeaderboardResult, LeaderboardSettings } from "./compute-leaderboard.js";
import type { ViewData } from "./view-data.js";

/** The board behind item-page scores and live standings. */
export const SEED_BOARD: LeaderboardQuery = { method: "trueskill", intervals: "none", unit: "comparison" };

/** The value of `promise` if it settles within `ms` (rejections are passed on), else undefined. */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const MAX_CACHED_BOARDS = 64;
/** Bootstrap rounds of the judge figures when the viewer was started with fewer (e.g. --bootstrap 0). */
export const JUDGE_FIGURE_MIN_ROUNDS = 100;

/**
 * The viewer's computed figures over the current data of a {@link ViewSource}, each computed on first use and
 * cached until the data change (a live run). Pure functions of the data and the settings (seeded bootstrap).
 */
export class ViewModel {
  private cachedVersion = -1;
  private boards = new Map<string, LeaderboardResult>();
  private pendingBoards = new Map<string, Promise<LeaderboardResult>>();
  private readonly runner = new BoardRunner();
  private wins: WinRates | undefined;
  private metrics: MetricsDocument | undefined;
  private pendingMetrics: Promise<MetricsDocument> | undefined;

  constructor(
    readonly source: ViewSource,
    readonly settings: LeaderboardSettings,
  ) {}

  get data(): ViewData {
    return this.sync();
  }

  /** Drops the cached figures when the source's data changed, and returns the current data. */
  private sync(): ViewData {
    if (this.cachedVersion !== this.source.version) {
      this.cachedVersion = this.source.version;
      this.boards = new Map();
      this.pendingBoards = new Map();
      this.wins = undefined;
      this.metrics = undefined;
      this.pendingMetrics = undefined;
      const data = this.source.current();
      this.runner.setTable(this.cachedVersion, data.table, data.categoryOf);
    }
    return this.source.current();
  }

  /** The board when it has been computed for the current data, else undefined (never blocks). */
  readyBoard(query: LeaderboardQuery): LeaderboardResult | undefined {
    this.sync();
    return this.boards.get(JSON.stringify(query));
  }

  /**
   * The board, rated on the worker thread (which holds the table of the current version). Concurrent requests for
   * the same board share one computation; results are cached until the data change.
   */
  requestBoard(query: LeaderboardQuery): Promise<LeaderboardResult> {
    this.sync();
    const version = this.cachedVersion;
    const key = JSON.stringify(query);
    const ready = this.boards.get(key);
    if (ready !== undefined) return Promise.resolve(ready);
    let pending = this.pendingBoards.get(key);
    if (pending === undefined) {
      const started = performance.now();
      pending = this.runner.rate(query, this.settings).then(({ report, prior, rows }) => {
        const result = { query, report, rows, prior, seconds: (performance.now() - started) / 1000 };
        if (this.cachedVersion === version) {
          if (this.boards.size >= MAX_CACHED_BOARDS) this.boards.delete(this.boards.keys().next().value as string);
          this.boards.set(key, result);
          this.pendingBoards.delete(key);
        }
        return result;
      });
      pending.catch(() => this.pendingBoards.delete(key));
      this.pendingBoards.set(key, pending);
    }
    return pending;
  }

  /** The board if it is ready within `ms` milliseconds (it keeps computing either way), else undefined. */
  async boardWithin(query: LeaderboardQuery, ms: number): Promise<LeaderboardResult | undefined> {
    return settleWithin(this.requestBoard(query), ms);
  }

  /** Stops the worker thread. */
  close(): Promise<void> {
    return this.runner.close();
  }

  winRates(): WinRates {
    const data = this.data;
    this.wins ??= computeWinRates(data.table);
    return this.wins;
  }

  /**
   * The seed system's tournament scores: TrueSkill replayed in time order (`rateItems` method trueskill, which
   * gives the `1565±40` display and the rank within the category), rated on the worker like every board.
   */
  seedBoardWithin(ms: number): Promise<LeaderboardResult | undefined> {
    return this.boardWithin(SEED_BOARD, ms);
  }

  /**
   * The judge analytics document (agreement, position bias, leniency, …) of @judgelab/analytics, computed on the
   * worker; undefined when it is not ready within `ms` (it keeps computing).
   */
  analysisWithin(ms: number): Promise<MetricsDocument | undefined> {
    const data = this.sync();
    const version = this.cachedVersion;
    if (this.metrics !== undefined) return Promise.resolve(this.metrics);
    if (this.pendingMetrics === undefined) {
      const pending = this.runner
        .analyze({
          items: data.itemRecords,
          judges: data.judges,
          assessments: data.assessments,
          references: data.references,
          // The analytics document always carries bootstrap intervals; with leaderboard resampling off it still
          // uses JUDGE_FIGURE_MIN_ROUNDS rounds (the page prints the count it used).
          options: {
            seed: this.settings.seed,
            bootstrapRounds: Math.max(this.settings.bootstrapRounds, JUDGE_FIGURE_MIN_ROUNDS),
          },
        })
        .then((metrics) => {
          if (this.cachedVersion === version) this.metrics = metrics;
          return metrics;
        })
        .finally(() => {
          if (this.pendingMetrics === pending) this.pendingMetrics = undefined;
        });
      this.pendingMetrics = pending;
    }
    return settleWithin(this.pendingMetrics, ms);
  }
}
