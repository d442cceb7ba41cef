import { fitGroupPosterior, type GroupPosterior } from "./group-posterior.js";
import { observeComparison, orderGain, varianceReduction } from "./pair-information.js";
import type { PlanRoundOptions } from "./plan-round.js";
import { RoundBuilder } from "./round-builder.js";
import { seededRandom, shuffled } from "./seeded-random.js";
import { measureTargetPrecision, type TargetPrecision } from "./target-precision.js";

/** One round of the `target` scheduler: its matches, and whether every group has met the precision target. */
export interface TargetPlan {
  readonly matches: [number, number][];
  /** True when every group meets the target (then `matches` is empty and the run has converged). */
  readonly met: boolean;
  /** The measured rank width per group (largest top-k width, or median width), before this round. */
  readonly widths: readonly number[];
}

/**
 * The `target` scheduler: adaptive pairs chosen by expected information on the current Bradley–Terry posterior.
 * Per group, once per round: fit the Laplace posterior θ ~ N(θ̂, Σ) on every game so far ({@link fitGroupPosterior});
 * measure the rank intervals ({@link measureTargetPrecision}); if the target is met, plan nothing. Otherwise each
 * unresolved item proposes its `neighbours` nearest unplayed opponents by θ̂ as candidate pairs, and pairs are
 * picked greedily by the expected value of one comparison for the ranking (`criterion`, see pair-information.ts):
 * `order` (default), the expected gain in the probability of ordering the pair correctly, or `variance`, the
 * expected reduction of Var(θ_i − θ_j), w·v²/(1 + w·v) with w = p(1 − p) (Glickman & Jensen 2005, "Adaptive
 * paired comparison design"; Chen et al. 2013, "Pairwise ranking aggregation in a crowdsourced setting", pick pairs
 * by such expected information). After each pick Σ is updated as if the comparison were observed (Sherman–Morrison,
 * {@link observeComparison}), so one round spreads its matches instead of repeating the best-looking
 * pair's neighbourhood; the posterior is refitted once per round, not per pair. At most `matchesPerRound`
 * matches per group (default half its size), `matchesPerItemPerRound` per item, no pair repeated (a repeated
 * prompt is answered from the response cache, so it adds no information), nobody beyond the hard match cap; the
 * σ-based stop rules of the other schedulers do not apply.
 */
export function planTargetRound(options: PlanRoundOptions): TargetPlan {
  const { scheduler, standings, round, seed } = options;
  const target = scheduler.target;
  const matches: [number, number][] = [];
  const widths: number[] = [];
  let met = true;
  options.groups.forEach((group, groupIndex) => {
    if (group.length < 2) return;
    const random = seededRandom(seed, "plan-target", round, groupIndex);
    const posterior = fitGroupPosterior({ standings, group, prior: target.prior });
    const precision = measureTargetPrecision({
      group: posterior,
      target,
      seed: Math.floor(random.next() * 4_294_967_296),
    });
    widths.push(precision.width);
    if (precision.met) return;
    met = false;
    const builder = new RoundBuilder(standings, options.stop, scheduler.matchesPerItemPerRound, new Set());
    // When the unresolved items have no informative unplayed pair left, their rivals (items whose rank intervals
    // overlap theirs) propose pairs instead: those sharpen the rivals' strengths and so the differences.
    for (const proposers of [precision.unresolved, rivalsOf(precision)]) {
      const candidates = shuffled(candidatePairs(posterior, proposers, builder, target.neighbours), random);
      pickByInformation({
        posterior,
        candidates,
        builder,
        limit: target.matchesPerRound ?? Math.ceil(group.length / 2),
        criterion: target.criterion,
        // Only for a full-ranking target: with `target.topK` the proposers are already the top-k contenders.
        weight:
          target.topK === undefined ? boundaryWeight(precision.rank, scheduler.topK, target.boundaryWeight) : undefined,
      });
      if (builder.matches.length > 0) break;
    }
    matches.push(...builder.matches);
  });
  return { matches: met ? [] : matches, met, widths };
}

/**
 * The pair weight 1 + β·1{exactly one of i, j ranks in the top k by posterior mean}: pairs across the top-k boundary
 * decide the top-k set, so `boundaryWeight` β > 0 favours them; undefined when β = 0 (every pair weighs 1).
 */
export function boundaryWeight(
  rank: Float64Array,
  topK: number,
  beta: number,
): ((i: number, j: number) => number) | undefined {
  if (beta === 0) return undefined;
  return (i, j) => (rank[i]! <= topK !== rank[j]! <= topK ? 1 + beta : 1);
}

