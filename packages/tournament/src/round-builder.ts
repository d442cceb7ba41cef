import { belowHardCap, needsMatches, type StopRules } from "./item-convergence.js";
import { matchQuality, pairKey, type Standings } from "./tournament-standings.js";

/**
 * Collects the matches of one round under the shared constraints: no pair repeated (across the whole run, within
 * the item group), at most `perItem` matches per item per round, nobody beyond the hard match cap.
 */
export class RoundBuilder {
  readonly matches: [number, number][] = [];
  private readonly plannedCount: Map<number, number> = new Map();
  private readonly roundPairs = new Set<number>();

  constructor(
    readonly standings: Standings,
    readonly stop: StopRules,
    readonly perItem: number,
    /** Items in the top group of their category (tighter σ target). */
    readonly top: ReadonlySet<number>,
  ) {}

  planned(item: number): number {
    return this.plannedCount.get(item) ?? 0;
  }

  /** Whether the item still has room this round. */
  hasRoom(item: number): boolean {
    const planned = this.planned(item);
    return planned < this.perItem && belowHardCap(this.standings, this.stop, item, planned);
  }

  /** Whether the item still needs matches (stop rules), counting what this round already gives it. */
  needs(item: number): boolean {
    return needsMatches({
      item,
      standings: this.standings,
      stop: this.stop,
      inTop: this.top.has(item),
      plannedThisRound: this.planned(item),
    });
  }

  canPair(a: number, b: number): boolean {
    if (a === b || !this.hasRoom(a) || !this.hasRoom(b)) return false;
    const key = pairKey(a, b);
    return !this.standings.playedPairs.has(key) && !this.roundPairs.has(key);
  }

  /** Adds a match when allowed; returns whether it was added. */
  tryAdd(a: number, b: number): boolean {
    if (!this.canPair(a, b)) return false;
    this.matches.push([a, b]);
    this.roundPairs.add(pairKey(a, b));
    this.plannedCount.set(a, this.planned(a) + 1);
    this.plannedCount.set(b, this.planned(b) + 1);
    return true;
  }

  /** The allowed opponent of `item` among `candidates` with the highest TrueSkill match quality (first wins ties). */
  bestOpponent(item: number, candidates: readonly number[]): number | undefined {
    let best: number | undefined;
    let bestQuality = -1;
    for (const candidate of candidates) {
      if (!this.canPair(item, candidate)) continue;
      const quality = matchQuality(this.standings, item, candidate);
      if (quality > bestQuality) {
        bestQuality = quality;
        best = candidate;
      }
    }
    return best;
  }
}
