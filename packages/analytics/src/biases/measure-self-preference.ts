import type { ComparisonTable } from "@judgelab/datasets";
import type { Interval, SelfPreferenceRow } from "../metrics-document.js";
import { proportion, statistic } from "../stats/proportion.js";

/**
 * Self-preference per judge with a family F: on decided comparisons with exactly one item produced by
 * family F, the share that item wins under this judge, minus the same share under judges of other (or no)
 * families. The difference carries Newcombe's hybrid score interval (Newcombe 1998, method 10) built from
 * the two Wilson intervals: [d − √((p₁−l₁)² + (u₂−p₂)²), d + √((u₁−p₁)² + (p₂−l₂)²)].
 */
export function measureSelfPreference(options: {
  table: ComparisonTable;
  producerFamily: readonly (string | undefined)[];
  judgeFamily: readonly (string | undefined)[];
  exclude: ReadonlySet<number>;
}): SelfPreferenceRow[] {
  const { table, producerFamily, judgeFamily, exclude } = options;
  const families = [...new Set(judgeFamily.filter((family): family is string => family !== undefined))];
  // Per family: [own judge wins, own judge n] per judge, and [other wins, other n] pooled.
  const ownWins = new Float64Array(table.judgeIds.length);
  const ownCount = new Float64Array(table.judgeIds.length);
  const otherWins = new Map<string, number>();
  const otherCount = new Map<string, number>();
  for (let row = 0; row < table.size; row++) {
    const verdict = table.verdict[row]!;
    const judge = table.judge[row]!;
    if (verdict > 1 || exclude.has(judge)) continue;
    const firstFamily = producerFamily[table.first[row]!];
    const secondFamily = producerFamily[table.second[row]!];
    if (firstFamily === secondFamily) continue;
    const winnerFamily = verdict === 0 ? firstFamily : secondFamily;
    for (const family of families) {
      if (family !== firstFamily && family !== secondFamily) continue;
      const won = winnerFamily === family ? 1 : 0;
      if (judgeFamily[judge] === family) {
        ownWins[judge]! += won;
        ownCount[judge]!++;
      } else {
        otherWins.set(family, (otherWins.get(family) ?? 0) + won);
        otherCount.set(family, (otherCount.get(family) ?? 0) + 1);
      }
    }
  }
  const rows: SelfPreferenceRow[] = [];
  table.judgeIds.forEach((judge, code) => {
    const family = judgeFamily[code];
    if (family === undefined || exclude.has(code) || ownCount[code] === 0) return;
    const own = proportion(ownWins[code]!, ownCount[code]!);
    const other = proportion(otherWins.get(family) ?? 0, otherCount.get(family) ?? 0);
    rows.push({
      judge,
      family,
      ownFamilyWinRate: own,
      otherJudgesWinRate: other,
      difference: newcombeDifference(own, other),
    });
  });
  return rows;
}

/** Difference of two proportions with Newcombe's hybrid score interval; null when either side is empty. */
function newcombeDifference(
  a: ReturnType<typeof proportion>,
  b: ReturnType<typeof proportion>,
): ReturnType<typeof statistic> {
  if (a.value === null || b.value === null || a.ci === undefined || b.ci === undefined) return statistic(Number.NaN, 0);
  const d = a.value - b.value;
  const ci: Interval = {
    lower: d - Math.sqrt((a.value - a.ci.lower) ** 2 + (b.ci.upper - b.value) ** 2),
    upper: d + Math.sqrt((a.ci.upper - a.value) ** 2 + (b.value - b.ci.lower) ** 2),
    level: 0.95,
    method: "wilson",
  };
  return statistic(d, a.n + b.n, ci);
}
