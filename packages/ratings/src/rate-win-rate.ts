import { computeMeanScores } from "./compute-mean-scores.js";
import { findBaselines } from "./find-baselines.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import type { MethodResult, MethodSettings } from "./rate-methods.js";
import { withRowBootstrap } from "./with-row-bootstrap.js";

const Z95 = 1.959963984540054;

/**
 * The baselines of data shaped as "items vs a baseline" ({@link findBaselines}) and warnings when one win-rate
 * table pools several baselines or judges: win rates against different baselines (AlpacaEval 1's
 * text_davinci_003 vs AlpacaEval 2's gpt4_1106_preview) or from different judges measure different things.
 */
export function describeBaselines(outcomes: PairwiseOutcomes): Pick<MethodResult, "reportFields"> {
  const baselines = findBaselines(outcomes);
  if (baselines.length === 0) return {};
  const warnings: string[] = [];
  if (baselines.length > 1) {
    const listed = baselines
      .map((baseline) => `${outcomes.itemIds[baseline.item]} in ${baseline.comparisons} comparisons`)
      .join(", ");
    warnings.push(
      `this table pools ${baselines.length} baselines (${listed}), e.g. AlpacaEval 1 and 2: win rates against different baselines are not comparable; rate each baseline's comparisons separately (e.g. --by judge)`,
    );
  }
  const judges = new Set<number>();
  if (outcomes.judge !== undefined)
    for (let row = 0; row < outcomes.size; row++) if (outcomes.verdict[row]! <= 2) judges.add(outcomes.judge[row]!);
  if (judges.size > 1) {
    warnings.push(
      `this table pools ${judges.size} judges on baseline comparisons; published baseline win rates (AlpacaEval) are per annotator: use --by judge`,
    );
  }
  const baselineIds = baselines.map((baseline) => outcomes.itemIds[baseline.item] as string);
  return { reportFields: { baselines: baselineIds, ...(warnings.length === 0 ? {} : { warnings }) } };
}

/**
 * Win rate with ties as half a win and continuous preferences where present ({@link computeMeanScores}),
 * AlpacaEval's leaderboard figure, with its standard error sd(s)/√n and a 95% normal interval s̄ ± 1.96·SE
 * clipped to [0, 1]. The bootstrap only adds rank intervals (rows resampled with their preferences).
 */
export function rateHalfTieWinRate(outcomes: PairwiseOutcomes, settings: MethodSettings): MethodResult {
  const scores = computeMeanScores(outcomes);
  const soft = scores.fromPreference.reduce((sum, value) => sum + value, 0) / 2;
  const parameters = {
    interval: "normal 95%: mean ± 1.96·SE, clipped to [0, 1]",
    ties: "half a win",
    standardError: "sd(score)/√n, ddof 1 (AlpacaEval's standard_error)",
    preference: soft > 0 ? `continuous preference used for ${soft} comparisons` : "none in the data",
  };
  const lower = scores.mean.map((mean, i) => Math.max(0, mean - Z95 * scores.standardError[i]!));
  const upper = scores.mean.map((mean, i) => Math.min(1, mean + Z95 * scores.standardError[i]!));
  const base = {
    rating: scores.mean,
    lower,
    upper,
    standardError: scores.standardError,
    parameters,
    ...describeBaselines(outcomes),
  };
  const intervals = "95% normal intervals mean ± 1.96·SE (SE = sd/√n, ddof 1, as AlpacaEval)";
  if (settings.rounds === 0) return { ...base, intervals: `${intervals}; no rank intervals` };
  return withRowBootstrap(
    outcomes,
    settings,
    base,
    (sample) => computeMeanScores(sample).mean,
    `${intervals}; rank intervals over ${settings.rounds} row-bootstrap rounds`,
  );
}
