import { type ComparisonTable, itemCovariates, itemFieldGroups } from "@judgelab/datasets";
import {
  type ClusteringSummary,
  clusterInput,
  groupItems,
  type PairwiseOutcomes,
  type RatingReport,
  rateItems,
  SINGLE_VALUE_COVARIATE_WARNING,
  selectSideFeatureRows,
  sideFeaturesFromItems,
} from "@judgelab/ratings";
import type { Item } from "@judgelab/schema";
import { ReportError } from "../report-error.js";

/** Style control asked of the report (`judgelab report --control`). */
export interface ReportStyleControl {
  /** As `judgelab rate --control`: length, tokens, markdown, headers, bold, lists or numeric item fields. */
  readonly names: readonly string[];
  readonly ridge?: number | undefined;
  /** Count a missing value as 0 instead of failing. */
  readonly missing?: "zero" | undefined;
}

/**
 * Rate groups of items in the controlled boards (e.g. "producer": answers → the models that wrote them, as
 * AlpacaEval and Arena do). Style control needs it when items are single answers: the covariates then vary
 * within each rated unit.
 */
export interface ReportGrouping {
  readonly field: string;
}

/** A controlled leaderboard, or why it is not shown. */
export type ControlledBoard =
  | { readonly available: true; readonly report: RatingReport }
  | {
      readonly available: false;
      readonly reason: string;
    };

/** The report's controlled leaderboards (both Wald, not cluster-robust: see {@link computeControlledRatings}). */
export interface ControlledRatings {
  /**
   * How the rated comparisons fall into matches ("auto" clustering: matches when some match holds more than one
   * judgment): the Wald intervals treat every comparison as independent, so with matches of several judgments
   * they are too narrow, and the sections say so.
   */
  readonly clustering: ClusteringSummary;
  /** Bradley–Terry with style covariates, side by side with plain Bradley–Terry; only when asked for. */
  readonly style?: ControlledBoard | undefined;
  /** Judge-aware Bradley–Terry with a scale γ_k and a position effect δ_k per judge. */
  readonly judgeBias: ControlledBoard;
}

/** Above this many items the dense judge-aware fit (items³ per step) is left to `judgelab rate`. */
export const MAX_JUDGE_BIAS_ITEMS = 500;

/**
 * Fits the two controlled leaderboards of the report on the whole table, with 95% Wald intervals from the Fisher
 * information (no bootstrap: the report's main leaderboard carries the clustered bootstrap; these boards show how
 * the ranking moves once style or judge bias is modelled). The Wald intervals are not cluster-robust: a
 * bootstrap of the judge-bias board costs items³ per refit (up to {@link MAX_JUDGE_BIAS_ITEMS} items), too much for
 * every report, so the boards stay Wald and `clustering` records how far from independent the comparisons are
 * (`judgelab rate --control … / --judge-aware --order-effect` with `--bootstrap N` gives clustered intervals).
 * Each item's `rankShift` compares with plain
 * Bradley–Terry on the same comparisons. Data that cannot carry a model give `available: false` with the reason
 * (e.g. one judge without known presentation order); a missing style covariate throws (the caller asked for it).
 */
export function computeControlledRatings(options: {
  readonly table: ComparisonTable;
  readonly items: readonly Item[];
  readonly control?: ReportStyleControl | undefined;
  readonly group?: ReportGrouping | undefined;
}): ControlledRatings {
  const { table, control } = options;
  const grouping =
    options.group === undefined ? undefined : itemFieldGroups(options.items, table.itemIds, options.group.field);
  const grouped = grouping === undefined ? undefined : groupItems(table, grouping);
  const outcomes: PairwiseOutcomes = grouped?.outcomes ?? table;
  let style: ControlledBoard | undefined;
  if (control !== undefined) {
    const covariates = readCovariates(options.items, table.itemIds, control);
    const used = new Set<number>();
    for (let row = 0; row < table.size; row++) used.add(table.first[row]!).add(table.second[row]!);
    const missing = covariates.names.flatMap((name, k) => {
      const ids = covariates.missing[k]!.filter((id) => used.has(table.itemIds.indexOf(id)));
      return ids.length === 0 || control.missing === "zero" ? [] : [`${name}: ${ids.slice(0, 10).join(", ")}`];
    });
    if (missing.length > 0) {
      throw new ReportError(
        "invalid-style-control",
        `style control: compared items without a value (${missing.join("; ")}); add the values or use --control-missing zero`,
        { covariates: control.names.join(",") },
      );
    }
    const features = sideFeaturesFromItems(table, covariates);
    style = attempt(() => {
      const report = rateItems(outcomes, {
        method: "bt",
        bootstrapRounds: 0,
        control: {
          features: grouped === undefined ? features : selectSideFeatureRows(features, grouped.keptRows),
          ridge: control.ridge ?? 0,
        },
      });
      if (grouped !== undefined) return report;
      return { ...report, warnings: [...(report.warnings ?? []), SINGLE_VALUE_COVARIATE_WARNING] };
    });
  }
  // Only the clustering summary is kept: aggregating the rows once is linear in the comparisons.
  const { clustering } = clusterInput(outcomes, { cluster: "auto" });
  return { clustering, style, judgeBias: judgeBiasBoard(outcomes) };
}

/** The items' style covariates; what the items cannot give is a {@link ReportError} "invalid-style-control". */
function readCovariates(
  items: readonly Item[],
  itemIds: readonly string[],
  control: ReportStyleControl,
): ReturnType<typeof itemCovariates> {
  try {
    return itemCovariates(items, itemIds, control.names, { missing: control.missing ?? "error" });
  } catch (error) {
    // datasets' itemCovariates refuses a covariate listed twice or not numeric with a RangeError.
    if (error instanceof RangeError)
      throw new ReportError("invalid-style-control", error.message, { covariates: control.names.join(",") });
    throw error;
  }
}

function judgeBiasBoard(table: PairwiseOutcomes): ControlledBoard {
  if (table.judge === undefined || (table.judgeIds ?? []).length === 0)
    return { available: false, reason: "the comparisons name no judge" };
  let ordered = 0;
  for (let row = 0; row < table.size; row++) {
    if (table.judge[row]! < 0 && table.verdict[row] !== 3)
      return { available: false, reason: "some comparisons name no judge" };
    if (table.orderKnown?.[row] !== 0 && table.judge[row]! >= 0) ordered++;
  }
  if (ordered === 0) return { available: false, reason: "no comparison records its presentation order" };
  if (table.itemIds.length > MAX_JUDGE_BIAS_ITEMS) {
    return {
      available: false,
      reason: `more than ${MAX_JUDGE_BIAS_ITEMS} items (the dense judge-aware fit grows as items³); run judgelab rate --method bt --judge-aware --order-effect`,
    };
  }
  return attempt(() => rateItems(table, { method: "bt", judgeAware: true, orderEffect: true, bootstrapRounds: 0 }));
}

function attempt(fit: () => RatingReport): ControlledBoard {
  try {
    const report = fit();
    if (report.converged === false)
      return { available: false, reason: report.warnings?.join("; ") ?? "the fit did not converge" };
    return { available: true, report };
  } catch (error) {
    if (error instanceof RangeError) return { available: false, reason: error.message };
    throw error;
  }
}
