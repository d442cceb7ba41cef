import { resolve } from "node:path";
import { groupItemsByField, type ItemGrouping } from "@judgelab/analytics";
import { DatasetError, loadDataset, selectRows } from "@judgelab/datasets";
import {
  groupItems,
  type PairwiseOutcomes,
  type RatedItem,
  type RateItemsOptions,
  type RatingMethod,
  type RatingReport,
  rateItems,
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
             --ties half (Arena, default) or davidson; --order-effect adds δ for the first position;
             --judge-aware fits one discrimination per judge (arXiv 2601.21817); --prior X adds an L2 prior
             (needed when an item never lost or never won, or groups of items never met; warnings say so).
             Intervals: multinomial bootstrap over cells.
  elo        online Elo (K 4, scale 400, start 1000); with --bootstrap the median over row resamples (Arena).
  trueskill  TrueSkill match by match in time order (μ 25, σ 25/3, β 25/6, τ 25/300, draw probability 0
             without ties, else the tie share); rating = (μ − 3σ)·10 + 1200, shown as the seed system's
             "1565±40", with the rank within the item's category ("#52 of 2292").
  glicko2    Glicko-2 (Glickman 2013; τ 0.5) over rating periods of 5 × items comparisons.
  openskill  Weng–Lin Plackett–Luce (openskill's defaults); rating = ordinal μ − 3σ.
  winrate    wins / (wins + losses) with the Wilson interval.

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
  const grouping = typeof values.group === "string" ? groupByItemField(dataset.items, table, values.group) : undefined;
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
      let groupingSummary: GroupingSummary | undefined;
      if (grouping !== undefined) {
        const grouped = groupItems(outcomes, grouping);
        outcomes = grouped.outcomes;
        groupingSummary = {
          field: grouping.field,
          groups: grouping.groupIds.length,
          sameGroupRows: grouped.sameGroupRows,
          ungroupedRows: grouped.ungroupedRows,
        };
      }
      const report = rateItems(outcomes, { ...options, ...(categories === undefined ? {} : { categories }) });
      reports.push({
        ...(group.judge === undefined ? {} : { judge: group.judge }),
        ...report,
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

/** True when an item's point estimate lies outside its own interval (online methods replayed in another order). */
function outsideInterval(item: RatedItem): boolean {
  return (
    item.ciLower !== null &&
    item.ciUpper !== null &&
    item.rating !== null &&
    Number.isFinite(item.rating) &&
    (item.rating < item.ciLower || item.rating > item.ciUpper)
  );
}

/** How items were grouped (`--group`), reported with the ratings. */
interface GroupingSummary {
  readonly field: string;
  readonly groups: number;
  readonly sameGroupRows: number;
  readonly ungroupedRows: number;
}

/** Maps each item code to the value of `field` on its item record (top level or under metadata). */
function groupByItemField(
  items: readonly Record<string, unknown>[],
  table: { itemIds: readonly string[] },
  field: string,
): ItemGrouping {
  const grouping = groupItemsByField(items, table.itemIds, field);
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
  if (ties !== undefined && ties !== "half" && ties !== "davidson")
    throw new UsageError(`--ties must be half or davidson, got "${ties}"`);
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
        item.ciLower === null
          ? "-"
          : `${fixed(item.ciLower, digits)}..${fixed(item.ciUpper, digits)}${outsideInterval(item) ? "*" : ""}`,
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
  ];
  // Items this report never saw (another judge's items under --by judge) are counted, not padded in as 0-0-0 rows.
  const compared = report.items.filter((item) => item.wins + item.losses + item.ties > 0);
  const unseen = report.items.length - compared.length;
  const rows = top >= 0 ? compared.slice(0, top) : compared;
  const notes = [
    ...(rows.length < compared.length
      ? [
          `... ${compared.length - rows.length} more rows not shown (--top ${top}); without --top, or with --json, all are listed`,
        ]
      : []),
    ...(unseen > 0
      ? [`${unseen} items with no comparison${report.judge === undefined ? "" : " by this judge"} not listed`]
      : []),
    ...(rows.some(outsideInterval)
      ? [
          `* the ${report.method === "trueskill" ? "score" : "rating"} lies outside its interval: ${
            report.method === "trueskill" || report.method === "elo" || report.method === "glicko2"
              ? "an online method depends on the order comparisons are replayed in (the estimate replays them in time order, each bootstrap round in its drawn order), so the interval is the spread of the estimate under resampling and reordering, not an interval around the estimate shown"
              : "the bootstrap distribution is shifted against the full-data fit; read the interval as the spread of refits, not as centred on the estimate"
          }`,
        ]
      : []),
  ];
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
      `Davidson tie parameter ν = ${tie.value.toFixed(3)} (95% ${fixed(tie.ciLower, 3)}..${fixed(tie.ciUpper, 3)})`,
    );
  }
  if (report.judges !== undefined) {
    lines.push(
      `judge discrimination γ: ${report.judges.map((judge) => `${judge.id} ${judge.discrimination.toFixed(3)} (SE ${judge.standardError.toFixed(3)})`).join(", ")}`,
    );
  }
  for (const warning of report.warnings ?? []) lines.push(`warning: ${warning}`);
  if (report.converged === false && (report.warnings ?? []).length === 0) {
    lines.push("warning: the fit did not converge; try --prior 0.01");
  }
  if ((report.nonConvergedRounds ?? 0) > 0)
    lines.push(`warning: ${report.nonConvergedRounds} bootstrap rounds did not converge`);
  return `${lines.join("\n")}\n${formatTable(rows, columns)}${notes.map((note) => `${note}\n`).join("")}`;
}
