import type { ComparisonTable } from "@judgelab/datasets";
import type { GoldAgreementRow } from "../metrics-document.js";
import type { OrderPairs } from "../order-pairs.js";
import type { PairUnits } from "../pair-units.js";
import { unavailable } from "../section.js";
import { proportion, statistic } from "../stats/proportion.js";
import { type GoldLabels, NO_LABEL } from "./gold-labels.js";

/**
 * Accuracy of each judge against gold labels on units whose label is a win (tie labels are skipped),
 * LLMBar conventions: every vote counts, a tie or unparsed verdict is wrong. Per order: votes where the
 * gold winner was shown first / second (order known). Averaged = mean of the two per-order accuracies.
 * Correct in both orders: both-order vote pairs where both votes are correct (LLMBar `correct_both`).
 * Judges that provide the labels are left out.
 */
export function measureGoldAgreement(options: {
  table: ComparisonTable;
  units: PairUnits;
  orderPairs: OrderPairs;
  gold: GoldLabels;
}): GoldAgreementRow[] {
  const { table, units, orderPairs, gold } = options;
  const judgeCount = table.judgeIds.length;
  // [correct, n, correct better-first, n better-first, correct better-second, n better-second]
  const counts = new Float64Array(judgeCount * 6);
  for (let row = 0; row < table.size; row++) {
    const unit = units.unit[row]!;
    if (unit < 0) continue;
    const label = gold.label[unit]!;
    if (label === NO_LABEL || label === 2) continue;
    const base = table.judge[row]! * 6;
    const correct = units.label[row] === label ? 1 : 0;
    counts[base]! += correct;
    counts[base + 1]!++;
    if (table.orderKnown[row] !== 1) continue;
    const betterFirst = (label === 0) === (units.lowFirst[row] === 1);
    const offset = betterFirst ? 2 : 4;
    counts[base + offset]! += correct;
    counts[base + offset + 1]!++;
  }
  const both = new Float64Array(judgeCount * 2);
  for (let index = 0; index < orderPairs.count; index++) {
    const label = gold.label[orderPairs.unit[index]!]!;
    if (label === NO_LABEL || label === 2) continue;
    const judge = orderPairs.judge[index]!;
    both[judge * 2 + 1]!++;
    if (
      units.label[orderPairs.lowFirstRow[index]!] === label &&
      units.label[orderPairs.highFirstRow[index]!] === label
    ) {
      both[judge * 2]!++;
    }
  }
  const rows: GoldAgreementRow[] = [];
  for (let judge = 0; judge < judgeCount; judge++) {
    const base = judge * 6;
    if (gold.labelJudges.has(judge) || counts[base + 1] === 0) continue;
    const first = proportion(counts[base + 2]!, counts[base + 3]!);
    const second = proportion(counts[base + 4]!, counts[base + 5]!);
    const averaged = first.value === null || second.value === null ? Number.NaN : (first.value + second.value) / 2;
    rows.push({
      judge: table.judgeIds[judge]!,
      accuracy: proportion(counts[base]!, counts[base + 1]!),
      accuracyBetterFirst: first,
      accuracyBetterSecond: second,
      accuracyAveraged: statistic(averaged, counts[base + 3]! + counts[base + 5]!),
      correctBothOrders:
        both[judge * 2 + 1] === 0
          ? unavailable("no labelled pair was judged in both orders by this judge")
          : { available: true, rate: proportion(both[judge * 2]!, both[judge * 2 + 1]!) },
    });
  }
  return rows;
}