/** Items whose rank interval overlaps that of an unresolved item, the unresolved included (1 = rival). */
export function rivalsOf(precision: TargetPrecision): Uint8Array {
  const size = precision.unresolved.length;
  const rivals = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    if (precision.unresolved[i] === 0) continue;
    for (let j = 0; j < size; j++) {
      const overlaps =
        precision.rankLower[j]! <= precision.rankUpper[i]! && precision.rankLower[i]! <= precision.rankUpper[j]!;
      if (overlaps) rivals[j] = 1;
    }
  }
  return rivals;
}

/**
 * Candidate pairs (group positions, lower first): each proposing item (1 in `proposers`) with its `neighbours`
 * nearest opponents by posterior mean that it may still play (alternately above and below it), without duplicates.
 */
export function candidatePairs(
  group: GroupPosterior,
  proposers: Uint8Array,
  builder: RoundBuilder,
  neighbours: number,
): [number, number][] {
  const { mean } = group.posterior;
  const size = mean.length;
  const order = Array.from({ length: size }, (_, index) => index).sort((a, b) => mean[b]! - mean[a]!);
  const positionInOrder = new Int32Array(size);
  order.forEach((item, position) => {
    positionInOrder[item] = position;
  });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (let item = 0; item < size; item++) {
    if (proposers[item] === 0) continue;
    const at = positionInOrder[item]!;
    let found = 0;
    for (let step = 1; found < neighbours && (at - step >= 0 || at + step < size); step++) {
      for (const other of [order[at - step], order[at + step]]) {
        if (other === undefined || found >= neighbours) continue;
        if (!builder.canPair(group.items[item]!, group.items[other]!)) continue;
        found++;
        const [a, b] = item < other ? [item, other] : [other, item];
        const key = a * size + b;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/**
 * Greedy picks among `candidates` (group positions) by `criterion` ({@link orderGain} or
 * {@link varianceReduction}), updating a copy of Σ after each pick; candidates the builder no longer allows
 * (per-item room) and candidates worth nothing are skipped. Ties keep the candidates' order.
 */
export function pickByInformation(options: {
  posterior: GroupPosterior;
  candidates: readonly (readonly [number, number])[];
  builder: RoundBuilder;
  limit: number;
  criterion: "order" | "variance";
  /** Multiplier of a pair's score (group positions); default 1. */
  weight?: ((i: number, j: number) => number) | undefined;
}): void {
  const { posterior, candidates, builder, limit, criterion } = options;
  const { mean } = posterior.posterior;
  const size = mean.length;
  const covariance = posterior.posterior.covariance.slice();
  const weight = Float64Array.from(candidates, ([i, j]) => {
    const p = 1 / (1 + Math.exp(mean[j]! - mean[i]!));
    return p * (1 - p);
  });
  const gainOf = (c: number): number => {
    const [i, j] = candidates[c] as readonly [number, number];
    const pair = { covariance, size, i, j, weight: weight[c]! };
    const gain =
      criterion === "order" ? orderGain({ ...pair, difference: mean[i]! - mean[j]! }) : varianceReduction(pair);
    return options.weight === undefined ? gain : gain * options.weight(i, j);
  };
  // Lazy greedy (Minoux 1978): observing a comparison only shrinks Σ, so a candidate's stale gain bounds its fresh
  // one (exactly for the variance criterion, closely for the order one); only the top candidate is rescored.
  const stale = Float64Array.from(candidates, (_, c) => gainOf(c));
  const queue = Array.from({ length: candidates.length }, (_, c) => c).sort((a, b) => stale[b]! - stale[a]! || a - b);
  const direction = new Float64Array(size);
  let picked = 0;
  while (picked < limit && queue.length > 0) {
    const c = queue.shift() as number;
    const [i, j] = candidates[c] as readonly [number, number];
    if (!builder.canPair(posterior.items[i]!, posterior.items[j]!)) continue;
    const fresh = gainOf(c);
    if (!(fresh > 0)) continue;
    if (queue.length > 0 && fresh < stale[queue[0]!]!) {
      stale[c] = fresh;
      let at = 0;
      while (at < queue.length && stale[queue[at]!]! >= fresh) at++;
      queue.splice(at, 0, c);
      continue;
    }
    builder.tryAdd(posterior.items[i]!, posterior.items[j]!);
    observeComparison({ covariance, size, i, j, weight: weight[c]! }, direction);
    picked++;
  }
}
