import { resolve } from "node:path";
import {
  DatasetError,
  type ItemCovariates,
  itemCovariates,
  itemFieldGroups,
  loadDataset,
  selectRows,
} from "@judgelab/datasets";
import {
  groupItems,
  type PairwiseOutcomes,
  type RatedItem,
  type RateItemsOptions,
  type RatingMethod,
  type RatingReport,
  rateItems,
  SINGLE_VALUE_COVARIATE_WARNING,
  selectSideFeatureRows,
  sideFeaturesFromItems,
} from "@judgelab/ratings";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { formatTable } from "../format-table.js";
import { parseIntegerOption, parseNumberOption, parseOptions } from "../parse-options.js";

const METHODS: readonly RatingMethod[] = ["elo", "bt", "trueskill", "glicko2", "openskill", "winrate"];

const HELP = `Usage: judgelab rate <dataset-dir|comparisons.jsonl> --method elo|bt|trueskill|glicko2|openskill|winrate
                     [--by judge] [--bootstrap N] [--seed S] [--anchor ID=VALUE] [--ties half|davidson]
                     [--order-effect] [--judge-aware] [--prior X] [--unit comparison|match] [--group FIELD]
                     [--draw-probability P] [--top N] [--json]

Rates the items of a dataset and prints one row per item, best first: rating, 95% interval, rank and rank
interval, Arena's rank-by-interval, wins-losses-ties and win rate with its Wilson interval.

Methods
  bt         Bradley–Terry maximum likelihood on the Elo scale (400·log10 odds, mean 1000 or --anchor);
             --ties half (Arena, default), davidson (Davidson 1970 ν) or rao-kupper (Rao & Kupper 1967
             threshold κ); --order-effect adds δ for the first position;
             --judge-aware fits one discrimination per judge (arXiv 2601.21817), with --order-effect also one
             position effect δ per judge (ratings corrected for judge bias, with the rank shifts against
             plain bt); --prior X adds an L2 prior
             (needed when an item never lost or never won, or groups of items never met; warnings say so).
             Intervals: multinomial bootstrap over cells.
  elo        online Elo (K 4, scale 400, start 1000); with --bootstrap the median over row resamples (Arena).
  trueskill  TrueSkill match by match in time order (μ 25, σ 25/3, β 25/6, τ 25/300, draw probability 0
             without ties, else the tie share); rating = (μ − 3σ)·10 + 1200, shown as the seed system's
             "1565±40", with the rank within the item's category ("#52 of 2292").
  glicko2    Glicko-2 (Glickman 2013; τ 0.5) over rating periods of 5 × items comparisons.
  openskill  Weng–Lin Plackett–Luce (openskill's defaults); rating = ordinal μ − 3σ.
  winrate    wins / (wins + losses) with the Wilson interval.

Style control (bt; Chatbot Arena's "style control")
  --control LIST   fit Bradley–Terry with covariates, comma-separated: length (characters of the item's text,
                   else its length field), tokens (approximate tokens of the text), markdown (= headers, bold,
                   lists: markdown header, bold and list-item counts of the text), or any numeric item field (top
                   level or in metadata, e.g. quality). Counts enter as (a − b)/(a + b + 1), fields as a − b, each
                   divided by its root mean square over the comparisons. Prints the controlled leaderboard, each
                   coefficient with its interval, and the rank shift against the same fit without covariates.
                   With answers as items, add --group producer to rate the models under style control.
  --control-ridge X  L2 penalty X/2·Σγ² on the style coefficients (default 0)
  --control-missing zero  count a missing value as 0 (default: exit 2 naming the items without the value)

Options
  --bootstrap N    bootstrap rounds (default 1000; 0 = none: Wald/RD/seed intervals, no rank intervals)
  --seed S         seed of the bootstrap (default 0); written into the output
  --anchor ID=V    bt, elo: give item ID the rating V (e.g. --anchor gpt-4-0314=1000)
  --draw-probability P  trueskill: the draw probability (default 0 without ties, else the tie share)
  --unit match     score comparisons sharing a matchId as one match by majority (a split is a draw)
  --by judge       one rating table per judge
  --group FIELD    rate groups of items given by an item field instead of single items, e.g. --group producer
                   rates the models that wrote the answers (AlpacaEval, Arena); comparisons within one group
                   and items without the field are left out and counted
  --top N          print only the first N rows of each table (all with --json)
  --json           prints the RatingReport documented in packages/ratings/README.md ("JSON output");
                   with --by judge: {"by": "judge", "reports": [{"judge": ID, ...report}]}; with --group a
                   "grouping": {field, groups, sameGroupRows, ungroupedRows} is added to each report

Exit codes: 0 ok, 1 failure, 2 usage or invalid dataset.
`;

