import type { PairwiseOutcomes } from "./pairwise-outcomes.js";

/** A baseline: an item that every comparison of its opponents is against, with its valid comparisons. */
export interface Baseline {
  readonly item: number;
  readonly comparisons: number;
}

/** Most baselines looked for; more hubs than this is a tournament, not "models vs a baseline". */
const MAX_BASELINES = 20;

/**
 * The baselines of data shaped as "items vs a fixed baseline" (AlpacaEval, Arena-Hard, MT-Bench pairwise-baseline):
 * a small set of items that takes part in every valid comparison. Found by a greedy vertex cover of the
 * comparison graph (repeatedly take the item in most uncovered comparisons); the data count as baseline-shaped
 * when the cover needs at most a third of the compared items (and at most 20), each met by at least two distinct
 * opponents. Returns [] otherwise, e.g. for round robins (a cover of n − 1 items) or a single pair.
 * Win rates against different baselines (AlpacaEval 1 vs 2: text_davinci_003 vs gpt4_1106_preview) measure
 * different things and must not share one table.
 */
export function findBaselines(outcomes: PairwiseOutcomes): Baseline[] {
  const itemCount = outcomes.itemIds.length;
  const rows: number[] = [];
  const compared = new Uint8Array(itemCount);
  for (let row = 0; row < outcomes.size; row++) {
    if (outcomes.verdict[row]! > 2) continue;
    const a = outcomes.first[row]!;
    const b = outcomes.second[row]!;
    if (a === b) continue;
    rows.push(row);
    compared[a] = 1;
    compared[b] = 1;
  }
  const items = compared.reduce((sum, flag) => sum + flag, 0);
  const limit = Math.min(MAX_BASELINES, Math.floor(items / 3));
  const baselines: Baseline[] = [];
  let uncovered = rows;
  const count = new Float64Array(itemCount);
  while (uncovered.length > 0) {
    if (baselines.length >= limit) return [];
    count.fill(0);
    for (const row of uncovered) {
      const a = outcomes.first[row]!;
      const b = outcomes.second[row]!;
      count[a] = count[a]! + 1;
      count[b] = count[b]! + 1;
    }
    let hub = 0;
    for (let i = 1; i < itemCount; i++) if (count[i]! > count[hub]!) hub = i;
    const opponents = new Set<number>();
    for (const row of rows) {
      const a = outcomes.first[row]!;
      const b = outcomes.second[row]!;
      if (a === hub) opponents.add(b);
      else if (b === hub) opponents.add(a);
    }
    if (opponents.size < 2) return [];
    baselines.push({ item: hub, comparisons: 0 });
    uncovered = uncovered.filter((row) => outcomes.first[row] !== hub && outcomes.second[row] !== hub);
  }
  return baselines.map(({ item }) => ({
    item,
    comparisons: rows.reduce(
      (sum, row) => sum + (outcomes.first[row] === item || outcomes.second[row] === item ? 1 : 0),
      0,
    ),
  }));
}
