import type { ComparisonTable } from "@judgelab/datasets";
import { NO_LABEL } from "../agreement/gold-labels.js";
import type { ConditionsSection } from "../metrics-document.js";
import type { PairUnits } from "../pair-units.js";
import { measureRepetitionStability } from "../position-bias/measure-repetition-stability.js";
import { unavailable } from "../section.js";
import { countCyclicTriads } from "../stability/measure-transitivity.js";
import { mcnemarExactPValue } from "../stats/binomial-test.js";
import { proportion, statistic } from "../stats/proportion.js";

/**
 * Comparing conditions (experiments). `condition` holds a code per row (-1 = none), `labels` the names.
 * - accuracy per condition against the reference winners (ties/invalid wrong);
 * - cycle rate per condition: 3-cycles / closed triangles of the condition's net verdict per item pair;
 * - agreement with consensus: share of a condition's valid votes equal to the strict-majority label of all
 *   conditions' votes on the unit;
 * - repetition stability within the condition (control arm: identical inputs judged again);
 * - per condition pair, on shared (unit, order, judge) keys (the k-th judgment under one condition paired
 *   with the k-th under the other): flip rate = share with a different
 *   valid verdict, and McNemar's exact test on paired correctness (needs reference winners).
 */
export function measureConditions(options: {
  table: ComparisonTable;
  units: PairUnits;
  field: string;
  condition: Int32Array;
  labels: readonly string[];
  winner: Uint8Array | undefined;
  /** Label judges (gold), left out. */
  exclude?: ReadonlySet<number>;
}): ConditionsSection {
  const { table, units, field, labels, winner, exclude } = options;
  // Rows of label judges take no part: treat them as having no condition.
  const condition =
    exclude === undefined || exclude.size === 0
      ? options.condition
      : options.condition.map((code, row) => (exclude.has(table.judge[row]!) ? -1 : code));
  const consensus = voteConsensus(table, units, condition);
  const { stats, keyed } = tallyConditions({ table, units, condition, labels, winner, consensus });
  const itemCount = table.itemIds.length;
  const perCondition = labels.map((name, code) => ({
    condition: name,
    ...describeCondition(stats[code]!, itemCount),
    repetitionStability: measureConditionStability(table, units, (row) => condition[row] === code),
  }));
  const pairs = compareConditionPairs({ units, labels, winner, keyed });
  return { field, perCondition, pairs };
}

/** Counts of one condition's judgments ({@link tallyConditions}). */
interface ConditionTally {
  comparisons: number;
  correct: number;
  scored: number;
  agree: number;
  withConsensus: number;
  /** Net verdict per item pair (low · items + high): + when the low item won more often. */
  net: Map<number, number>;
}

/** Consensus over all conditions: the strict majority of the valid labels per unit (NO_LABEL without one). */
function voteConsensus(table: ComparisonTable, units: PairUnits, condition: Int32Array): Uint8Array {
  const unitTotals = new Uint32Array(units.count * 3);
  for (let row = 0; row < table.size; row++) {
    const unit = units.unit[row]!;
    if (unit >= 0 && condition[row]! >= 0 && units.label[row]! < 3) unitTotals[unit * 3 + units.label[row]!]!++;
  }
  const consensus = new Uint8Array(units.count).fill(NO_LABEL);
  for (let u = 0; u < units.count; u++) {
    const sum = unitTotals[u * 3]! + unitTotals[u * 3 + 1]! + unitTotals[u * 3 + 2]!;
    for (let l = 0; l < 3; l++) if (unitTotals[u * 3 + l]! * 2 > sum) consensus[u] = l;
  }
  return consensus;
}

/**
 * One pass over the rows: each condition's {@link ConditionTally}, and its rows keyed by (unit, order, judge)
 * for pairing judgments across conditions.
 */
