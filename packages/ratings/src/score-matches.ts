import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { RatingsError } from "./ratings-error.js";

/**
 * Collapses rows that share a match code into one outcome per match (the "match unit"): the item that won more
 * of the match's valid rows wins the match; equal counts (a split, e.g. one win each across both orders, or only
 * ties) make the match a tie. Rows with no match (code −1) stay as they are; a match whose rows are all invalid
 * becomes one invalid row. The match keeps the first row's orientation; its order is known only when every
 * row showed the same item first with a known order. Its time is the earliest row time; its judge is the rows'
 * judge when they all share one, else −1 (a panel).
 *
 * Throws a RatingsError ("unsuitable-data") when a match mixes different item pairs (a match is one pair of items).
 */
export function scoreMatches(outcomes: PairwiseOutcomes): PairwiseOutcomes {
  const match = outcomes.match;
  if (match === undefined) return outcomes;
  const firstRowOfMatch = new Map<number, number>();
  const order: number[] = [];
  const balance: number[] = [];
  const validRows: number[] = [];
  const known: number[] = [];
  const times: number[] = [];
  const judges: number[] = [];
  for (let row = 0; row < outcomes.size; row++) {
    const code = match[row]!;
    const a = outcomes.first[row]!;
    const b = outcomes.second[row]!;
    const verdict = outcomes.verdict[row]!;
    const time = outcomes.time?.[row] ?? Number.NaN;
    const rowKnown = outcomes.orderKnown === undefined || outcomes.orderKnown[row] !== 0 ? 1 : 0;
    let slot: number;
    let sameOrientation = true;
    const existing = code < 0 ? undefined : firstRowOfMatch.get(code);
    if (existing === undefined) {
      slot = order.length;
      order.push(row);
      balance.push(0);
      validRows.push(0);
      known.push(rowKnown);
      times.push(time);
      judges.push(outcomes.judge?.[row] ?? -1);
      if (code >= 0) firstRowOfMatch.set(code, slot);
    } else {
      slot = existing;
      const head = order[slot]!;
      const headFirst = outcomes.first[head]!;
      const headSecond = outcomes.second[head]!;
      if (a === headFirst && b === headSecond) sameOrientation = true;
      else if (a === headSecond && b === headFirst) sameOrientation = false;
      else {
        throw new RatingsError(
          "unsuitable-data",
          `scoreMatches: row ${row}: match ${code} mixes pairs (${outcomes.itemIds[a]}, ${outcomes.itemIds[b]}) and (${outcomes.itemIds[headFirst]}, ${outcomes.itemIds[headSecond]})`,
        );
      }
      if (!sameOrientation || rowKnown === 0) known[slot] = 0;
      if (judges[slot] !== (outcomes.judge?.[row] ?? -1)) judges[slot] = -1;
      if (!(time >= times[slot]!)) times[slot] = Number.isNaN(time) ? times[slot]! : time;
    }
    if (verdict > 2) continue;
    validRows[slot] = validRows[slot]! + 1;
    if (verdict === 2) continue;
    const headWins = (verdict === 0) === sameOrientation;
    balance[slot] = balance[slot]! + (headWins ? 1 : -1);
  }
  const size = order.length;
  const first = new Int32Array(size);
  const second = new Int32Array(size);
  const verdict = new Uint8Array(size);
  const matchCodes = new Int32Array(size);
  for (let slot = 0; slot < size; slot++) {
    const head = order[slot]!;
    first[slot] = outcomes.first[head]!;
    second[slot] = outcomes.second[head]!;
    matchCodes[slot] = match[head]!;
    const score = balance[slot]!;
    verdict[slot] = validRows[slot] === 0 ? 3 : score > 0 ? 0 : score < 0 ? 1 : 2;
  }
  return {
    size,
    itemIds: outcomes.itemIds,
    first,
    second,
    verdict,
    orderKnown: Uint8Array.from(known),
    match: matchCodes,
    time: Float64Array.from(times),
    ...(outcomes.judge === undefined ? {} : { judge: Int32Array.from(judges) }),
    ...(outcomes.judgeIds === undefined ? {} : { judgeIds: outcomes.judgeIds }),
  };
}
