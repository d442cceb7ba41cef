import {
  DatasetError,
  type ItemCovariates,
  itemCovariates,
  itemFieldGroups,
  type LoadedDataset,
  loadDataset,
  splitByJudge,
} from "@judgelab/datasets";
import { EngineInputError, rateComparisonFile } from "@judgelab/engine-duckdb";
import {
  ClusteringError,
  type ClusterOption,
  featureNeedingRows,
  groupItems,
  KURATE_TRUE_SKILL,
  type PairwiseOutcomes,
  type RateItemsOptions,
  type RatingMethod,
  type RatingReport,
  RatingsError,
  rateItems,
  SINGLE_VALUE_COVARIATE_WARNING,
  selectSideFeatureRows,
  sideFeaturesFromItems,
  titleHashKey,
} from "@judgelab/ratings";
import { type CliIo, type Command, ExitCode, UsageError } from "../cli-io.js";
import { createDuckDbSettings, ENGINE_HELP, parseEngineOption, pickEngine } from "../engine-option.js";
import { formatRatingReport, type GroupingSummary } from "../format-rating-report.js";
import { parseIntegerOption, parseNumberOption, parseOptions, parseSeedOption } from "../parse-options.js";
import { type OpenedDataset, openDatasetInput } from "../paths.js";
import { parseTiebreak } from "../tiebreak-option.js";
import { applyWhere, parseWhereOptions, WHERE_HELP } from "../where-option.js";

const METHODS: readonly RatingMethod[] = ["elo", "bt", "trueskill", "glicko2", "openskill", "winrate"];

