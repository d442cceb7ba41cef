import type { ComparisonTable } from "@judgelab/datasets";
import { aggregatePairCells, fitBradleyTerry, hasFiniteMle } from "@judgelab/ratings";
import type { Bin, Proportion, Section, Statistic } from "../metrics-document.js";
import type { OrderPairs } from "../order-pairs.js";
import type { PairUnits } from "../pair-units.js";
import { unavailable } from "../section.js";
import { FALLBACK_PRIOR } from "../stability/fit-leaderboard.js";
import { measureGraphDegree } from "../stability/graph-degree.js";
import { STABILITY_LIMITS } from "../stability/measure-stability.js";
import { selectOutcomes } from "../stability/select-outcomes.js";
import { proportion, statistic } from "../stats/proportion.js";

/**
 * The BT order effect δ of one judge (BradleyTerry2's home advantage): logit P(first wins) =
 * θ_first − θ_second + δ, fitted by `@judgelab/ratings` on the judge's decided and tied comparisons with known
 * order; reported on the Elo scale (δ·400/ln 10) with a normal 95% interval from the Fisher standard error
 * (exact also with the sparse solver above 500 items: one conjugate-gradient solve).
 * Needs items that meet at least two distinct opponents on average (otherwise θ and δ are confounded).
 */
export function measureOrderEffect(
  table: ComparisonTable,
  judge: number,
  pooledStart?: Float64Array,
): Section<{ delta: Statistic }> {
  const outcomes = selectOutcomes(
    table,
    (row) => table.judge[row] === judge && table.verdict[row]! < 3 && table.orderKnown[row] === 1,
  );
  if (outcomes.size === 0) return unavailable("no decided comparison with a known presentation order");
  const graph = measureGraphDegree(outcomes);
  if (graph.items > STABILITY_LIMITS.maxItems) {
    return unavailable(`${graph.items} items exceed the stability limit of ${STABILITY_LIMITS.maxItems}`);
  }
  if (graph.meanDegree < 2) {
    return unavailable("items meet fewer than two distinct opponents on average; see bothOrders for pair-level bias");
  }
  // Check the win graph first: without a finite MLE the plain Newton solve runs to its iteration limit.
  // Sparse fits start at the pooled θ with δ = 0 (same maximum, fewer Newton steps).
  const cells = aggregatePairCells(outcomes, { keepOrder: true });
  const start =
    pooledStart?.length === table.itemIds.length
      ? { start: Float64Array.from({ length: pooledStart.length + 1 }, (_, index) => pooledStart[index] ?? 0) }
      : {};
  let fit = hasFiniteMle(cells) ? fitBradleyTerry(cells, { orderEffect: true, ...start }) : undefined;
  if (fit === undefined || !(fit.finiteMle && fit.converged)) {
    fit = fitBradleyTerry(cells, { orderEffect: true, prior: FALLBACK_PRIOR, ...start });
  }
  const effect = fit.orderEffect;
  if (effect === undefined) return unavailable("the order effect could not be fitted");
  const perLogUnit = effect.value === 0 ? 400 / Math.LN10 : effect.elo / effect.value;
  const halfWidth = 1.959963984540054 * effect.standardError * perLogUnit;
  return {
    available: true,
    delta: statistic(effect.elo, outcomes.size, {
      lower: effect.elo - halfWidth,
      upper: effect.elo + halfWidth,
      level: 0.95,
      method: "normal",
    }),
  };
}

/** Rating-gap bin edges in Elo points for {@link measureConsistencyByGap}. */
export const GAP_BINS = [0, 50, 100, 200, 400, Number.POSITIVE_INFINITY];

/**
 * Both-order consistency of one judge by bins of |r_low − r_high| from the pooled ratings (Elo points):
 * position bias grows as the quality gap shrinks. Vote pairs with an invalid vote or an unrated item are
 * left out.
 */
export function measureConsistencyByGap(options: {
  table: ComparisonTable;
  units: PairUnits;
  pairs: OrderPairs;
  judge: number;
  ratings: Float64Array;
}): Section<{ bins: Bin<Proportion>[] }> {
  const { table, units, pairs, judge, ratings } = options;
  const consistent = new Float64Array(GAP_BINS.length - 1);
  const totals = new Float64Array(GAP_BINS.length - 1);
  for (let index = 0; index < pairs.count; index++) {
    if (pairs.judge[index] !== judge) continue;
    const lowRow = pairs.lowFirstRow[index]!;
    const highRow = pairs.highFirstRow[index]!;
    if (table.verdict[lowRow] === 3 || table.verdict[highRow] === 3) continue;
    const unit = pairs.unit[index]!;
    const gap = Math.abs(ratings[units.low[unit]!]! - ratings[units.high[unit]!]!);
    if (!Number.isFinite(gap)) continue;
    const bin = GAP_BINS.findIndex((edge, at) => gap >= edge && gap < GAP_BINS[at + 1]!);
    totals[bin]!++;
    if (units.label[lowRow] === units.label[highRow]) consistent[bin]!++;
  }
  if (totals.every((total) => total === 0)) return unavailable("no both-order pair with rated items");
  return {
    available: true,
    bins: Array.from(totals, (total, bin) => ({
      lower: GAP_BINS[bin]!,
      upper: Number.isFinite(GAP_BINS[bin + 1]!) ? GAP_BINS[bin + 1]! : null,
      value: proportion(consistent[bin]!, total),
    })),
  };
}
