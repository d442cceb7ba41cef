import type { ComparisonTable } from "@judgelab/datasets";
import type { ItemInfo } from "../analysis-input.js";
import type { PositionBiasSection, Section } from "../metrics-document.js";
import type { OrderPairs } from "../order-pairs.js";
import type { PairUnits } from "../pair-units.js";
import { unavailable } from "../section.js";
import { CONFOUNDED_LABEL, detectOrderConfounding } from "./detect-order-confounding.js";
import { measureBothOrders } from "./measure-both-orders.js";
import { measureFirstPositionRate } from "./measure-first-position-rate.js";
import { measureConsistencyByGap, measureOrderEffect } from "./measure-order-effect.js";
import { measurePreferenceFairness } from "./measure-preference-fairness.js";
import { measureRepetitionStability } from "./measure-repetition-stability.js";

/** Position bias per judge (see the doc comments of the parts). Unavailable when no order is known. */
export function measurePositionBias(options: {
  table: ComparisonTable;
  units: PairUnits;
  orderPairs: OrderPairs;
  ratings: Float64Array | undefined;
  /** The pooled fit's solver parameters (θ), a warm start for the per-judge order-effect fits. */
  start?: Float64Array | undefined;
  windows: number;
  items: ItemInfo | undefined;
}): Section<PositionBiasSection> {
  const { table, units, orderPairs, ratings, windows, items, start } = options;
  if (!table.orderKnown.includes(1)) return unavailable("no comparison records its presentation order");
  const first = measureFirstPositionRate(table, windows);
  const both = measureBothOrders(table, units, orderPairs);
  const repetition = measureRepetitionStability(table, units);
  const fairness = measurePreferenceFairness({
    table,
    units,
    pairs: orderPairs,
    producer: items?.producer,
    category: items?.category,
  });
  return {
    available: true,
    perJudge: table.judgeIds.map((judge, code) => {
      const shiParts = both[code]!.shi;
      const orderDesign = detectOrderConfounding({ table, judge: code, producer: items?.producer });
      const confounded = orderDesign.confounded;
      return {
        judge,
        ...first[code]!,
        ...(confounded ? { binomialPValue: null } : {}),
        orderDesign,
        bothOrders: both[code]!.bothOrders,
        shi: shiParts.available
          ? { ...shiParts, preferenceFairness: fairness[code]!, repetitionStability: repetition[code]! }
          : shiParts,
        orderEffect: confounded
          ? unavailable(`${CONFOUNDED_LABEL} (${orderDesign.with}: ${orderDesign.detail})`)
          : measureOrderEffect(table, code, start),
        consistencyByGap:
          ratings === undefined
            ? unavailable("no pooled leaderboard (see stability)")
            : measureConsistencyByGap({ table, units, pairs: orderPairs, judge: code, ratings }),
      };
    }),
  };
}
