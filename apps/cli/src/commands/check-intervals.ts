import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { DatasetError, loadDataset } from "@judgelab/datasets";
import { checkIntervalsAtDesign, type IntervalCheck, type MethodCoverage } from "@judgelab/ratings";
import { buildIntervalCoverageChart } from "@judgelab/report";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { formatTable } from "../format-table.js";
import { parseIntegerOption, parseOptions, parseSeedOption } from "../parse-options.js";

const HELP = `Usage: judgelab check-intervals <dataset-dir|comparisons.jsonl> [--datasets D] [--rounds N] [--seed S]
                                [--chart FILE] [--json]

Checks whether interval methods hold their 95% at this dataset's own design. Fits Bradley–Terry and takes its
strengths as the truth, estimates the noise that judgments of one match share (the intra-class correlation of
the residuals within matches) and the tie rate, then simulates D datasets with the same pairs, presentation
orders and judgments per match, rates each with every interval method and counts how often the 95% intervals
contain the true rating and the true rank:
  naive bootstrap      comparisons resampled one by one (what most tools do)
  clustered bootstrap  whole matches resampled (judgelab rate's default, --cluster auto)
  sandwich             cluster-robust Huber–White intervals over the same matches (--intervals sandwich)

Options
  --datasets D   simulated datasets (default 200)
  --rounds N     bootstrap rounds per simulated dataset (default 200; percentile intervals from few rounds
                 cover slightly less than from 1,000)
  --seed S       seed of the simulation and the bootstraps (default 1, as every command); written into the output
  --chart FILE   also write the coverage chart as a vega-lite spec (JSON)
  --json         print the result as JSON (truth, noise estimate, coverage per method, chart spec)

Exit codes: 0 ok, 1 failure, 2 usage or invalid dataset.
`;

/** \`judgelab check-intervals\`: empirical coverage of the interval methods at a dataset's design. */
export const checkIntervalsCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "check-intervals",
    argv,
    help: HELP,
    options: {
      datasets: { type: "string" },
      rounds: { type: "string" },
      seed: { type: "string" },
      chart: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      "give exactly one dataset folder or comparisons .jsonl file, e.g. `judgelab check-intervals datasets/demo`",
    );
  }
  const datasets = parseIntegerOption("datasets", values.datasets, 200);
  const rounds = parseIntegerOption("rounds", values.rounds, 200);
  const seed = parseSeedOption(values.seed);
  if (datasets < 1) throw new UsageError("--datasets must be at least 1");
  if (rounds < 1) throw new UsageError("--rounds must be at least 1");
  let dataset: Awaited<ReturnType<typeof loadDataset>>;
  try {
    dataset = await loadDataset(resolve(io.cwd, positionals[0] as string));
  } catch (error) {
    if (error instanceof DatasetError) {
      io.stderr(`judgelab check-intervals: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
  let check: IntervalCheck;
  try {
    check = checkIntervalsAtDesign(dataset.table, { datasets, rounds, seed });
  } catch (error) {
    if (error instanceof RangeError && /fewer than two valid comparisons/.test(error.message))
      throw new UsageError(`${positionals[0]}: fewer than two valid comparisons; nothing to check`);
    throw error;
  }
  const chart = buildIntervalCoverageChart({ methods: check.methods, datasets, correlation: check.correlation });
  if (typeof values.chart === "string")
    await writeFile(resolve(io.cwd, values.chart), `${JSON.stringify(chart, null, 2)}\n`);
  if (values.json === true) {
    const { truth, ...rest } = check;
    const output = {
      ...rest,
      truth: Object.fromEntries(
        dataset.table.itemIds.flatMap((id, code) => (Number.isNaN(truth[code]!) ? [] : [[id, truth[code]]])),
      ),
      chart,
    };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    return ExitCode.ok;
  }
  io.stdout(formatCheck(check));
  return ExitCode.ok;
};

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

function formatCheck(check: IntervalCheck): string {
  const lines = [
    `${check.comparisons} comparisons, ${check.comparisonsPerMatch.toFixed(2)} per match (${check.sharedMatches} matches with more than one); ` +
      `shared per-match noise ρ = ${check.correlation.toFixed(3)}, tie rate ${percent(check.tieRate)}` +
      `${check.prior > 0 ? `, truth fitted with L2 prior ${check.prior} (the plain MLE is infinite)` : ""}`,
    `${check.datasets} simulated datasets, ${check.rounds} bootstrap rounds each, seed ${check.seed}; nominal coverage 95%`,
  ];
  const columns = [
    { header: "method", cell: (row: MethodCoverage) => row.method },
    { header: "clustering", cell: (row: MethodCoverage) => row.clustering },
    {
      header: "ratings covered",
      align: "right" as const,
      cell: (row: MethodCoverage) => `${percent(row.ratingCoverage)} ± ${percent(1.96 * row.standardError)}`,
    },
    { header: "ranks covered", align: "right" as const, cell: (row: MethodCoverage) => percent(row.rankCoverage) },
    { header: "mean width (Elo)", align: "right" as const, cell: (row: MethodCoverage) => row.meanWidth.toFixed(1) },
    {
      header: "failed",
      align: "right" as const,
      cell: (row: MethodCoverage) => (row.failedDatasets === 0 ? "-" : String(row.failedDatasets)),
    },
  ];
  if (check.methods.some((row) => row.failedDatasets > 0)) {
    lines.push(
      "failed: simulated datasets where the method gave no intervals (the sandwich needs a finite MLE: no item may win or lose every comparison); left out of its coverage",
    );
  }
  return `${lines.join("\n")}\n${formatTable(check.methods, columns)}`;
}
