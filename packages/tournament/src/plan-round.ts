import type { StopRules } from "./item-convergence.js";
import { planTargetRound } from "./plan-target-round.js";
import { RoundBuilder } from "./round-builder.js";
import { seededRandom, shuffled } from "./seeded-random.js";
import type { TournamentConfig } from "./tournament-config.js";
import { type Standings, topItems } from "./tournament-standings.js";

/** Scheduler settings (the config's `scheduler` block). */
export type SchedulerSettings = TournamentConfig["scheduler"];

/** Inputs of one round's plan. Everything is derived from the seed and the log, so the plan is reproducible. */
export interface PlanRoundOptions {
  /** Item indices per scheduling group (category); pairs never cross groups. */
  readonly groups: readonly (readonly number[])[];
  readonly standings: Standings;
  readonly scheduler: SchedulerSettings;
  readonly stop: StopRules;
  readonly round: number;
  readonly seed: number;
}

/**
 * Plans the matches (pairs of item indices) of one round; an empty plan means the tournament is over.
 *
 * - `round-robin`: every pair of a group once per round, for `cycles` rounds; stop rules do not apply.
 * - `random`: items that still need matches, in seeded random order, each take up to `matchesPerItemPerRound`
 *   random opponents not met before.
 * - `swiss`: items that need matches, sorted by wins − losses then μ, each paired with the nearest unpaired item
 *   below it not met before (one match per item per round).
 * - `uncertainty`: most uncertain items (largest σ) first, each matched with the opponent of highest TrueSkill
 *   match quality.
 * - `seed-system`: the seed system's scheme: first every unplayed pair inside the top `topK` of the group (from
 *   round 1 on); then items that need matches, most uncertain first, alternately take the best-quality
 *   established opponent (one that no longer needs matches) and the best-quality other needy item, at most
 *   `matchesPerItemPerRound` per item, never repeating a pair.
 * - `target`: pairs with the largest expected information on the Bradley–Terry posterior, until the precision
 *   target (`scheduler.target`) is met ({@link planTargetRound}, which also says whether it was met).
 */
export function planRound(options: PlanRoundOptions): [number, number][] {
  const { scheduler, round } = options;
  if (scheduler.kind === "round-robin") return round < scheduler.cycles ? allPairs(options.groups) : [];
  if (scheduler.kind === "target") return planTargetRound(options).matches;
  const matches: [number, number][] = [];
  options.groups.forEach((group, groupIndex) => {
    const random = seededRandom(options.seed, "plan", round, groupIndex);
    const order = shuffled(group, random);
    const top = new Set(topItems(options.standings, group, scheduler.topK));
    const perItem = scheduler.kind === "swiss" ? 1 : scheduler.matchesPerItemPerRound;
    const builder = new RoundBuilder(options.standings, options.stop, perItem, top);
    switch (scheduler.kind) {
      case "random":
        planRandom(builder, order, random);
        break;
      case "swiss":
        planSwiss(builder, order);
        break;
      case "uncertainty":
        planUncertainty(builder, order);
        break;
      case "seed-system":
        planSeedSystem(builder, order, round > 0 ? topItems(options.standings, group, scheduler.topK) : []);
        break;
    }
    matches.push(...builder.matches);
  });
  return matches;
}

function allPairs(groups: readonly (readonly number[])[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) pairs.push([group[i]!, group[j]!]);
    }
  }
  return pairs;
}

function bySigmaDescending(builder: RoundBuilder, order: readonly number[]): number[] {
  const sigma = builder.standings.sigma;
  return [...order].sort((a, b) => sigma[b]! - sigma[a]!);
}

/** Uniform draws tried before {@link planRandom} falls back to scanning a shuffled group. */
const RANDOM_OPPONENT_DRAWS = 8;

/**
 * Each item that needs matches takes, per slot, a uniformly random opponent it may still meet: up to
 * {@link RANDOM_OPPONENT_DRAWS} uniform draws (rejection sampling: an accepted draw is uniform over the eligible
 * opponents), then a scan of the whole group in shuffled order, so an eligible opponent is always found when
 * one exists. The draws keep a round linear in the group size where a shuffle per item made it quadratic.
 */
function planRandom(builder: RoundBuilder, order: readonly number[], random: { next(): number }): void {
  for (let slot = 0; slot < builder.perItem; slot++) {
    for (const item of order) {
      if (!builder.needs(item) || !builder.hasRoom(item)) continue;
      let added = false;
      for (let draw = 0; draw < RANDOM_OPPONENT_DRAWS && !added; draw++) {
        added = builder.tryAdd(item, order[Math.floor(random.next() * order.length)]!);
      }
      if (added) continue;
      for (const opponent of shuffled(order, random)) if (builder.tryAdd(item, opponent)) break;
    }
  }
}

function planSwiss(builder: RoundBuilder, order: readonly number[]): void {
  const { wins, losses, mu } = builder.standings;
  const ranked = [...order].sort((a, b) => wins[b]! - losses[b]! - (wins[a]! - losses[a]!) || mu[b]! - mu[a]!);
  for (let index = 0; index < ranked.length; index++) {
    const item = ranked[index]!;
    if (!builder.needs(item) || !builder.hasRoom(item)) continue;
    for (let next = index + 1; next < ranked.length; next++) if (builder.tryAdd(item, ranked[next]!)) break;
  }
}

function planUncertainty(builder: RoundBuilder, order: readonly number[]): void {
  const needy = bySigmaDescending(builder, order);
  for (let slot = 0; slot < builder.perItem; slot++) {
    for (const item of needy) {
      if (!builder.needs(item) || !builder.hasRoom(item)) continue;
      const opponent = builder.bestOpponent(item, order);
      if (opponent !== undefined) builder.tryAdd(item, opponent);
    }
  }
}

function planSeedSystem(builder: RoundBuilder, order: readonly number[], topGroup: readonly number[]): void {
  for (let i = 0; i < topGroup.length; i++) {
    for (let j = i + 1; j < topGroup.length; j++) builder.tryAdd(topGroup[i]!, topGroup[j]!);
  }
  const needy = bySigmaDescending(builder, order).filter((item) => builder.needs(item));
  const needySet = new Set(needy);
  const established = order.filter((item) => !needySet.has(item));
  for (let slot = 0; slot < builder.perItem; slot++) {
    for (const item of needy) {
      if (!builder.needs(item) || !builder.hasRoom(item)) continue;
      const preferEstablished = builder.planned(item) % 2 === 0;
      const [firstPool, secondPool] = preferEstablished ? [established, needy] : [needy, established];
      const opponent = builder.bestOpponent(item, firstPool) ?? builder.bestOpponent(item, secondPool);
      if (opponent !== undefined) builder.tryAdd(item, opponent);
    }
  }
}
