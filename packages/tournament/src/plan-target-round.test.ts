import { paperImpactTemplate } from "@judgelab/judges";
import type { BradleyTerryPosterior } from "@judgelab/ratings";
import { describe, expect, it } from "vitest";
import { createSimulatedJudgeForConfig } from "./create-simulated-judge-for-config.js";
import type { GroupPosterior } from "./group-posterior.js";
import { orderGain, varianceReduction } from "./pair-information.js";
import { boundaryWeight, pickByInformation, planTargetRound, rivalsOf } from "./plan-target-round.js";
import { RoundBuilder } from "./round-builder.js";
import { createMemoryJournal } from "./run-journal.js";
import { runTournament } from "./run-tournament.js";
import { createSyntheticItems } from "./synthetic-items.js";
import { type TournamentConfigInput, tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";
import { computeStandings, type Game, pairKey } from "./tournament-standings.js";

const baseConfig = tournamentConfigSchema.parse({
  items: { synthetic: { count: 2 } },
  judges: [{ id: "j", provider: "simulated", model: "m" }],
  scheduler: { kind: "target" },
});

/** A hand-made posterior over `mean.length` items with a diagonal covariance (variances `variance`). */
function handPosterior(mean: number[], variance: number[]): GroupPosterior {
  const size = mean.length;
  const covariance = new Float64Array(size * size);
  variance.forEach((value, i) => {
    covariance[i * size + i] = value;
  });
  const posterior: BradleyTerryPosterior = {
    itemIds: mean.map(String),
    mean: Float64Array.from(mean),
    covariance,
    covarianceFactor: covariance.map(Math.sqrt),
  };
  return { items: mean.map((_, index) => index), posterior };
}

describe("target pair scoring", () => {
  it("scores w·v²/(1 + w·v) and picks the close, uncertain pair over far or well-known ones", () => {
    // Items 0 and 1: equal means, variance 1 each → v = 2, w = 1/4, gain = 0.25·4/1.5 = 2/3.
    // Items 2 and 3: equal means but variance 0.1 each → v = 0.2, gain ≈ 0.0098. Items 0 and 4: 3 log-odds apart.
    const group = handPosterior([0, 0, 1, 1, 3], [1, 1, 0.1, 0.1, 1]);
    const size = 5;
    expect(varianceReduction({ covariance: group.posterior.covariance, size, i: 0, j: 1, weight: 0.25 })).toBeCloseTo(
      2 / 3,
      12,
    );
    const standings = computeStandings({ itemCount: size, games: [], matches: [] });
    const builder = new RoundBuilder(standings, baseConfig.stop, 3, new Set());
    pickByInformation({
      posterior: group,
      candidates: [
        [2, 3],
        [0, 4],
        [0, 1],
      ],
      builder,
      limit: 1,
      criterion: "variance",
    });
    expect(builder.matches).toEqual([[0, 1]]);
  });

  it("updates the covariance after each pick, so the second pick moves to another pair", () => {
    // The three neighbour pairs score the same at first and (0,1) comes first; once (0,1) is observed, item 1's
    // variance has shrunk, so (1,2) is worth less than the untouched (2,3).
    const group = handPosterior([0, 0.1, 0.2, 0.3], [1, 1, 1, 1]);
    const standings = computeStandings({ itemCount: 4, games: [], matches: [] });
    const builder = new RoundBuilder(standings, baseConfig.stop, 3, new Set());
    pickByInformation({
      posterior: group,
      candidates: [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
      builder,
      limit: 2,
      criterion: "variance",
    });
    expect(builder.matches).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});

describe("boundaryWeight", () => {
  it("weighs 1 + β the pairs with exactly one item in the top k, 1 the others, and is off at β = 0", () => {
    const rank = Float64Array.from([3, 1, 2, 4]);
    const weigh = boundaryWeight(rank, 2, 3)!;
    expect(weigh(1, 2)).toBe(1); // ranks 1 and 2: both in the top 2
    expect(weigh(0, 3)).toBe(1); // ranks 3 and 4: both out
    expect(weigh(2, 0)).toBe(4); // ranks 2 and 3: across the boundary
    expect(weigh(3, 1)).toBe(4);
    expect(boundaryWeight(rank, 2, 0)).toBeUndefined();
  });

  it("makes the greedy pick prefer a pair across the top-k boundary over an equally informative one inside", () => {
    // Equal spacing and variances: (0,1) and (1,2) score the same, and (0,1) is listed first; with the top 1 as
    // the boundary only (0,1) crosses it, with the top 2 only (1,2) does.
    const group = handPosterior([0.2, 0.1, 0], [1, 1, 1]);
    const rank = Float64Array.from([1, 2, 3]);
    const pick = (topK: number) => {
      const standings = computeStandings({ itemCount: 3, games: [], matches: [] });
      const builder = new RoundBuilder(standings, baseConfig.stop, 3, new Set());
      pickByInformation({
        posterior: group,
        candidates: [
          [0, 1],
          [1, 2],
        ],
        builder,
        limit: 1,
        criterion: "order",
        weight: boundaryWeight(rank, topK, 1),
      });
      return builder.matches;
    };
    expect(pick(1)).toEqual([[0, 1]]);
    expect(pick(2)).toEqual([[1, 2]]);
  });
});

describe("orderGain", () => {
  const covariance = Float64Array.from([0.5, 0, 0, 0.5]); // v = 1
  const gain = (difference: number, weight = 0.25, scale = 1) =>
    orderGain({ covariance: covariance.map((value) => value * scale), size: 2, i: 0, j: 1, weight, difference });

  it("matches the preposterior expectation E[Φ(|d̂'|/√v')] − Φ(|d̂|/√v) computed by brute force", () => {
    // v = 1, w = 0.2: v' = 1/1.2, d̂' ~ N(0.3, 1 − 1/1.2); E[Φ(|d̂'|/√v')] by a fine Riemann sum.
    const after = 1 / 1.2;
    const spread = Math.sqrt(1 - after);
    const phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    let expected = 0;
    let mass = 0;
    for (let z = -8; z <= 8; z += 0.001) {
      const density = Math.exp((-z * z) / 2);
      expected += density * phi(Math.abs(0.3 + spread * z) / Math.sqrt(after));
      mass += density;
    }
    expect(gain(0.3, 0.2)).toBeCloseTo(expected / mass - phi(0.3), 3);
  });

  it("is largest for uncertain, resolvable pairs: small for a clear order and for a well-measured near-tie", () => {
    expect(gain(0.2)).toBeGreaterThan(gain(3));
    expect(gain(0.2)).toBeGreaterThan(gain(0.02, 0.25, 0.01));
    expect(gain(5)).toBeLessThan(1e-4);
    expect(gain(5)).toBeGreaterThan(0);
  });
});

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), enough for a 3-decimal check. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

describe("rivalsOf", () => {
  it("marks the unresolved items and every item whose rank interval overlaps one of theirs", () => {
    const precision = {
      rank: Float64Array.from([1, 2, 3, 4, 5]),
      rankLower: Float64Array.from([1, 1, 3, 4, 5]),
      rankUpper: Float64Array.from([2, 3, 4, 5, 5]),
      focus: Uint8Array.from([1, 1, 0, 0, 0]),
      unresolved: Uint8Array.from([0, 1, 0, 0, 0]),
      width: 2,
      met: false,
    };
    // Item 1 spans ranks 1–3: items 0 (1–2) and 2 (3–4) overlap it, items 3 (4–5) and 4 (5) do not.
    expect([...rivalsOf(precision)]).toEqual([1, 1, 1, 0, 0]);
  });
});

/** Plays target rounds where the lower index always wins; returns the plans. */
function playTarget(itemCount: number, target: TournamentConfigInput["scheduler"], rounds: number) {
  const scheduler = tournamentConfigSchema.parse({ ...baseConfigInput, scheduler: target }).scheduler;
  const groups = [Array.from({ length: itemCount }, (_, index) => index)];
  const matches: [number, number][] = [];
  const games: Game[] = [];
  const plans: ReturnType<typeof planTargetRound>[] = [];
  for (let round = 0; round < rounds; round++) {
    const standings = computeStandings({ itemCount, games, matches });
    const plan = planTargetRound({ groups, standings, scheduler, stop: baseConfig.stop, round, seed: 5 });
    plans.push(plan);
    if (plan.matches.length === 0) break;
    for (const [a, b] of plan.matches) {
      matches.push([a, b]);
      games.push({ a, b, score: a < b ? 1 : 0 });
    }
  }
  return { plans, matches };
}
const baseConfigInput = {
  items: { synthetic: { count: 2 } },
  judges: [{ id: "j", provider: "simulated", model: "m" }],
};

describe("planTargetRound", () => {
  it("plans at most matchesPerRound matches, ≤ matchesPerItemPerRound per item, never a pair twice", () => {
    const { plans, matches } = playTarget(
      16,
      { kind: "target", matchesPerItemPerRound: 2, target: { rankWidth: 0, matchesPerRound: 6 } },
      8,
    );
    expect(plans.length).toBe(8);
    for (const plan of plans) {
      expect(plan.met).toBe(false);
      expect(plan.matches.length).toBeLessThanOrEqual(6);
      const perItem = new Map<number, number>();
      for (const [a, b] of plan.matches) for (const item of [a, b]) perItem.set(item, (perItem.get(item) ?? 0) + 1);
      expect(Math.max(...perItem.values())).toBeLessThanOrEqual(2);
    }
    expect(new Set(matches.map(([a, b]) => pairKey(a, b))).size).toBe(matches.length);
  });

  it("with a boundary weight and no target.topK, plays more pairs across the top-`scheduler.topK` boundary", () => {
    // The lower index always wins, so after a few rounds the posterior order is the index order and the top 4 are
    // items 0–3: a pair crosses the boundary when exactly one of its items is below 4.
    const crossing = (boundaryWeight: number) => {
      const { matches } = playTarget(
        20,
        { kind: "target", topK: 4, target: { rankWidth: 0, matchesPerRound: 6, boundaryWeight } },
        10,
      );
      return matches.slice(30).filter(([a, b]) => a < 4 !== b < 4).length;
    };
    expect(crossing(10)).toBeGreaterThan(crossing(0));
  });

  it("stops (met, no matches) once a transitive order has narrowed the top-3 rank intervals to ≤ W, before all pairs", () => {
    const { plans, matches } = playTarget(16, { kind: "target", target: { rankWidth: 4, topK: 3, prior: 0.05 } }, 60);
    const last = plans.at(-1)!;
    expect(last.met).toBe(true);
    expect(last.matches).toEqual([]);
    expect(last.widths[0]).toBeLessThanOrEqual(4);
    expect(plans[0]!.widths[0]).toBeGreaterThan(4);
    expect(matches.length).toBeLessThan((16 * 15) / 2);
  });
});

describe("runTournament with scheduler.kind target", () => {
  async function run(target: NonNullable<TournamentConfigInput["scheduler"]>["target"]) {
    const items = createSyntheticItems({ count: 24, categories: ["all"], qualitySd: 4, seed: 4 });
    const config = tournamentConfigSchema.parse({
      seed: 4,
      items: { inline: items },
      judges: [{ id: "sim", provider: "simulated", model: "sim" }],
      scheduler: { kind: "target", target },
    });
    const prepared = prepareTournamentItems(items, { byCategory: true });
    const judge = createSimulatedJudgeForConfig({ judge: config.judges[0]!, seed: 4, items: prepared.judgeItems });
    return runTournament({
      config,
      items,
      judges: [judge],
      template: paperImpactTemplate,
      journal: createMemoryJournal(),
    });
  }

  it("runs until the precision target is met and reports converged; the anytime rule needs more comparisons", async () => {
    const posterior = await run({ rankWidth: 12, topK: 3, prior: 0.1 });
    expect(posterior.reason).toBe("converged");
    expect(posterior.recorded).toBeGreaterThan(0);
    expect(posterior.recorded).toBeLessThan((24 * 23) / 2);
    // One game per pair never gives the Bonferroni-corrected confidence sequences enough information here: the
    // anytime rule keeps planning until no unplayed pair is worth anything.
    const anytime = await run({ rankWidth: 12, topK: 3, prior: 0.1, anytime: true });
    expect(anytime.reason).toBe("plan-exhausted");
    expect(anytime.recorded).toBeGreaterThan(posterior.recorded);
  });
});