function tallyConditions(options: {
  table: ComparisonTable;
  units: PairUnits;
  condition: Int32Array;
  labels: readonly string[];
  winner: Uint8Array | undefined;
  consensus: Uint8Array;
}): { stats: ConditionTally[]; keyed: Map<string, number[]>[] } {
  const { table, units, condition, labels, winner, consensus } = options;
  const itemCount = table.itemIds.length;
  const stats: ConditionTally[] = labels.map(() => ({
    comparisons: 0,
    correct: 0,
    scored: 0,
    agree: 0,
    withConsensus: 0,
    net: new Map<number, number>(),
  }));
  // Keyed verdicts for pairing across conditions.
  const keyed = labels.map(() => new Map<string, number[]>());
  for (let row = 0; row < table.size; row++) {
    const code = condition[row]!;
    const unit = units.unit[row]!;
    if (code < 0 || unit < 0) continue;
    const entry = stats[code]!;
    entry.comparisons++;
    const label = units.label[row]!;
    if (winner !== undefined && winner[unit] !== NO_LABEL) {
      entry.scored++;
      if (label === winner[unit]) entry.correct++;
    }
    if (label < 3 && consensus[unit] !== NO_LABEL) {
      entry.withConsensus++;
      if (label === consensus[unit]) entry.agree++;
    }
    if (label < 2) {
      const pair = units.low[unit]! * itemCount + units.high[unit]!;
      entry.net.set(pair, (entry.net.get(pair) ?? 0) + (label === 0 ? 1 : -1));
    }
    const key = `${unit}:${units.lowFirst[row]}:${table.judge[row]}`;
    const list = keyed[code]!.get(key);
    if (list === undefined) keyed[code]!.set(key, [row]);
    else list.push(row);
  }
  return { stats, keyed };
}

/** Repetition stability within one condition: the instance-weighted mean over judges (control arm). */
function measureConditionStability(
  table: ComparisonTable,
  units: PairUnits,
  inCondition: (row: number) => boolean,
): ConditionsSection["perCondition"][number]["repetitionStability"] {
  const perJudge = measureRepetitionStability(table, units, inCondition);
  let sum = 0;
  let instances = 0;
  for (const judge of perJudge) {
    if (!judge.available || judge.value.value === null) continue;
    sum += judge.value.value * judge.value.n;
    instances += judge.value.n;
  }
  return instances === 0
    ? unavailable("no (pair, order, judge) was judged more than once in this condition")
    : { available: true as const, value: statistic(sum / instances, instances) };
}

/** Accuracy, cycle rate of the net verdicts and agreement with the consensus of one condition. */
function describeCondition(entry: ConditionTally, itemCount: number) {
  const winners: number[] = [];
  const losers: number[] = [];
  for (const [pair, net] of entry.net) {
    if (net === 0) continue;
    const low = Math.floor(pair / itemCount);
    const high = pair % itemCount;
    winners.push(net > 0 ? low : high);
    losers.push(net > 0 ? high : low);
  }
  const { cycles, triangles } = countCyclicTriads({ winner: winners, loser: losers });
  return {
    comparisons: entry.comparisons,
    accuracy:
      entry.scored === 0
        ? unavailable("no reference winner for this condition's pairs")
        : { available: true as const, rate: proportion(entry.correct, entry.scored) },
    cycleRate: proportion(cycles, triangles),
    agreementWithConsensus: proportion(entry.agree, entry.withConsensus),
  };
}

/**
 * Per condition pair, on shared (unit, order, judge) keys (the k-th judgment under one condition paired with the
 * k-th under the other): the flip rate and McNemar's exact test on paired correctness.
 */
function compareConditionPairs(options: {
  units: PairUnits;
  labels: readonly string[];
  winner: Uint8Array | undefined;
  keyed: Map<string, number[]>[];
}): ConditionsSection["pairs"] {
  const { units, labels, winner, keyed } = options;
  const conditionCount = labels.length;
  const pairs: ConditionsSection["pairs"][number][] = [];
  for (let a = 0; a < conditionCount; a++) {
    for (let b = a + 1; b < conditionCount; b++) {
      let shared = 0;
      let flips = 0;
      let onlyA = 0;
      let onlyB = 0;
      let scored = 0;
      for (const [key, rowsA] of keyed[a]!) {
        const rowsB = keyed[b]!.get(key);
        if (rowsB === undefined) continue;
        for (let index = 0; index < Math.min(rowsA.length, rowsB.length); index++) {
          const rowA = rowsA[index]!;
          const rowB = rowsB[index]!;
          const labelA = units.label[rowA]!;
          const labelB = units.label[rowB]!;
          if (labelA < 3 && labelB < 3) {
            shared++;
            if (labelA !== labelB) flips++;
          }
          const truth = winner?.[units.unit[rowA]!];
          if (truth !== undefined && truth !== NO_LABEL) {
            scored++;
            const okA = labelA === truth;
            const okB = labelB === truth;
            if (okA && !okB) onlyA++;
            if (okB && !okA) onlyB++;
          }
        }
      }
      pairs.push({
        a: labels[a]!,
        b: labels[b]!,
        flipRate: proportion(flips, shared),
        mcnemar:
          scored === 0
            ? unavailable("no shared judgment with a reference winner")
            : { available: true, onlyACorrect: onlyA, onlyBCorrect: onlyB, pValue: mcnemarExactPValue(onlyA, onlyB) },
      });
    }
  }
  return pairs;
}
