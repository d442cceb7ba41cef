import type { ComparisonTable } from "@judgelab/datasets";
import type { Statistic } from "../metrics-document.js";
import type { OrderPairs } from "../order-pairs.js";
import type { PairUnits } from "../pair-units.js";
import { statistic } from "../stats/proportion.js";

/**
 * Shi et al. 2024 preference fairness per judge (Slimshilin/Position-Bias-Analyzer,
 * `calculate_consistency_and_preference/`). Vote pairs (original, swapped) with labels A = first, B = second,
 * C = tie are primacy (AA, AC, CA), recency (BB, BC, CB) or consistent. They are grouped into units of
 * (judge, model, task): model = the unordered pair of the two items' producers (with one fixed reference model
 * this is "the model"), task = the items' category (the low item's; none → one task). Per unit,
 * PF_raw = recency·rp − primacy·pp with pp, rp the primacy and recency shares of its inconsistent pairs, and
 * PF = PF_raw / T with T = (vote pairs of the judge on that task, unparsed included) / (number of models it
 * judged on that task), so PF ∈ [−1, 1] for balanced designs (−1 always primacy, +1 always recency). A judge's
 * PF is the mean over its units (docs/metrics.md); upstream averages over the global models × tasks grid, which is
 * the same when every judge judged every model on every task (as in Judging-the-Judges). Without
 * producers all pairs form one model per task. Pairs with an unparsed vote count only towards T.
 */
export function measurePreferenceFairness(options: {
  table: ComparisonTable;
  units: PairUnits;
  pairs: OrderPairs;
  producer?: readonly (string | undefined)[] | undefined;
  category?: readonly (string | undefined)[] | undefined;
}): Statistic[] {
  const { table, units, pairs, producer, category } = options;
  // Per judge: unit key → [primacy, recency, valid pairs]; per judge and task: all pairs and the models seen.
  const unitsByJudge = table.judgeIds.map(() => new Map<string, [number, number, number]>());
  const taskPairs = table.judgeIds.map(() => new Map<string, { pairs: number; models: Set<string> }>());
  const modelOf = (item: number) => producer?.[item] ?? "";
  for (let index = 0; index < pairs.count; index++) {
    const unit = pairs.unit[index]!;
    const low = units.low[unit]!;
    const twoModels = [modelOf(low), modelOf(units.high[unit]!)].sort();
    const model = `${twoModels[0]}\u0000${twoModels[1]}`;
    const task = category?.[low] ?? "";
    const judge = pairs.judge[index]!;
    let taskEntry = taskPairs[judge]!.get(task);
    if (taskEntry === undefined) {
      taskEntry = { pairs: 0, models: new Set() };
      taskPairs[judge]!.set(task, taskEntry);
    }
    taskEntry.pairs++;
    taskEntry.models.add(model);
    const original = table.verdict[pairs.lowFirstRow[index]!]!;
    const swapped = table.verdict[pairs.highFirstRow[index]!]!;
    if (original === 3 || swapped === 3) continue;
    const key = `${model}\u0001${task}`;
    let counts = unitsByJudge[judge]!.get(key);
    if (counts === undefined) {
      counts = [0, 0, 0];
      unitsByJudge[judge]!.set(key, counts);
    }
    const hasFirst = original === 0 || swapped === 0;
    const hasSecond = original === 1 || swapped === 1;
    if (hasFirst && !hasSecond) counts[0]++;
    else if (hasSecond && !hasFirst) counts[1]++;
    counts[2]++;
  }
  return table.judgeIds.map((_, judge) => {
    if (unitsByJudge[judge]!.size === 0) return statistic(Number.NaN, 0);
    let sum = 0;
    let votePairs = 0;
    for (const [key, [primacy, recency, valid]] of unitsByJudge[judge]!) {
      const taskEntry = taskPairs[judge]!.get(key.slice(key.indexOf("\u0001") + 1))!;
      const t = taskEntry.pairs / taskEntry.models.size;
      const inconsistent = primacy + recency;
      const pp = inconsistent === 0 ? 0 : primacy / inconsistent;
      const rp = inconsistent === 0 ? 0 : recency / inconsistent;
      sum += (recency * rp - primacy * pp) / t;
      votePairs += valid;
    }
    return statistic(sum / unitsByJudge[judge]!.size, votePairs);
  });
}
