import { type BradleyTerryPosterior, fitBradleyTerryPosterior, type PairCells } from "@judgelab/ratings";
import { pairOfKey, type Standings } from "./tournament-standings.js";

/** The Bradley–Terry posterior of one scheduling group, with the map from group position to item index. */
export interface GroupPosterior {
  /** Item indices of the group; position `g` of the posterior arrays is item `items[g]`. */
  readonly items: readonly number[];
  readonly posterior: BradleyTerryPosterior;
}

/**
 * Fits the Laplace posterior ({@link fitBradleyTerryPosterior}, prior N(0, 1/λ)) of a group's items on the pair
 * outcomes recorded so far (`standings.pairResults`; ties half a win each way). Pairs never cross groups, so the
 * group's games are exactly the pairs with both items in it.
 */
export function fitGroupPosterior(options: {
  standings: Standings;
  group: readonly number[];
  prior: number;
}): GroupPosterior {
  const { standings, group } = options;
  const position = new Map<number, number>();
  for (const [index, item] of group.entries()) position.set(item, index);
  const first: number[] = [];
  const second: number[] = [];
  const firstWins: number[] = [];
  const secondWins: number[] = [];
  const ties: number[] = [];
  for (const [key, result] of standings.pairResults) {
    const [lowerItem, higherItem] = pairOfKey(key);
    const lower = position.get(lowerItem);
    const higher = position.get(higherItem);
    if (lower === undefined || higher === undefined) continue;
    first.push(lower);
    second.push(higher);
    firstWins.push(result.lowerWins);
    secondWins.push(result.higherWins);
    ties.push(result.ties);
  }
  const cells: PairCells = {
    size: first.length,
    itemIds: group.map(String),
    judgeIds: [],
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    positional: new Uint8Array(first.length),
    judge: new Int32Array(first.length).fill(-1),
    firstWins: Float64Array.from(firstWins),
    secondWins: Float64Array.from(secondWins),
    ties: Float64Array.from(ties),
    invalidCount: 0,
  };
  return { items: group, posterior: fitBradleyTerryPosterior(cells, { prior: options.prior }) };
}
