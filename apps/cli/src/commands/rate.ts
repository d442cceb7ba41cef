import { resolve } from "node:path";
import { DatasetError, groupCodesByItemField, type ItemGrouping, loadDataset, splitByJudge } from "@judgelab/datasets";
import {
  groupItems,
  type PairwiseOutcomes,
  type RateItemsOptions,
  type RatingMethod,
  RatingsError,
  rateItems,
} from "@judgelab/ratings";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { formatRatingReport, type PrintedRatingReport } from "../format-rating-report.js";
import { parseIntegerOption, parseNumberOption, parseOptions, parseSeedOption } from "../parse-options.js";
import { resolveDatasetInput } from "../paths.js";

const METHODS: readonly RatingMethod[] = ["elo", "bt", "trueskill", "glicko2", "openskill", "winrate"];

const HELP = `Usage: judgelab rate <dataset-dir|comparisons.jsonl|run-dir> --method elo|bt|trueskill|glicko2|openskill|winrate
                     [--by judge] [--bootstrap N] [--seed S] [--anchor ID=VALUE] [--ties half|davidson|excluded]
                     [--order-effect] [--judge-aware] [--prior X] [--unit comparison|match] [--group FIELD]
                     [--draw-probability P] [--top N] [--json]

Rates the items of a dataset and prints one row per item, best first: rating, 95% interval, rank and rank
interval, Arena's rank-by-interval, wins-losses-ties and win rate with its Wilson interval.

Methods
  bt         Bradley–Terry maximum likelihood on the Elo scale (400·log10 odds, mean 1000 or --anchor);
             --ties half (Arena, default) or davidson; --order-effect adds δ for the first position;
             --judge-aware fits one discrimination per judge (arXiv 2601.21817); --prior X sets the L2 prior λ
             on log-strengths (N(0, 1/λ)); by default none when the maximum-likelihood estimate exists, else
             λ = 1 (DEFAULT_PRIOR: an item never lost or never won, or groups of items never met), printed with
             the reason; --prior 0 refuses any prior.
             Intervals: multinomial bootstrap over cells.
  elo        online Elo (K 4, scale 400, start 1000); with --bootstrap the median over row resamples (Arena).
  trueskill  TrueSkill match by match in time order (μ 25, σ 25/3, β 25/6, τ 25/300, draw probability 0
             without ties, else the tie share); rating = (μ − 3σ)·10 + 1200, shown as the seed system's
             "1565±40", with the rank within the item's category ("#52 of 2292").
  glicko2    Glicko-2 (Glickman 2013; τ 0.5) over rating periods of 5 × items comparisons.
  openskill  Weng–Lin Plackett–Luce (openskill's defaults); rating = ordinal μ − 3σ.
  winrate    wins / (wins + losses) with the Wilson interval (--ties excluded, default); --ties half counts a
             tie as half a win and uses a comparison's continuous preference where the data has one
             (AlpacaEval's weighted annotators): AlpacaEval's win rate, printed in percent with its standard
             error 100·sd/√n (ddof 1) as the leaderboard prints it. Warns when one table pools several
             baselines (e.g. AlpacaEval 1 and 2) or judges.

Options
  --bootstrap N    bootstrap rounds (default 1000; 0 = none: Wald/RD/seed intervals, no rank intervals)
  --seed S         seed of the bootstrap (default 1, as every command); written into the output
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
    help: HELP,
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
      top: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      "give exactly one dataset folder, comparisons .jsonl file or run folder, e.g. `judgelab rate datasets/demo-papers --method bt`",
    );
  }
  const options = parseRateOptions(values);
  const top = parseIntegerOption("top", values.top, -1);
  const target = resolveDatasetInput(resolve(io.cwd, positionals[0] as string));
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
  const grouping =
    typeof values.group === "string" ? groupingOf(dataset.items, table.itemIds, values.group) : undefined;
  const categoryById = new Map(dataset.items.map((item) => [item.id, item.category]));
  const categories = grouping === undefined ? table.itemIds.map((id) => categoryById.get(id)) : undefined;
  const groups: { judge: string | undefined; outcomes: PairwiseOutcomes }[] = [];
  if (values.by === "judge") {
    for (const split of splitByJudge(table)) groups.push({ judge: split.judge, outcomes: split.table });
  } else if (values.by !== undefined) {
    throw new UsageError(`--by takes "judge", got "${values.by}"`);
  } else {
    groups.push({ judge: undefined, outcomes: table });
  }
  const reports = groups.map((group) =>
    rateTable({ ...group, grouping, options: { ...options, ...(categories === undefined ? {} : { categories }) } }),
  );
  if (values.json === true) {
    const output = values.by === "judge" ? { by: "judge", reports } : reports[0];
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    io.stdout(reports.map((report) => formatRatingReport(report, top)).join("\n"));
  }
  return ExitCode.ok;
};

/**
 * Rates one table (all comparisons, or one judge's), by groups of items when `grouping` is given. Only refusals of
 * the options or data (RatingsError codes) are the user's to fix (exit 2); any other error is a bug and reaches
 * the dispatcher as an internal failure (exit 1).
 */
function rateTable(table: {
  judge: string | undefined;
  outcomes: PairwiseOutcomes;
  grouping: ItemGrouping | undefined;
  options: RateItemsOptions;
}): PrintedRatingReport {
  const { judge, grouping } = table;
  try {
    const grouped = grouping === undefined ? undefined : groupItems(table.outcomes, grouping);
    const report = rateItems(grouped?.outcomes ?? table.outcomes, table.options);
    return {
      ...(judge === undefined ? {} : { judge }),
      ...report,
      ...(grouping === undefined || grouped === undefined
        ? {}
        : {
            grouping: {
              field: grouping.field,
              groups: grouping.groupIds.length,
              sameGroupRows: grouped.sameGroupRows,
              ungroupedRows: grouped.ungroupedRows,
            },
          }),
    };
  } catch (error) {
    if (error instanceof RatingsError)
      throw new UsageError(`${judge === undefined ? "" : `judge ${judge}: `}${error.message}`);
    throw error;
  }
}

/** `--group FIELD`: the items' groups, or a usage error when no item has the field. */
function groupingOf(
  items: readonly Record<string, unknown>[],
  itemIds: readonly string[],
  field: string,
): ItemGrouping {
  const grouping = groupCodesByItemField(items, itemIds, field);
  if (grouping === undefined) {
    throw new UsageError(
      `--group ${field}: no item has a "${field}" field (top level or in metadata); check items.jsonl`,
    );
  }
  return grouping;
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
  const allowedTies = method === "bt" ? ["half", "davidson"] : method === "winrate" ? ["half", "excluded"] : [];
  if (ties !== undefined && !allowedTies.includes(ties)) {
    throw new UsageError(
      allowedTies.length === 0
        ? `--ties applies to --method bt (half, davidson) and winrate (half, excluded), not ${method}`
        : `--ties with --method ${method} must be ${allowedTies.join(" or ")}, got "${ties}"`,
    );
  }
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
    seed: parseSeedOption(values.seed as string | undefined),
    unit,
    ...(anchor === undefined ? {} : { anchor }),
    ...(ties === undefined ? {} : { ties: ties as "half" | "davidson" | "excluded" }),
    ...(values["order-effect"] === true ? { orderEffect: true } : {}),
    ...(values["judge-aware"] === true ? { judgeAware: true } : {}),
    ...(values.prior === undefined ? {} : { prior: parseNumberOption("prior", values.prior as string, 0) }),
    ...(values["draw-probability"] === undefined
      ? {}
      : { trueSkill: { drawProbability: parseDrawProbability(values) } }),
  };
}
