import type { ComparisonTable } from "@judgelab/datasets";
import type { LengthBiasRow } from "../metrics-document.js";
import { binomialTestPValue } from "../stats/binomial-test.js";
import { proportion } from "../stats/proportion.js";

/**
 * Prefers-longer rate per judge (AlpacaEval): among decided comparisons whose items' lengths differ by more
 * than `threshold` characters, the share won by the longer item, with a Wilson CI and an exact binomial test
 * against 0.5. Rows with an item of unknown length (NaN) are left out. Judges without such rows are omitted.
 */
export function measureLengthBias(options: {
  table: ComparisonTable;
  length: ArrayLike<number>;
  threshold: number;
  exclude: ReadonlySet<number>;
}): LengthBiasRow[] {
  const { table, length, threshold, exclude } = options;
  const longerWins = new Float64Array(table.judgeIds.length);
  const counted = new Float64Array(table.judgeIds.length);
  for (let row = 0; row < table.size; row++) {
    const verdict = table.verdict[row]!;
    if (verdict > 1) continue;
    const difference = length[table.first[row]!]! - length[table.second[row]!]!;
    if (!(Math.abs(difference) > threshold)) continue;
    const judge = table.judge[row]!;
    counted[judge]!++;
    if (difference > 0 === (verdict === 0)) longerWins[judge]!++;
  }
  return table.judgeIds.flatMap((judge, code) =>
    exclude.has(code) || counted[code] === 0
      ? []
      : [
          {
            judge,
            prefersLonger: proportion(longerWins[code]!, counted[code]!),
            binomialPValue: binomialTestPValue(longerWins[code]!, counted[code]!),
          },
        ],
  );
}
