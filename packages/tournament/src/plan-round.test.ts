import { describe, expect, it } from "vitest";
import { planRound } from "./plan-round.js";
import { tournamentConfigSchema } from "./tournament-config.js";
import { computeStandings, type Game, pairKey } from "./tournament-standings.js";

const baseConfig = tournamentConfigSchema.parse({
  items: { synthetic: { count: 2 } },
  judges: [{ id: "j", provider: "simulated", model: "m" }],
});

/** Plays `rounds` rounds where the lower index always wins, returning every planned pair. */
function playRounds(options: {
  itemCount: number;
  kind: "random" | "swiss" | "uncertainty" | "seed-system";
  rounds: number;
  groups?: number[][];
}) {
  const groups = options.groups ?? [Array.from({ length: options.itemCount }, (_, index) => index)];
  const scheduler = { ...baseConfig.scheduler, kind: options.kind };
  const matches: [number, number][] = [];
  const games: Game[] = [];
  const perRound: [number, number][][] = [];
  for (let round = 0; round < options.rounds; round++) {
    const standings = computeStandings({ itemCount: options.itemCount, games, matches });
    const planned = planRound({ groups, standings, scheduler, stop: baseConfig.stop, round, seed: 3 });
    if (planned.length === 0) break;
    perRound.push(planned);
    for (const [a, b] of planned) {
      matches.push([a, b]);
      games.push({ a, b, score: a < b ? 1 : 0 });
    }
  }
  return { matches, perRound };
}

describe("planRound", () => {
  for (const kind of ["random", "swiss", "uncertainty", "seed-system"] as const) {
    it(`${kind}: never repeats a pair, never crosses groups, at most matchesPerItemPerRound per item per round`, () => {
      const groups = [
        [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22],
        [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23],
      ];
      const { matches, perRound } = playRounds({ itemCount: 24, kind, rounds: 8, groups });
      expect(matches.length).toBeGreaterThan(0);
      expect(new Set(matches.map(([a, b]) => pairKey(a, b))).size).toBe(matches.length);
      for (const [a, b] of matches) expect(a % 2).toBe(b % 2);
      const limit = kind === "swiss" ? 1 : 3;
      for (const round of perRound) {
        const counts = new Map<number, number>();
        for (const [a, b] of round) {
          counts.set(a, (counts.get(a) ?? 0) + 1);
          counts.set(b, (counts.get(b) ?? 0) + 1);
        }
        expect(Math.max(...counts.values())).toBeLessThanOrEqual(limit);
      }
    });
  }

  it("seed-system: plays every pair inside the top 10 once the ratings have formed", () => {
    const { matches } = playRounds({ itemCount: 40, kind: "seed-system", rounds: 30 });
    const played = new Set(matches.map(([a, b]) => pairKey(a, b)));
    // Lower index always wins, so items 0..9 are the top 10.
    for (let a = 0; a < 10; a++)
      for (let b = a + 1; b < 10; b++) expect(played.has(pairKey(a, b)), `${a}-${b}`).toBe(true);
  });

  it("round-robin: every pair once per cycle, then an empty plan", () => {
    const standings = computeStandings({ itemCount: 5, games: [], matches: [] });
    const scheduler = { ...baseConfig.scheduler, kind: "round-robin" as const, cycles: 1 };
    const plan = planRound({
      groups: [[0, 1, 2, 3, 4]],
      standings,
      scheduler,
      stop: baseConfig.stop,
      round: 0,
      seed: 1,
    });
    expect(plan).toHaveLength(10);
    expect(
      planRound({ groups: [[0, 1, 2, 3, 4]], standings, scheduler, stop: baseConfig.stop, round: 1, seed: 1 }),
    ).toEqual([]);
  });

  it("is a deterministic function of the seed and the standings", () => {
    expect(playRounds({ itemCount: 30, kind: "seed-system", rounds: 5 })).toEqual(
      playRounds({ itemCount: 30, kind: "seed-system", rounds: 5 }),
    );
  });

  it("stops: converged items get no new matches and the plan ends empty", () => {
    const { perRound } = playRounds({ itemCount: 12, kind: "uncertainty", rounds: 200 });
    expect(perRound.length).toBeLessThan(200);
  });
});
