import type { UnitVotes } from "../agreement/unit-votes.js";
import type { Transitivity } from "../metrics-document.js";
import type { PairUnits } from "../pair-units.js";
import { proportion } from "../stats/proportion.js";
import { countCyclicTriads } from "./measure-transitivity.js";

/**
 * Transitivity per judge and for panel verdicts. A judge's direction on an item pair is the sign of its
 * net valid votes (low wins − high wins) over all prompts, orders and repetitions of the pair; a net tie
 * gives no direction. Panel majority: the direction more judges hold (strictly); unanimous: at least two
 * judges gave a direction and all agree. Judges in `exclude` (gold labels) are left out.
 */
export function measurePanelTransitivity(options: {
  units: PairUnits;
  votes: UnitVotes;
  judgeIds: readonly string[];
  itemCount: number;
  exclude: ReadonlySet<number>;
}): { transitivity: Transitivity; majorityEdges: { winner: number[]; loser: number[] } } {
  const { units, votes, judgeIds, itemCount, exclude } = options;
  // Net preference per (judge, item pair).
  const perJudge = judgeIds.map(() => new Map<number, number>());
  for (let u = 0; u < votes.units; u++) {
    const key = units.low[u]! * itemCount + units.high[u]!;
    for (let s = votes.offsets[u]!; s < votes.offsets[u + 1]!; s++) {
      const judge = votes.judges[s]!;
      if (exclude.has(judge)) continue;
      const net = votes.counts[3 * s]! - votes.counts[3 * s + 1]!;
      const map = perJudge[judge]!;
      map.set(key, (map.get(key) ?? 0) + net);
    }
  }
  const toEdges = (directions: Map<number, number>) => {
    const winner: number[] = [];
    const loser: number[] = [];
    for (const [key, net] of directions) {
      if (net === 0) continue;
      const low = Math.floor(key / itemCount);
      const high = key % itemCount;
      winner.push(net > 0 ? low : high);
      loser.push(net > 0 ? high : low);
    }
    return { winner, loser };
  };
  const rate = (directions: Map<number, number>) => {
    const { cycles, triangles } = countCyclicTriads(toEdges(directions));
    return proportion(cycles, triangles);
  };
  // Panel: per pair, judges for low / for high.
  const tallies = new Map<number, [number, number]>();
  for (const map of perJudge) {
    for (const [key, net] of map) {
      if (net === 0) continue;
      let tally = tallies.get(key);
      if (tally === undefined) {
        tally = [0, 0];
        tallies.set(key, tally);
      }
      tally[net > 0 ? 0 : 1]++;
    }
  }
  const majority = new Map<number, number>();
  const unanimous = new Map<number, number>();
  for (const [key, [forLow, forHigh]] of tallies) {
    if (forLow !== forHigh) majority.set(key, forLow > forHigh ? 1 : -1);
    if (forLow + forHigh >= 2 && (forLow === 0 || forHigh === 0)) unanimous.set(key, forLow > 0 ? 1 : -1);
  }
  return {
    transitivity: {
      perJudge: judgeIds.flatMap((judge, code) =>
        exclude.has(code) ? [] : [{ judge, cycleRate: rate(perJudge[code]!) }],
      ),
      majority: rate(majority),
      unanimous: rate(unanimous),
    },
    majorityEdges: toEdges(majority),
  };
}
