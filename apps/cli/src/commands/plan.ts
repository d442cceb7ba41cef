import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { DatasetError, loadDataset } from "@judgelab/datasets";
import {
  buildPlanChart,
  estimatePilotAssumptions,
  estimatePlanCost,
  type OrderPolicy,
  type PilotEstimate,
  type PlanAssumptions,
  PlanError,
  type PlanTarget,
  type PowerAnalysis,
  parsePlanTarget,
  runPowerAnalysis,
} from "@judgelab/design";
import { renderChartSvg } from "@judgelab/report";
import { type SchedulerKind, schedulerKindSchema, schedulerSchema } from "@judgelab/tournament";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { parseIntegerOption, parseNumberOption, parseOptions, parseSeedOption } from "../parse-options.js";
import { openDatasetInput } from "../paths.js";
import { formatPlan } from "./format-plan.js";

const HELP = `Usage: judgelab plan [--from <dataset>] [--items N] [--spread-sd S] [--judges N|MODEL,MODEL,…]
                     [--judge-noise T] [--tie-rate R] [--position-bias B] --target T [--target T …]
                     [--scheduler KIND] [--order random|both] [--simulations R] [--max-comparisons C]
                     [--seed S] [--chart FILE] [--tokens-per-comparison N] [--output-tokens N] [--json]

Power analysis by simulation: how many comparisons per item a tournament needs to reach each target. Studies
with known truth are simulated (strengths θ ~ N(0, spread-sd²) on the log-odds scale; each judge sees every
item with its own persistent error N(0, judge-noise²); Davidson ties at the given average rate; the first-shown
item wins 0.5 + position-bias of decided comparisons at equal strength), scheduled round by round by the
tournament scheduler, rated with Bradley–Terry, and each target is measured against the truth. Budgets are
searched by doubling, then bisection; every estimate comes with its simulation standard error.

Assumptions
  --from D          estimate them from a pilot (dataset folder, comparisons .jsonl or run folder): spread from
                    a BT fit less its mean squared SE, tie rate, first-position win rate, judge noise from how
                    often judges agree on shared pairs. Exit 2 below ≥ 2 judges sharing ≥ 20 decided pairs, or
                    when the fitted strengths are lost in their noise. The options below override single estimates
  --items N         items (default 300, or the pilot's)
  --spread-sd S     sd of true strengths, log-odds (default 0.8)
  --judges N|LIST   number of judges, or judge models (gpt-4o,claude-sonnet-4-0): then a cost estimate of
                    the budget needed per target (of the largest budget tried when not reached)
  --judge-noise T   sd of each judge's own view of an item, log-odds (default 0.3)
  --tie-rate R      average tie rate (default 0.1)
  --position-bias B first-position win rate − 0.5 at equal strength (default 0.05)

Targets (one or more)
  rank-width=W      median width (upper − lower) of the items' 95% rank intervals ≤ W
  top-k=K@P         probability that the estimated top K is exactly the true top K ≥ P (P: 0.9 or 90%)
  separate=D[@P]    items D Elo apart are told apart (5% two-sided Wald test) with probability ≥ P (default 0.8)

Simulation
  --scheduler KIND  ${schedulerKindSchema.options.join(" | ")} (default random; pairs never repeat except
                    in round-robin, which replays all pairs each cycle)
  --order O         random (one comparison per match, random order; default) or both (both orders)
  --simulations R   simulated studies per budget (default 100)
  --max-comparisons C  largest budget searched, comparisons per item (default 128)
  --seed S          default 1; written into the output
Output
  --chart FILE      the chart of each target against comparisons per item: vega-lite JSON, or SVG for *.svg
  --tokens-per-comparison N  input tokens per comparison for the cost estimate (default 1000)
  --output-tokens N output tokens per comparison (default 250)
  --json            everything as JSON

A target not reached within --max-comparisons is reported with the closest estimate reached.
Exit codes: 0 ok (also when a target is not reached), 1 failure, 2 usage error or a pilot too small.
`;

const DEFAULTS = { items: 300, spreadSd: 0.8, judges: 3, judgeNoise: 0.3, tieRate: 0.1, positionBias: 0.05 };

/** \`judgelab plan\`: power analysis by simulation (comparisons per item needed for each target). */
export const planCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "plan",
    argv,
    help: HELP,
    allowPositionals: false,
    options: {
      from: { type: "string" },
      items: { type: "string" },
      "spread-sd": { type: "string" },
      judges: { type: "string" },
      "judge-noise": { type: "string" },
      "tie-rate": { type: "string" },
      "position-bias": { type: "string" },
      target: { type: "string", multiple: true },
      scheduler: { type: "string" },
      order: { type: "string" },
      simulations: { type: "string" },
      "max-comparisons": { type: "string" },
      seed: { type: "string" },
      chart: { type: "string" },
      "tokens-per-comparison": { type: "string" },
      "output-tokens": { type: "string" },
      json: { type: "boolean" },
    },
  });
  void positionals;
  const targets = parseTargets(values.target);
  const pilot = values.from === undefined ? undefined : await readPilot(io.cwd, values.from);
  const models = parseJudgeModels(values.judges);
  const assumptions = parseAssumptions(values, pilot ?? DEFAULTS, models);
  const { kind, order } = parseScheduling(values.scheduler, values.order);
  const seed = parseSeedOption(values.seed);
  const simulations = parseIntegerOption("simulations", values.simulations, 100);
  const maxComparisons = parseNumberOption("max-comparisons", values["max-comparisons"], 128);
  let analysis: PowerAnalysis;
  try {
    analysis = runPowerAnalysis({
      assumptions,
      targets,
      scheduler: schedulerSchema.parse({ kind }),
      order,
      simulations,
      maxComparisons,
      seed,
    });
  } catch (error) {
    if (error instanceof PlanError) throw new UsageError(error.message);
    throw error;
  }
  const tokens = {
    input: parseIntegerOption("tokens-per-comparison", values["tokens-per-comparison"], 1000),
    output: parseIntegerOption("output-tokens", values["output-tokens"], 250),
  };
  const costs =
    models === undefined
      ? undefined
      : estimateCosts(analysis, models, { ...tokens, maxComparisons, items: assumptions.items });
  const context = { scheduler: kind, order };
  const chart = buildPlanChart(analysis, context);
  if (typeof values.chart === "string") {
    const path = resolve(io.cwd, values.chart);
    await writeFile(
      path,
      path.endsWith(".svg") ? await renderChartSvg(chart as never) : `${JSON.stringify(chart, null, 2)}\n`,
    );
  }
  const rankIntervalMethod = `${analysis.rankDraws} normal draws from the Bradley–Terry standard errors (covariances ignored)`;
  if (values.json === true) {
    const output = {
      ...context,
      assumptions,
      maxComparisons,
      pilot,
      models,
      costs,
      rankIntervalMethod,
      ...analysis,
      chart,
    };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    return ExitCode.ok;
  }
  io.stdout(
    formatPlan({ analysis, assumptions, pilot, models, costs, rankIntervalMethod, maxComparisons, ...context }),
  );
  return ExitCode.ok;
};

