import { type GoldLabels, NO_LABEL } from "../agreement/gold-labels.js";
import type { PairUnits } from "../pair-units.js";

/**
 * Reference winner per unit (0 low, 1 high, {@link NO_LABEL}) and |reference gap| (NaN when unknown):
 * from per-item reference scores (the higher score wins; equal scores give no winner), else from gold labels.
 */
export function referenceWinners(
  units: PairUnits,
  itemScore: Float64Array | undefined,
  gold: GoldLabels | undefined,
): { winner: Uint8Array; gap: Float64Array } {
  const winner = new Uint8Array(units.count).fill(NO_LABEL);
  const gap = new Float64Array(units.count).fill(Number.NaN);
  for (let u = 0; u < units.count; u++) {
    if (itemScore !== undefined) {
      const difference = itemScore[units.low[u]!]! - itemScore[units.high[u]!]!;
      if (Number.isFinite(difference) && difference !== 0) {
        winner[u] = difference > 0 ? 0 : 1;
        gap[u] = Math.abs(difference);
      }
    } else if (gold !== undefined && gold.label[u]! < 2) winner[u] = gold.label[u]!;
  }
  return { winner, gap };
}
