import type { ComparisonTable } from "@judgelab/datasets";
import type { Interval, SelfPreferenceRow } from "../metrics-document.js";
import type { PairUnits } from "../pair-units.js";
import { proportion, statistic } from "../stats/proportion.js";

/**
 * Self-preference per judge J of family F, **paired**: on the pair units (same two items, same prompt) that J and
 * at least one judge of another family both judged, and that hold exactly one item written by family F, the mean
 * of d_u = s_J(u) − s_O(u), where s_J(u) is the share of J's decided votes on u won by the F item and s_O(u) the
 * same share averaged over the other-family judges that judged u (each judge weighted equally). Comparing the same
 * answer pairs removes what an unpaired difference of win rates mixes in: other judges reading other, easier or
 * harder pairs (e.g. AlpacaEval's GPT-4-turbo annotators judged every model against a GPT-4-turbo baseline, while
 * Claude judged text-davinci-003 against a different baseline). This is the paired design of self-preference studies
 * (Panickssery et al. 2024; Wataoka et al. 2024): the same pairs, judged by the model itself and by others.
 *
 * Interval: d̄ ± 1.96·sd(d)/√n over units (units independent; normal approximation, method "normal"). The two
 * win rates are reported on the same paired units, so `ownFamilyWinRate − otherJudgesWinRate` equals the
 * difference up to the per-unit weighting. Judges without any shared unit get a row with n = 0 and
 * `notEstimable` saying why.
 */
export function measureSelfPreference(options: {
  table: ComparisonTable;
  units: PairUnits;
  producerFamily: readonly (string | undefined)[];
  judgeFamily: readonly (string | undefined)[];
  exclude: ReadonlySet<number>;
}): SelfPreferenceRow[] {
  const { table, units, producerFamily, judgeFamily, exclude } = options;
  const judgeCount = table.judgeIds.length;
  const { perCell, unitsOfJudge, judgesOfUnit } = tallyMixedFamilyVotes(table, units, producerFamily, exclude);
  const rows: SelfPreferenceRow[] = [];
  table.judgeIds.forEach((judge, code) => {
    const family = judgeFamily[code];
    if (family === undefined || exclude.has(code)) return;
    const differences: number[] = [];
    let ownSum = 0;
    let otherSum = 0;
    let ownUnits = 0;
    for (const unit of unitsOfJudge[code]!) {
      const lowFamily = producerFamily[units.low[unit]!];
      const highFamily = producerFamily[units.high[unit]!];
      if (lowFamily !== family && highFamily !== family) continue;
      ownUnits++;
      const ownIsLow = lowFamily === family;
      const share = (judgeCode: number) => {
        const [lowWins, votes] = perCell.get(unit * judgeCount + judgeCode)!;
        return ownIsLow ? lowWins / votes : 1 - lowWins / votes;
      };
      let others = 0;
      let otherShare = 0;
      for (const other of judgesOfUnit.get(unit) ?? []) {
        if (other === code || judgeFamily[other] === family) continue;
        otherShare += share(other);
        others++;
      }
      if (others === 0) continue;
      const own = share(code);
      ownSum += own;
      otherSum += otherShare / others;
      differences.push(own - otherShare / others);
    }
    if (ownUnits === 0) return;
    const n = differences.length;
    if (n === 0) {
      rows.push({
        judge,
        family,
        pairedUnits: 0,
        ownFamilyWinRate: proportion(0, 0),
        otherJudgesWinRate: proportion(0, 0),
        difference: statistic(Number.NaN, 0),
        notEstimable: `none of the ${ownUnits} ${family}-vs-other pairs it judged was judged by a judge of another family`,
      });
      return;
    }
    const mean = differences.reduce((sum, value) => sum + value, 0) / n;
    const variance = n < 2 ? Number.NaN : differences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
    const half = 1.959963984540054 * Math.sqrt(variance / n);
    const ci: Interval | undefined = Number.isFinite(half)
      ? { lower: mean - half, upper: mean + half, level: 0.95, method: "normal" }
      : undefined;
    rows.push({
      judge,
      family,
      pairedUnits: n,
      ownFamilyWinRate: statistic(ownSum / n, n),
      otherJudgesWinRate: statistic(otherSum / n, n),
      difference: statistic(mean, n, ci),
    });
  });
  return rows;
}

/**
 * Per (unit, judge): [votes for the low item, decided votes], keyed unit · judges + judge. Sparse: only units
 * with one item of a known family (or two of different families); also which units each judge judged and which
 * judges judged each unit.
 */
function tallyMixedFamilyVotes(
  table: ComparisonTable,
  units: PairUnits,
  producerFamily: readonly (string | undefined)[],
  exclude: ReadonlySet<number>,
): { perCell: Map<number, [number, number]>; unitsOfJudge: Set<number>[]; judgesOfUnit: Map<number, number[]> } {
  const judgeCount = table.judgeIds.length;
  const perCell = new Map<number, [number, number]>();
  const unitsOfJudge: Set<number>[] = Array.from({ length: judgeCount }, () => new Set());
  const judgesOfUnit = new Map<number, number[]>();
  for (let row = 0; row < table.size; row++) {
    const verdict = table.verdict[row]!;
    const judge = table.judge[row]!;
    const unit = units.unit[row]!;
    if (verdict > 1 || unit < 0 || exclude.has(judge)) continue;
    const lowFamily = producerFamily[units.low[unit]!];
    const highFamily = producerFamily[units.high[unit]!];
    if (lowFamily === highFamily || (lowFamily === undefined && highFamily === undefined)) continue;
    const key = unit * judgeCount + judge;
    let cell = perCell.get(key);
    if (cell === undefined) {
      cell = [0, 0];
      perCell.set(key, cell);
      unitsOfJudge[judge]!.add(unit);
      const list = judgesOfUnit.get(unit) ?? [];
      list.push(judge);
      judgesOfUnit.set(unit, list);
    }
    const lowFirst = units.lowFirst[row] === 1;
    const lowWon = (verdict === 0) === lowFirst;
    if (lowWon) cell[0]++;
    cell[1]++;
  }
  return { perCell, unitsOfJudge, judgesOfUnit };
}