/** `judgelab rate`: ratings with bootstrap intervals and ranks for one dataset. */
export const rateCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "rate",
    argv,
    options: {
      method: { type: "string" },
      by: { type: "string" },
      bootstrap: { type: "string" },
      seed: { type: "string" },
      anchor: { type: "string" },
      ties: { type: "string" },
      "order-effect": { type: "boolean" },
      "judge-aware": { type: "boolean" },
      "draw-probability": { type: "string" },
      prior: { type: "string" },
      unit: { type: "string" },
      group: { type: "string" },
      control: { type: "string" },
      "control-ridge": { type: "string" },
      "control-missing": { type: "string" },
      top: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (values.help === true) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      "give exactly one dataset folder or comparisons .jsonl file, e.g. `judgelab rate datasets/demo-papers --method bt`",
    );
  }
  const options = parseRateOptions(values);
  const top = parseIntegerOption("top", values.top, -1);
  const target = resolve(io.cwd, positionals[0] as string);
  let dataset: Awaited<ReturnType<typeof loadDataset>>;
  try {
    dataset = await loadDataset(target);
  } catch (error) {
    if (error instanceof DatasetError) {
      io.stderr(`judgelab rate: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
  const { table } = dataset;
  const covariates = parseControl(values, dataset.items, table);
  const grouping =
    typeof values.group === "string" ? groupByItemField(dataset.items, table.itemIds, values.group) : undefined;
  const categoryById = new Map(dataset.items.map((item) => [item.id, item.category]));
  const categories = grouping === undefined ? table.itemIds.map((id) => categoryById.get(id)) : undefined;
  const groups: { judge: string | undefined; outcomes: PairwiseOutcomes }[] = [];
  if (values.by === "judge") {
    table.judgeIds.forEach((judge, code) => {
      const mask = new Uint8Array(table.size);
      for (let row = 0; row < table.size; row++) mask[row] = table.judge[row] === code ? 1 : 0;
      groups.push({ judge, outcomes: selectRows(table, mask) });
    });
  } else if (values.by !== undefined) {
    throw new UsageError(`--by takes "judge", got "${values.by}"`);
  } else {
    groups.push({ judge: undefined, outcomes: table });
  }
  const reports: (RatingReport & { judge?: string; grouping?: GroupingSummary })[] = [];
  for (const group of groups) {
    try {
      let outcomes = group.outcomes;
      let features = covariates === undefined ? undefined : sideFeaturesFromItems(outcomes, covariates);
      let groupingSummary: GroupingSummary | undefined;
      if (grouping !== undefined) {
        const grouped = groupItems(outcomes, grouping);
        outcomes = grouped.outcomes;
        if (features !== undefined) features = selectSideFeatureRows(features, grouped.keptRows);
        groupingSummary = {
          field: grouping.field,
          groups: grouping.groupIds.length,
          sameGroupRows: grouped.sameGroupRows,
          ungroupedRows: grouped.ungroupedRows,
        };
      }
      const report = rateItems(outcomes, {
        ...options,
        ...(categories === undefined ? {} : { categories }),
        ...(features === undefined
          ? {}
          : { control: { features, ridge: parseNumberOption("control-ridge", values["control-ridge"] as string, 0) } }),
      });
      // Without --group each rated item has one value per covariate, so the covariate is a function of the pair
      // of items and is told apart from the strengths only through the ratio's curvature: say so.
      const fixedCovariates: string[] =
        features !== undefined && grouping === undefined ? [SINGLE_VALUE_COVARIATE_WARNING] : [];
      const warnings = [...(report.warnings ?? []), ...fixedCovariates];
      reports.push({
        ...(group.judge === undefined ? {} : { judge: group.judge }),
        ...report,
        ...(warnings.length === 0 ? {} : { warnings }),
        ...(groupingSummary === undefined ? {} : { grouping: groupingSummary }),
      });
    } catch (error) {
      if (error instanceof RangeError)
        throw new UsageError(`${group.judge === undefined ? "" : `judge ${group.judge}: `}${error.message}`);
      throw error;
    }
  }
  if (values.json === true) {
    const output = values.by === "judge" ? { by: "judge", reports } : reports[0];
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    io.stdout(reports.map((report) => formatReport(report, top)).join("\n"));
  }
  return ExitCode.ok;
};

/** How items were grouped (`--group`), reported with the ratings. */
interface GroupingSummary {
  readonly field: string;
  readonly groups: number;
  readonly sameGroupRows: number;
  readonly ungroupedRows: number;
}

/**
 * Per-item covariates of `--control` for the items of `table`; exit 2 naming the items without a value unless
 * `--control-missing zero`. Only items that appear in a comparison count.
 */
function parseControl(
  values: Record<string, string | boolean | undefined>,
  items: Parameters<typeof itemCovariates>[0],
  table: { size: number; itemIds: readonly string[]; first: Int32Array; second: Int32Array },
): ItemCovariates | undefined {
  const control = values.control;
  if (control === undefined) {
    for (const flag of ["control-ridge", "control-missing"])
      if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --control`);
    return undefined;
  }
  if (typeof control !== "string" || control.trim() === "")
    throw new UsageError("--control takes a comma-separated list, e.g. --control length,markdown");
  if (values.method !== "bt") throw new UsageError("--control applies to --method bt only");
  const missingPolicy = values["control-missing"];
  if (missingPolicy !== undefined && missingPolicy !== "zero")
    throw new UsageError(`--control-missing takes "zero", got "${missingPolicy}"`);
  const ridge = parseNumberOption("control-ridge", values["control-ridge"] as string | undefined, 0);
  if (!(ridge >= 0)) throw new UsageError(`--control-ridge must be ≥ 0, got ${ridge}`);
  let covariates: ItemCovariates;
  try {
    covariates = itemCovariates(
      items,
      table.itemIds,
      control.split(",").map((name) => name.trim()),
      missingPolicy === "zero" ? { missing: "zero" } : {},
    );
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const used = new Uint8Array(table.itemIds.length);
  for (let row = 0; row < table.size; row++) {
    used[table.first[row] as number] = 1;
    used[table.second[row] as number] = 1;
  }
  const codeOf = new Map(table.itemIds.map((id, code) => [id, code]));
  const problems: string[] = [];
  covariates.names.forEach((name, k) => {
    const ids = (covariates.missing[k] ?? []).filter((id) => used[codeOf.get(id) as number] === 1);
    if (ids.length === 0 || missingPolicy === "zero") return;
    const what =
      covariates.kinds[k] === "ratio" ? (name === "length" ? "text or length" : "text") : `numeric "${name}" field`;
    problems.push(
      `--control ${name}: ${ids.length} compared item${ids.length === 1 ? " has" : "s have"} no ${what}: ${ids.slice(0, 10).join(", ")}${ids.length > 10 ? `, … (${ids.length - 10} more)` : ""}`,
    );
  });
  if (problems.length > 0) {
    throw new UsageError(
      `${problems.join("; ")}. Give every compared item the value in items.jsonl, or pass --control-missing zero to count a missing value as 0`,
    );
  }
  return covariates;
}

function parseDrawProbability(values: Record<string, string | boolean | undefined>): number {
  const value = parseNumberOption("draw-probability", values["draw-probability"] as string, 0);
  if (values.method !== "trueskill") throw new UsageError("--draw-probability applies to --method trueskill only");
  if (!(value >= 0 && value < 1)) throw new UsageError(`--draw-probability must be in [0, 1), got ${value}`);
  return value;
}

function parseRateOptions(values: Record<string, string | boolean | undefined>): RateItemsOptions {
  const method = values.method;
  if (typeof method !== "string" || !METHODS.includes(method as RatingMethod)) {
    throw new UsageError(
      `--method must be one of ${METHODS.join(", ")}${typeof method === "string" ? `, got "${method}"` : ""}`,
    );
  }
  const bootstrapRounds = parseIntegerOption("bootstrap", values.bootstrap as string | undefined, 1000);
  if (bootstrapRounds < 0) throw new UsageError("--bootstrap must be 0 or more");
  const unit = (values.unit as string | undefined) ?? "comparison";
  if (unit !== "comparison" && unit !== "match")
    throw new UsageError(`--unit must be comparison or match, got "${unit}"`);
  const ties = values.ties as string | undefined;
  if (ties !== undefined && ties !== "half" && ties !== "davidson" && ties !== "rao-kupper")
    throw new UsageError(`--ties must be half, davidson or rao-kupper, got "${ties}"`);
  let anchor: { item: string; value: number } | undefined;
  if (typeof values.anchor === "string") {
    const split = values.anchor.lastIndexOf("=");
    const value = Number(values.anchor.slice(split + 1));
    if (split <= 0 || !Number.isFinite(value))
      throw new UsageError(`--anchor takes ITEM=VALUE, e.g. --anchor baseline=1000, got "${values.anchor}"`);
    anchor = { item: values.anchor.slice(0, split), value };
  }
  return {
    method: method as RatingMethod,
    bootstrapRounds,
    seed: parseIntegerOption("seed", values.seed as string | undefined, 0),
    unit,
    ...(anchor === undefined ? {} : { anchor }),
    ...(ties === undefined ? {} : { ties }),
    ...(values["order-effect"] === true ? { orderEffect: true } : {}),
    ...(values["judge-aware"] === true ? { judgeAware: true } : {}),
    ...(values.prior === undefined ? {} : { prior: parseNumberOption("prior", values.prior as string, 0) }),
    ...(values["draw-probability"] === undefined
      ? {}
      : { trueSkill: { drawProbability: parseDrawProbability(values) } }),
  };
}

const fixed = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined ? "-" : value.toFixed(digits);

function formatReport(report: RatingReport & { judge?: string; grouping?: GroupingSummary }, top: number): string {
  const digits = report.method === "winrate" || report.method === "openskill" ? 3 : 1;
  const columns = [
    { header: "rank", align: "right" as const, cell: (item: RatedItem) => fixed(item.rank, 0) },
    { header: "item", cell: (item: RatedItem) => item.id },
    {
      header: report.method === "trueskill" ? "score" : "rating",
      align: "right" as const,
      cell: (item: RatedItem) => item.display ?? fixed(item.rating, digits),
    },
    {
      header: "95% interval",
      align: "right" as const,
      cell: (item: RatedItem) =>
        item.ciLower === null ? "-" : `${fixed(item.ciLower, digits)}..${fixed(item.ciUpper, digits)}`,
    },
    {
      header: "rank range",
      align: "right" as const,
      cell: (item: RatedItem) => (item.rankLower === null ? "-" : `${item.rankLower}-${item.rankUpper}`),
    },
    { header: "rank by CI", align: "right" as const, cell: (item: RatedItem) => fixed(item.rankByInterval, 0) },
    { header: "W-L-T", align: "right" as const, cell: (item: RatedItem) => `${item.wins}-${item.losses}-${item.ties}` },
    {
      header: "win rate",
      align: "right" as const,
      cell: (item: RatedItem) => (item.winRate === null ? "-" : `${(100 * item.winRate).toFixed(1)}%`),
    },
    ...(report.method === "trueskill"
      ? [{ header: "category rank", cell: (item: RatedItem) => item.categoryRank ?? "-" }]
      : []),
    ...(report.items[0]?.uncontrolledRank === undefined
      ? []
      : [
          {
            header: "uncontrolled",
            align: "right" as const,
            cell: (item: RatedItem) =>
              `${fixed(item.uncontrolledRating, digits)} (#${fixed(item.uncontrolledRank, 0)})`,
          },
          {
            header: "shift",
            align: "right" as const,
            cell: (item: RatedItem) =>
              item.rankShift === null || item.rankShift === undefined
                ? "-"
                : item.rankShift > 0
                  ? `+${item.rankShift}`
                  : String(item.rankShift),
          },
        ]),
  ];
  const rows = top >= 0 ? report.items.slice(0, top) : report.items;
  const lines = [
    `${report.judge === undefined ? "" : `judge ${report.judge}: `}${report.method}, ${report.comparisons} ${report.unit === "match" ? "matches" : "comparisons"}` +
      `${report.invalid > 0 ? ` (${report.invalid} invalid left out)` : ""}, seed ${report.seed}, ${report.bootstrapRounds} bootstrap rounds`,
    `intervals: ${report.intervals}`,
  ];
  if (report.grouping !== undefined) {
    const { field, groups, sameGroupRows, ungroupedRows } = report.grouping;
    lines.push(
      `grouped by ${field}: ${groups} groups; left out ${sameGroupRows} comparisons within one group and ${ungroupedRows} with an item without "${field}"`,
    );
  }
  if (report.orderEffect !== undefined) {
    const effect = report.orderEffect;
    lines.push(
      `order effect δ = ${effect.value.toFixed(3)} (SE ${fixed(effect.standardError, 3)}, 95% ${fixed(effect.ciLower, 3)}..${fixed(effect.ciUpper, 3)}; ${effect.elo.toFixed(1)} Elo for the first position)`,
    );
  }
  if (report.tieParameter !== undefined) {
    const tie = report.tieParameter;
    lines.push(
      `${report.parameters.ties === "rao-kupper" ? "Rao–Kupper tie threshold κ" : "Davidson tie parameter ν"} = ${tie.value.toFixed(3)} (95% ${fixed(tie.ciLower, 3)}..${fixed(tie.ciUpper, 3)})`,
    );
  }
  if (report.control !== undefined) {
    lines.push(
      `style control (${report.control.intervals}${report.control.ridge > 0 ? `, ridge ${report.control.ridge}` : ""}): ` +
        report.control.covariates
          .map(
            (covariate) =>
              `${covariate.name} γ = ${covariate.value.toFixed(3)} (95% ${fixed(covariate.ciLower, 3)}..${fixed(covariate.ciUpper, 3)})`,
          )
          .join(", "),
      'ratings are controlled for style; "uncontrolled" is the same fit without the covariates, "shift" the rank change (+ = up)',
    );
  }
  if (report.judges !== undefined) {
    lines.push(
      `judge discrimination γ: ${report.judges.map((judge) => `${judge.id} ${judge.discrimination.toFixed(3)} (SE ${judge.standardError.toFixed(3)})`).join(", ")}`,
    );
    const positioned = report.judges.filter((judge) => judge.positionEffect !== undefined);
    if (positioned.length > 0) {
      lines.push(
        `judge position effect δ (log-odds for the first position, 95% interval): ${positioned
          .map(
            (judge) =>
              `${judge.id} ${judge.positionEffect!.value.toFixed(3)} (${fixed(judge.positionEffect!.ciLower, 3)}..${fixed(judge.positionEffect!.ciUpper, 3)})`,
          )
          .join(", ")}`,
        'ratings are corrected for judge bias (scale γ and position δ per judge); "uncontrolled" is plain Bradley–Terry, "shift" the rank change (+ = up)',
      );
    }
  }
  for (const warning of report.warnings ?? []) lines.push(`warning: ${warning}`);
  if (report.converged === false && (report.warnings ?? []).length === 0) {
    lines.push("warning: the fit did not converge; try --prior 0.01");
  }
  if ((report.nonConvergedRounds ?? 0) > 0)
    lines.push(`warning: ${report.nonConvergedRounds} bootstrap rounds did not converge`);
  return `${lines.join("\n")}\n${formatTable(rows, columns)}`;
}

/** `--group FIELD`: item code → group code ({@link itemFieldGroups}), as a usage error when no item has the field. */
function groupByItemField(
  items: Parameters<typeof itemFieldGroups>[0],
  itemIds: readonly string[],
  field: string,
): ReturnType<typeof itemFieldGroups> {
  try {
    return itemFieldGroups(items, itemIds, field);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}
