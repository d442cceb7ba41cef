import { analyzeJudges, buildAnalysisInput, type MetricsDocument } from "@judgelab/analytics";
import {
  type CategoryRank,
  computeTrueSkill,
  computeWinRates,
  formatSeedScore,
  rankWithinCategory,
  type SeedScore,
  type WinRates,
} from "@judgelab/ratings";
import type { ViewSource } from "../source/view-source.js";
import {
  computeLeaderboard,
  type LeaderboardQuery,
  type LeaderboardResult,
  type LeaderboardSettings,
} from "./compute-leaderboard.js";
import type { ViewData } from "./view-data.js";

/** The seed system's tournament scores (TrueSkill replay) per item code. */
export interface SeedScores {
  readonly scores: readonly (SeedScore | undefined)[];
  readonly categoryRanks: readonly (CategoryRank | null)[];
  /** Lowest and highest score per category, for the score bar. */
  readonly ranges: ReadonlyMap<string, { min: number; max: number }>;
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
  private seed: SeedScores | undefined;
  private wins: WinRates | undefined;
  private metrics: MetricsDocument | undefined;

  constructor(
    readonly source: ViewSource,
    readonly settings: LeaderboardSettings,
  ) {}

  get data(): ViewData {
    if (this.cachedVersion !== this.source.version) {
      this.cachedVersion = this.source.version;
      this.boards = new Map();
      this.seed = undefined;
      this.wins = undefined;
      this.metrics = undefined;
    }
    return this.source.current();
  }

  leaderboard(query: LeaderboardQuery): LeaderboardResult {
    const data = this.data;
    const key = JSON.stringify(query);
    let board = this.boards.get(key);
    if (board === undefined) {
      board = computeLeaderboard(data, query, this.settings);
      if (this.boards.size >= MAX_CACHED_BOARDS) this.boards.delete(this.boards.keys().next().value as string);
      this.boards.set(key, board);
    }
    return board;
  }

  winRates(): WinRates {
    const data = this.data;
    this.wins ??= computeWinRates(data.table);
    return this.wins;
  }

  /** TrueSkill replayed over the comparisons in time order, shown as the seed system does (`1565±40`). */
  seedScores(): SeedScores {
    const data = this.data;
    if (this.seed === undefined) {
      const trueSkill = computeTrueSkill(data.table);
      const scores = Array.from(trueSkill.mu, (mu, code) =>
        trueSkill.matches[code]! > 0 ? formatSeedScore(mu, trueSkill.sigma[code]!) : undefined,
      );
      const values = scores.map((score) => score?.score ?? Number.NaN);
      const ranges = new Map<string, { min: number; max: number }>();
      values.forEach((value, code) => {
        const category = data.categoryOf[code] ?? "";
        if (Number.isNaN(value)) return;
        const range = ranges.get(category) ?? { min: value, max: value };
        ranges.set(category, { min: Math.min(range.min, value), max: Math.max(range.max, value) });
      });
      this.seed = {
        scores,
        categoryRanks: rankWithinCategory({ scores: values, categories: data.categoryOf }),
        ranges,
      };
    }
    return this.seed;
  }

  /** The judge analytics document (agreement, position bias, leniency, …) of @judgelab/analytics. */
  analysis(): MetricsDocument {
    const data = this.data;
    if (this.metrics === undefined) {
      const encoded = buildAnalysisInput({
        table: data.table,
        items: data.itemRecords,
        judges: data.judges,
        assessments: data.assessments,
        references: data.references,
        // The analytics document always carries bootstrap intervals; with leaderboard resampling off it still
        // uses JUDGE_FIGURE_MIN_ROUNDS rounds (the page prints the count it used).
        analysis: {
          seed: this.settings.seed,
          bootstrapRounds: Math.max(this.settings.bootstrapRounds, JUDGE_FIGURE_MIN_ROUNDS),
        },
      });
      this.metrics = analyzeJudges(encoded.input);
    }
    return this.metrics;
  }
}