const HELP = `Usage: judgelab rate <dataset-dir|comparisons.jsonl|run-dir> --method elo|bt|trueskill|glicko2|openskill|winrate
                     [--by judge] [--bootstrap N] [--seed S] [--anchor ID=VALUE] [--ties half|davidson|rao-kupper|excluded]
                     [--order-effect] [--judge-aware] [--weighted] [--prior X] [--unit comparison|match] [--group FIELD]
                     [--intervals bootstrap|sandwich] [--cluster auto|match|pair|none]
                     [--draw-probability P] [--preset kurate] [--tiebreak title-hash] [--where F=V]... [--top N]
                     [--engine auto|memory|duckdb] [--json]

Rates the items of a dataset and prints one row per item, best first: rating, 95% interval, rank and rank
interval, Arena's rank-by-interval, wins-losses-ties and win rate with its Wilson interval. Items with a title
show it beside the id.

Methods
  bt         Bradley–Terry maximum likelihood on the Elo scale (400·log10 odds, mean 1000 or --anchor);
             --ties half (Arena, default), davidson (Davidson 1970 ν) or rao-kupper (Rao & Kupper 1967
             threshold κ); --order-effect adds δ for the first position;
             --judge-aware fits one discrimination per judge (arXiv 2601.21817), with --order-effect also one
             position effect δ per judge (ratings corrected for judge bias, with the rank shifts against
             plain bt); --prior X sets the L2 prior λ on log-strengths (N(0, 1/λ)); by default none when the
             maximum-likelihood estimate exists, else λ = 1 (DEFAULT_PRIOR: an item never lost or never won, or
             groups of items never met), printed with the reason; --prior 0 refuses any prior.
             Intervals: bootstrap resampling whole matches (--cluster) or cluster-robust sandwich.
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
  --seed S         seed of the bootstrap (default 1, as every command); written into the output
  --intervals M    bt: bootstrap (default; percentile intervals) or sandwich (Huber–White cluster-robust
                   covariance, Wald intervals, rank intervals from --bootstrap N normal draws; half ties only)
  --cluster C      bt: what intervals resample or cluster over: match (judgments sharing a matchId: both
                   orders, several judges, repetitions), pair (the unordered item pair), none (each comparison
                   alone, the naive bootstrap) or auto (default: match when some match has more than one
                   judgment, else none). Output gives the clustering, the number of clusters and the design
                   effect (clustered vs naive interval width). Applies to every bt bootstrap, also with
                   --control, --ties rao-kupper and --judge-aware
  --anchor ID=V    bt, elo: give item ID the rating V (e.g. --anchor gpt-4-0314=1000)
  --weighted       bt: logprob-weighted preferences (AlpacaEval's weighted annotators): a comparison with a
                   continuous preference p (e.g. from a judge run with topLogprobs) counts as 1 − p a win of the
                   first-shown item and p of the second instead of its verdict; half or davidson ties, bootstrap
                   intervals (also --judge-aware). winrate --ties half uses preferences already
  --draw-probability P  trueskill: the draw probability (default 0 without ties, else the tie share)
  --unit match     score comparisons sharing a matchId as one match by majority (a split is a draw)
  --by judge       one rating table per judge
  --group FIELD    rate groups of items given by an item field instead of single items, e.g. --group producer
                   rates the models that wrote the answers (AlpacaEval, Arena); comparisons within one group
                   and items without the field are left out and counted
  --preset kurate  TrueSkill as the live Kurate site runs it: --method trueskill with draw probability 0.10
                   and --tiebreak title-hash. The site's update code calls the module-level rate_1vs1 of the
                   Python trueskill package, so that library's default environment applies (draw probability
                   0.10, not 0) although the site records no draws; each win then moves μ further (two new
                   papers: winner μ 29.396 instead of 29.205). Our default stays draw probability 0 without ties.
  --tiebreak title-hash  trueskill: order equal scores within a category by the SHA-256 of the title (the seed
                   system's order; items without a title use their id), so category ranks can match the site
${WHERE_HELP}
${ENGINE_HELP}.
                   The duckdb engine rates with --method bt (half or davidson ties, --order-effect, --prior, --anchor,
                   --bootstrap, --intervals, --cluster, --by judge), with the same output as memory on the same data; it reads
                   the fields it needs (first, second, order, verdict, judge, matchId) and checks those only
  --top N          print only the first N rows of each table (all with --json)
  --json           prints the RatingReport documented in packages/ratings/README.md ("JSON output");
                   with --by judge: {"by": "judge", "reports": [{"judge": ID, ...report}]}; with --group a
                   "grouping": {field, groups, sameGroupRows, ungroupedRows} is added to each report; items
                   with a title carry "title"; with --where a top-level "filter" string says what was kept

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
      weighted: { type: "boolean" },
      intervals: { type: "string" },
      cluster: { type: "string" },
      "draw-probability": { type: "string" },
      prior: { type: "string" },
      unit: { type: "string" },
      group: { type: "string" },
      control: { type: "string" },
      "control-ridge": { type: "string" },
      "control-missing": { type: "string" },
      top: { type: "string" },
      where: { type: "string", multiple: true },
      tiebreak: { type: "string" },
      preset: { type: "string" },
      engine: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      "give exactly one dataset folder, comparisons .jsonl file or run folder, e.g. `judgelab rate datasets/demo-papers --method bt`",
    );
  }
  const { where: whereValues, tiebreak: tiebreakValue, preset, engine: engineValue, ...givenValues } = values;
  const engineOption = parseEngineOption(engineValue);
  const rateValues = applyRatePreset(preset, givenValues);
  const tiebreak = parseRateTiebreak(tiebreakValue, preset, rateValues.method);
  const options = parseRateOptions(rateValues);
  const top = parseIntegerOption("top", values.top, -1);
  const where = parseWhereOptions(whereValues);
  const target = await openDatasetInput(io.cwd, positionals[0] as string);
  // What only the rows can give (filters, splits, regrouping, per-row covariates, methods beyond Bradley–Terry).
  const rowOptions = (["where", "group", "control"] as const).filter((name) => values[name] !== undefined);
  const needsRows = rowOptions.length > 0 ? `--${rowOptions[0]}` : featureNeedingRows(options);
  const chosen = pickEngine({ option: engineOption, path: target.path, needsRows });
  if (chosen.notice !== undefined) io.stderr(`judgelab rate: ${chosen.notice}\n`);
  if (chosen.engine === "duckdb") {
    const run = { options, by: values.by, json: values.json === true, top, reason: chosen.reason };
    return await rateOpenedWithDuckDb(target, run, io);
  }
  const loaded = await loadRateDataset(io, target, where.length > 0);
  if (loaded === undefined) return ExitCode.usage;
  const filtered = applyWhere(loaded, where);
  const dataset = filtered.dataset;
  const { table } = dataset;
  const titles = new Map(dataset.items.flatMap((item) => (item.title === undefined ? [] : [[item.id, item.title]])));
  const covariates = parseControl(rateValues, dataset.items, table);
  const grouping =
    typeof values.group === "string" ? groupByItemField(dataset.items, table.itemIds, values.group) : undefined;
  const categoryById = new Map(dataset.items.map((item) => [item.id, item.category]));
  const categories = grouping === undefined ? table.itemIds.map((id) => categoryById.get(id)) : undefined;
  const groups = judgeGroups(table, values.by);
  const context: RateGroupContext = {
    options,
    covariates,
    grouping,
    categories,
    tiebreakKeys:
      tiebreak === undefined || grouping !== undefined
        ? undefined
        : table.itemIds.map((id) => titleHashKey(titles.get(id) ?? id)),
    controlRidge: values["control-ridge"] as string,
  };
  const reports = groups.map((group) => rateGroup(group, context));
  const titled = grouping === undefined && titles.size > 0 ? titles : undefined;
  printRatingReports(io, reports, {
    json: values.json === true,
    byJudge: values.by === "judge",
    titled,
    filter: filtered.description,
    top,
  });
  return ExitCode.ok;
};

/**
 * `rate --engine duckdb`: the comparisons aggregated in SQL ({@link rateComparisonFile}), printed as the
 * in-memory path prints them (titles from items.jsonl); which engine and why goes to stderr.
 */
async function rateWithDuckDb(
  run: { path: string; options: RateItemsOptions; byJudge: boolean; json: boolean; top: number; reason: string },
  io: CliIo,
): Promise<number> {
  io.stderr(`judgelab rate: engine duckdb (${run.reason})\n`);
  const settings = createDuckDbSettings(io.env);
  let rated: Awaited<ReturnType<typeof rateComparisonFile>>;
  try {
    rated = await rateComparisonFile(run.path, { rate: run.options, byJudge: run.byJudge, session: settings.session });
  } catch (error) {
    if (error instanceof EngineInputError) {
      io.stderr(`judgelab rate: ${error.message}\n`);
      return ExitCode.usage;
    }
    if (error instanceof ClusteringError)
      throw new UsageError(`--cluster ${run.options.cluster ?? "auto"}: ${error.message}`);
    if (error instanceof RatingsError) throw new UsageError(error.message);
    throw error;
  } finally {
    settings.dispose();
  }
  const { seconds } = rated;
  io.stderr(
    `judgelab rate: duckdb read ${rated.rows} comparisons in ${seconds.scan.toFixed(2)} s, aggregated ${rated.cells} cells in ${seconds.aggregate.toFixed(2)} s, rated in ${seconds.rate.toFixed(2)} s\n`,
  );
  const titles = rated.source.itemTitles;
  const reports = rated.reports.map(({ judge, report }) => ({ ...(judge === undefined ? {} : { judge }), ...report }));
  if (run.json) {
    const withTitles = reports.map((report) => ({
      ...report,
      items: report.items.map((item) => {
        const title = titles.get(item.id);
        return title === undefined ? item : { ...item, title };
      }),
    }));
    const output = run.byJudge ? { by: "judge", reports: withTitles } : withTitles[0];
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    const titled = titles.size > 0 ? new Map(titles) : undefined;
    io.stdout(reports.map((report) => formatRatingReport(report, run.top, titled)).join("\n"));
  }
  return ExitCode.ok;
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
    used[table.first[row]!] = 1;
    used[table.second[row]!] = 1;
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

/**
 * `--preset kurate`: --method trueskill with Python trueskill's default draw probability 0.10 (see
 * KURATE_TRUE_SKILL). A preset fixes these options; giving them differently as well is a usage error.
 */
function applyRatePreset(
  preset: string | undefined,
  values: Record<string, string | boolean | undefined>,
): Record<string, string | boolean | undefined> {
  if (preset === undefined) return values;
  if (preset !== "kurate") throw new UsageError(`--preset takes "kurate", got "${preset}"`);
  if (values.method !== undefined && values.method !== "trueskill")
    throw new UsageError(`--preset kurate rates with TrueSkill; drop --method ${values.method}`);
  if (values["draw-probability"] !== undefined)
    throw new UsageError(
      "--preset kurate fixes the draw probability at 0.10 (Python trueskill's default); drop --draw-probability",
    );
  return { ...values, method: "trueskill", "draw-probability": String(KURATE_TRUE_SKILL.drawProbability) };
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
  const allowedTies =
    method === "bt" ? ["half", "davidson", "rao-kupper"] : method === "winrate" ? ["half", "excluded"] : [];
  if (ties !== undefined && !allowedTies.includes(ties)) {
    throw new UsageError(
      allowedTies.length === 0
        ? `--ties applies to --method bt (half, davidson, rao-kupper) and winrate (half, excluded), not ${method}`
        : `--ties with --method ${method} must be ${allowedTies.join(" or ")}, got "${ties}"`,
    );
  }
  const intervals = values.intervals as string | undefined;
  if (intervals !== undefined && intervals !== "bootstrap" && intervals !== "sandwich")
    throw new UsageError(`--intervals must be bootstrap or sandwich, got "${intervals}"`);
  const cluster = values.cluster as string | undefined;
  if (cluster !== undefined && !["auto", "match", "pair", "none"].includes(cluster))
    throw new UsageError(`--cluster must be auto, match, pair or none, got "${cluster}"`);
  if ((intervals !== undefined || (cluster !== undefined && cluster !== "auto")) && method !== "bt")
    throw new UsageError("--intervals and --cluster apply to --method bt only");
  if (intervals === "sandwich" && bootstrapRounds === 0)
    throw new UsageError(
      "--intervals sandwich draws --bootstrap N normal samples for the rank intervals; N must be ≥ 1",
    );
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
    ...(ties === undefined ? {} : { ties: ties as "half" | "davidson" | "rao-kupper" | "excluded" }),
    ...(intervals === undefined ? {} : { intervals }),
    ...(cluster === undefined ? {} : { cluster: cluster as ClusterOption }),
    ...(values["order-effect"] === true ? { orderEffect: true } : {}),
    ...(values["judge-aware"] === true ? { judgeAware: true } : {}),
    ...(values.weighted === true ? { weighted: true } : {}),
    ...(values.prior === undefined ? {} : { prior: parseNumberOption("prior", values.prior as string, 0) }),
    ...(values["draw-probability"] === undefined
      ? {}
      : { trueSkill: { drawProbability: parseDrawProbability(values) } }),
  };
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

type RatedGroup = RatingReport & { judge?: string; grouping?: GroupingSummary };

/** One rating table per judge with `--by judge`, else one for all comparisons. */
function judgeGroups(
  table: LoadedDataset["table"],
  by: string | undefined,
): { judge: string | undefined; outcomes: PairwiseOutcomes }[] {
  const groups: { judge: string | undefined; outcomes: PairwiseOutcomes }[] = [];
  if (by === "judge") {
    for (const split of splitByJudge(table)) groups.push({ judge: split.judge, outcomes: split.table });
  } else if (by !== undefined) {
    throw new UsageError(`--by takes "judge", got "${by}"`);
  } else {
    groups.push({ judge: undefined, outcomes: table });
  }
  return groups;
}

/** What every group's rating shares: the parsed options, covariates, item grouping, categories and tie-break. */
interface RateGroupContext {
  readonly options: RateItemsOptions;
  readonly covariates: ItemCovariates | undefined;
  readonly grouping: ReturnType<typeof itemFieldGroups> | undefined;
  readonly categories: (string | undefined)[] | undefined;
  readonly tiebreakKeys: string[] | undefined;
  readonly controlRidge: string;
}

/** Rates one group's comparisons; refusals of the options or data are usage errors (exit 2). */
function rateGroup(
  group: { judge: string | undefined; outcomes: PairwiseOutcomes },
  context: RateGroupContext,
): RatedGroup {
  const { options, covariates, grouping, categories, tiebreakKeys } = context;
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
        : { control: { features, ridge: parseNumberOption("control-ridge", context.controlRidge, 0) } }),
      ...(tiebreakKeys === undefined ? {} : { tiebreak: tiebreakKeys }),
    });
    // Without --group each rated item has one value per covariate, so the covariate is a function of the pair
    // of items and is told apart from the strengths only through the ratio's curvature: say so.
    const fixedCovariates: string[] =
      features !== undefined && grouping === undefined ? [SINGLE_VALUE_COVARIATE_WARNING] : [];
    const warnings = [...(report.warnings ?? []), ...fixedCovariates];
    return {
      ...(group.judge === undefined ? {} : { judge: group.judge }),
      ...report,
      ...(warnings.length === 0 ? {} : { warnings }),
      ...(groupingSummary === undefined ? {} : { grouping: groupingSummary }),
    };
  } catch (error) {
    if (error instanceof ClusteringError)
      throw new UsageError(`--cluster ${options.cluster ?? "auto"}: ${error.message}`);
    // Only refusals of the options or data (RatingsError codes) are the user's to fix (exit 2); any other error
    // is a bug and reaches the dispatcher as an internal failure (exit 1).
    if (error instanceof RatingsError)
      throw new UsageError(`${group.judge === undefined ? "" : `judge ${group.judge}: `}${error.message}`);
    throw error;
  }
}

/** The reports as JSON (with titles and the filter) or as tables. */
function printRatingReports(
  io: CliIo,
  reports: readonly RatedGroup[],
  how: {
    json: boolean;
    byJudge: boolean;
    titled: ReadonlyMap<string, string> | undefined;
    filter: string | undefined;
    top: number;
  },
): void {
  const { titled, top } = how;
  if (how.json) {
    const withTitles = reports.map((report) =>
      titled === undefined
        ? report
        : {
            ...report,
            items: report.items.map((item) => (titled.has(item.id) ? { ...item, title: titled.get(item.id) } : item)),
          },
    );
    const output = how.byJudge ? { by: "judge", reports: withTitles } : withTitles[0];
    const filter = how.filter === undefined ? {} : { filter: how.filter };
    io.stdout(`${JSON.stringify({ ...filter, ...output }, null, 2)}\n`);
  } else {
    if (how.filter !== undefined) io.stdout(`filter: ${how.filter}\n`);
    io.stdout(reports.map((report) => formatRatingReport(report, top, titled)).join("\n"));
  }
}

/** The dataset, closing the opened input; an invalid one is reported on stderr (undefined: exit 2). */
async function loadRateDataset(
  io: CliIo,
  target: OpenedDataset,
  keepComparisons: boolean,
): Promise<LoadedDataset | undefined> {
  try {
    return await loadDataset(target.path, { keepComparisons });
  } catch (error) {
    if (error instanceof DatasetError) {
      io.stderr(`judgelab rate: ${error.message}\n`);
      return undefined;
    }
    throw error;
  } finally {
    target.close();
  }
}

/** The duckdb engine on the opened input (closed afterwards); --by takes only "judge". */
async function rateOpenedWithDuckDb(
  target: OpenedDataset,
  run: { options: RateItemsOptions; by: string | undefined; json: boolean; top: number; reason: string },
  io: CliIo,
): Promise<number> {
  try {
    if (run.by !== undefined && run.by !== "judge") throw new UsageError(`--by takes "judge", got "${run.by}"`);
    const byJudge = run.by === "judge";
    return await rateWithDuckDb(
      { path: target.path, options: run.options, byJudge, json: run.json, top: run.top, reason: run.reason },
      io,
    );
  } finally {
    target.close();
  }
}

/** --tiebreak (title-hash by default with --preset), for --method trueskill only. */
function parseRateTiebreak(
  value: string | undefined,
  preset: string | undefined,
  method: string | boolean | undefined,
): "title-hash" | undefined {
  const tiebreak = parseTiebreak(value ?? (preset === undefined ? undefined : "title-hash"));
  if (tiebreak !== undefined && method !== "trueskill")
    throw new UsageError("--tiebreak applies to --method trueskill (its category ranks) only");
  return tiebreak;
}