/** Comparisons a budget buys: what the studies realised when it was evaluated (fewer once pairs ran out). */
function comparisonsAt(analysis: PowerAnalysis, comparisonsPerItem: number, items: number): number {
  const point = analysis.points.find((candidate) => candidate.comparisonsPerItem === comparisonsPerItem);
  return Math.round(point?.realisedComparisons ?? (comparisonsPerItem * items) / 2);
}

function parseTargets(texts: readonly string[] | undefined): PlanTarget[] {
  if (texts === undefined || texts.length === 0)
    throw new UsageError(
      "give at least one --target, e.g. --target rank-width=10 --target top-k=5@0.9 --target separate=50",
    );
  try {
    return texts.map(parsePlanTarget);
  } catch (error) {
    if (error instanceof PlanError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--judges gpt-4o,claude-sonnet-4-0`: model names (anything that is not a plain integer). */
function parseJudgeModels(value: string | undefined): string[] | undefined {
  if (value === undefined || /^\d+$/.test(value.trim())) return undefined;
  const models = value
    .split(",")
    .map((model) => model.trim())
    .filter((model) => model !== "");
  if (models.length === 0) throw new UsageError(`--judges must be a number or model names, got "${value}"`);
  return models;
}

async function readPilot(cwd: string, path: string): Promise<PilotEstimate & { readonly dataset: string }> {
  const opened = await openDatasetInput(cwd, path);
  try {
    const dataset = await loadDataset(opened.path);
    return { ...estimatePilotAssumptions(dataset.table), dataset: opened.label };
  } catch (error) {
    if (error instanceof DatasetError) throw new UsageError(error.message);
    if (error instanceof PlanError) throw new UsageError(`${opened.label}: ${error.message}`);
    throw error;
  } finally {
    opened.close();
  }
}

/** The simulated design: each option, else the pilot's estimate, else {@link DEFAULTS}; judges = the models given. */
function parseAssumptions(
  values: {
    items?: string | undefined;
    "spread-sd"?: string | undefined;
    judges?: string | undefined;
    "judge-noise"?: string | undefined;
    "tie-rate"?: string | undefined;
    "position-bias"?: string | undefined;
  },
  base: typeof DEFAULTS,
  models: readonly string[] | undefined,
): PlanAssumptions {
  return {
    items: parseIntegerOption("items", values.items, base.items),
    spreadSd: parseNumberOption("spread-sd", values["spread-sd"], base.spreadSd),
    judges: models?.length ?? parseIntegerOption("judges", values.judges, base.judges),
    judgeNoise: parseNumberOption("judge-noise", values["judge-noise"], base.judgeNoise),
    tieRate: parseNumberOption("tie-rate", values["tie-rate"], base.tieRate),
    positionBias: parseNumberOption("position-bias", values["position-bias"], base.positionBias),
  };
}

/** --scheduler (default random) and --order (random or both). */
function parseScheduling(
  scheduler: string | undefined,
  orderValue: string | undefined,
): { kind: SchedulerKind; order: OrderPolicy } {
  const kind = schedulerKindSchema.safeParse(scheduler ?? "random");
  if (!kind.success)
    throw new UsageError(`--scheduler must be one of ${schedulerKindSchema.options.join(", ")}, got "${scheduler}"`);
  const order = orderValue ?? "random";
  if (order !== "random" && order !== "both") throw new UsageError(`--order must be random or both, got "${order}"`);
  return { kind: kind.data, order: order as OrderPolicy };
}

/** Per target: the cost of the comparisons it needs (or the most simulated when it is not reached). */
function estimateCosts(
  analysis: PowerAnalysis,
  models: readonly string[],
  tokens: { input: number; output: number; maxComparisons: number; items: number },
): ReturnType<typeof estimatePlanCost>[] {
  return analysis.results.map((result) =>
    estimatePlanCost({
      models,
      comparisons: comparisonsAt(
        analysis,
        result.needed ?? analysis.points.at(-1)?.comparisonsPerItem ?? tokens.maxComparisons,
        tokens.items,
      ),
      inputTokensPerComparison: tokens.input,
      outputTokensPerComparison: tokens.output,
    }),
  );
}
