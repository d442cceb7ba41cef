import type { PairwiseOutcomes, RandomSource } from "@judgelab/ratings";
import { sampleNormal } from "@judgelab/ratings";
import {
  type Game,
  planRound,
  type SchedulerSettings,
  StandingsAccumulator,
  type StopRules,
  seededRandom,
} from "@judgelab/tournament";
import { davidsonTieProbability } from "./calibrate-davidson-tie.js";
import { type PlanAssumptions, positionShift } from "./plan-assumptions.js";

/** How the two items of a match are shown: one comparison in random order, or two comparisons in both orders. */
export type OrderPolicy = "random" | "both";

/** Options of {@link SimulatedStudy}. */
export interface SimulatedStudyOptions {
  readonly assumptions: PlanAssumptions;
  /** Davidson ν ({@link calibrateDavidsonTie}). */
  readonly tieParameter: number;
  readonly scheduler: SchedulerSettings;
  readonly stop: StopRules;
  readonly order: OrderPolicy;
  readonly seed: number;
  /** Which simulated study of the seed (each has its own streams). */
  readonly replicate: number;
  /** Fixed true strengths instead of draws from N(0, spreadSd²) (e.g. two items a known distance apart). */
  readonly truth?: Float64Array;
}

/**
 * One simulated study with known truth: true strengths, each judge's perceived strengths, and a comparison log
 * that grows round by round as `@judgelab/tournament`'s `planRound` schedules it (TrueSkill standings updated
 * after every round, as a live run does, advanced in place by tournament's `StandingsAccumulator`). The log only ever grows, so the study at a budget of B comparisons is
 * the first B comparisons of the same log: every budget of one study shares its random numbers (common random
 * numbers make the curves against budget smooth). Each match goes to a judge drawn at random; typed arrays throughout.
 */
export class SimulatedStudy {
  readonly truth: Float64Array;
  /** Judge j's perceived strength of item i at j·items + i. */
  private readonly perceived: Float64Array;
  private first = new Int32Array(64);
  private second = new Int32Array(64);
  private verdict = new Uint8Array(64);
  private judge = new Int32Array(64);
  private count = 0;
  private readonly standings: StandingsAccumulator;
  private round = 0;
  private readonly random: RandomSource;
  private readonly planSeed: number;
  private readonly group: number[];
  private readonly itemIds: readonly string[];
  private readonly shift: number;
  /** True once the scheduler planned an empty round (e.g. every pair played and pairs never repeat). */
  exhausted = false;

  constructor(private readonly options: SimulatedStudyOptions) {
    const { assumptions, seed, replicate } = options;
    const { items, judges } = assumptions;
    const truthRandom = seededRandom(seed, "plan-truth", replicate);
    this.truth =
      options.truth ?? Float64Array.from({ length: items }, () => assumptions.spreadSd * sampleNormal(truthRandom));
    this.perceived = new Float64Array(judges * items);
    for (let j = 0; j < judges; j++) {
      for (let i = 0; i < items; i++) {
        this.perceived[j * items + i] = this.truth[i]! + assumptions.judgeNoise * sampleNormal(truthRandom);
      }
    }
    this.random = seededRandom(seed, "plan-verdicts", replicate);
    this.planSeed = seededRandom(seed, "plan-schedule", replicate).nextUint32?.() ?? replicate;
    this.group = Array.from({ length: items }, (_, i) => i);
    this.itemIds = this.group.map((i) => `item-${i}`);
    this.shift = positionShift(assumptions.positionBias);
    this.standings = new StandingsAccumulator(items);
  }

  /** Comparisons simulated so far. */
  get size(): number {
    return this.count;
  }

  /** Plays whole rounds until at least `comparisons` comparisons exist (or the scheduler has nothing left). */
  extendTo(comparisons: number): void {
    while (this.count < comparisons && !this.exhausted) {
      const plan = planRound({
        groups: [this.group],
        standings: this.standings.standings,
        scheduler: this.options.scheduler,
        stop: this.options.stop,
        round: this.round++,
        seed: this.planSeed,
      });
      if (plan.length === 0) {
        this.exhausted = true;
        break;
      }
      const games: Game[] = [];
      for (const [a, b] of plan) this.playMatch(a, b, games);
      // Advanced in place: a round costs its own games, not a replay of the whole plan.
      this.standings.addRound(plan, games);
    }
  }

  /** The first `comparisons` comparisons (all of them when fewer exist), as rating input. */
  outcomesUpTo(comparisons: number): PairwiseOutcomes {
    const size = Math.min(comparisons, this.count);
    return {
      size,
      itemIds: this.itemIds,
      first: this.first.subarray(0, size),
      second: this.second.subarray(0, size),
      verdict: this.verdict.subarray(0, size),
      judge: this.judge.subarray(0, size),
    };
  }

  private playMatch(a: number, b: number, games: Game[]): void {
    const judge = Math.floor(this.random.next() * this.options.assumptions.judges);
    if (this.options.order === "both") {
      this.judgeOnce(a, b, judge, games);
      this.judgeOnce(b, a, judge, games);
    } else if (this.random.next() < 0.5) this.judgeOnce(a, b, judge, games);
    else this.judgeOnce(b, a, judge, games);
  }

  private judgeOnce(first: number, second: number, judge: number, games: Game[]): void {
    const items = this.options.assumptions.items;
    const difference = this.perceived[judge * items + first]! - this.perceived[judge * items + second]!;
    let verdict = 0;
    if (
      this.options.tieParameter > 0 &&
      this.random.next() < davidsonTieProbability(this.options.tieParameter, difference)
    )
      verdict = 2;
    else verdict = this.random.next() < 1 / (1 + Math.exp(-(difference + this.shift))) ? 0 : 1;
    this.grow();
    const row = this.count++;
    this.first[row] = first;
    this.second[row] = second;
    this.verdict[row] = verdict;
    this.judge[row] = judge;
    games.push({ a: first, b: second, score: verdict === 0 ? 1 : verdict === 1 ? 0 : 0.5 });
  }

  private grow(): void {
    if (this.count < this.first.length) return;
    const capacity = this.first.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(array: T, make: (n: number) => T): T => {
      const grown = make(capacity);
      grown.set(array);
      return grown;
    };
    this.first = copy(this.first, (n) => new Int32Array(n));
    this.second = copy(this.second, (n) => new Int32Array(n));
    this.verdict = copy(this.verdict, (n) => new Uint8Array(n));
    this.judge = copy(this.judge, (n) => new Int32Array(n));
  }
}
