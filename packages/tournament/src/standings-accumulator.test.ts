import { describe, expect, it } from "vitest";
import { seededRandom } from "./seeded-random.js";
import { StandingsAccumulator } from "./standings-accumulator.js";
import { computeStandings, type Game } from "./tournament-standings.js";

describe("StandingsAccumulator", () => {
  it("after every round equals computeStandings replayed over the whole log (ties, repeated pairs, idle items)", () => {
    const random = seededRandom(7, "accumulator");
    const itemCount = 12;
    const accumulator = new StandingsAccumulator(itemCount);
    const matches: [number, number][] = [];
    const games: Game[] = [];
    for (let round = 0; round < 6; round++) {
      const roundMatches: [number, number][] = [];
      const roundGames: Game[] = [];
      for (let m = 0; m < 5; m++) {
        const a = Math.floor(random.next() * (itemCount - 1));
        const b = a + 1 + Math.floor(random.next() * (itemCount - 1 - a));
        roundMatches.push([a, b]);
        const draw = random.next();
        // Some matches fail (no game), some are ties.
        if (draw < 0.1) continue;
        roundGames.push({ a, b, score: draw < 0.3 ? 0.5 : draw < 0.65 ? 1 : 0 });
      }
      matches.push(...roundMatches);
      games.push(...roundGames);
      const advanced = accumulator.addRound(roundMatches, roundGames);
      const replayed = computeStandings({ itemCount, games, matches });
      expect(advanced.mu).toEqual(replayed.mu);
      expect(advanced.sigma).toEqual(replayed.sigma);
      expect([advanced.wins, advanced.losses, advanced.ties, advanced.matches]).toEqual([
        replayed.wins,
        replayed.losses,
        replayed.ties,
        replayed.matches,
      ]);
      expect(advanced.playedPairs).toEqual(replayed.playedPairs);
      expect(advanced.pairResults).toEqual(replayed.pairResults);
    }
    expect(games.some((game) => game.score === 0.5)).toBe(true);
  });
});
