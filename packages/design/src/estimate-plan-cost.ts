import { DEFAULT_PRICES_DATE, PriceTable } from "@judgelab/tournament";

/** What a plan's comparisons would cost with named judge models. */
export interface PlanCost {
  readonly comparisons: number;
  /** Mean cost of one comparison, judges taking comparisons in turn (US dollars). */
  readonly perComparisonUsd: number;
  readonly totalUsd: number;
  readonly inputTokensPerComparison: number;
  readonly outputTokensPerComparison: number;
  /** Models without a price: their comparisons count as free, so the total is a lower bound. */
  readonly unpriced: readonly string[];
  readonly pricesDate: string;
}

/**
 * Cost of `comparisons` comparisons shared equally by the judge models (the simulation's judges take matches in
 * turn): per model (input tokens × input price + output tokens × output price) / 10⁶ from `@judgelab/tournament`'s
 * dated price table, averaged over the models, times the comparisons.
 */
export function estimatePlanCost(options: {
  models: readonly string[];
  comparisons: number;
  inputTokensPerComparison: number;
  outputTokensPerComparison: number;
  prices?: PriceTable;
}): PlanCost {
  const prices = options.prices ?? new PriceTable();
  const unpriced: string[] = [];
  let sum = 0;
  for (const model of options.models) {
    const cost = prices.costOf({
      model,
      inputTokens: options.inputTokensPerComparison,
      outputTokens: options.outputTokensPerComparison,
    });
    if (cost === undefined) unpriced.push(model);
    else sum += cost;
  }
  const perComparisonUsd = sum / Math.max(1, options.models.length);
  return {
    comparisons: options.comparisons,
    perComparisonUsd,
    totalUsd: perComparisonUsd * options.comparisons,
    inputTokensPerComparison: options.inputTokensPerComparison,
    outputTokensPerComparison: options.outputTokensPerComparison,
    unpriced,
    pricesDate: DEFAULT_PRICES_DATE,
  };
}
