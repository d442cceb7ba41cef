/**
 * judgelab's tables as danfo DataFrames, for TypeScript notebooks (tslab, Deno's Jupyter kernel) and scripts.
 *
 * Every analysis and rating table is available from the library API as a DataFrame: `metricsDataFrames(doc)`
 * (every table of a metrics document, by name), `ratingsDataFrame(report)` (a rating report), and
 * `toDataFrame(table)` for any table (`datasetTables`: comparisons, items, judges). danfojs-node is loaded on the
 * first call (its import takes about half a second).
 *
 * Run on any dataset folder or comparisons .jsonl file, e.g. a simulated one:
 *
 *   pnpm judgelab:dev simulate apps/cli/examples/simulated.yaml --out /tmp/sim
 *   pnpm exec tsx --conditions=source docs/examples/dataframes.ts /tmp/sim [bootstrap rounds, default 200]
 */
import { loadDataset } from "@judgelab/datasets";
import { rateItems } from "@judgelab/ratings";
import { exportDatasetTables, metricsDataFrames, ratingsDataFrame, toDataFrame } from "@judgelab/report";

const path = process.argv[2];
if (path === undefined)
  throw new Error("usage: tsx --conditions=source docs/examples/dataframes.ts <dataset> [rounds]");
const bootstrapRounds = Number(process.argv[3] ?? 200);
const seed = 1;

// 1. A rating report as a DataFrame: Bradley–Terry with bootstrap intervals, best first.
const dataset = await loadDataset(path);
const ratings = await ratingsDataFrame(rateItems(dataset.table, { method: "bt", bootstrapRounds, seed }));
console.log("## ratings (Bradley–Terry, top 5)");
ratings
  .loc({ columns: ["id", "rating", "ciLower", "ciUpper", "rank", "comparisons"] })
  .head(5)
  .print();

// 2. Every table of the analysis, by name (`judgelab analyze --json` documents the sections).
const { tables, metrics } = await exportDatasetTables(path, { analysis: { seed, bootstrapRounds } });
if (metrics === undefined) throw new Error("the analysis did not run");
const frames = await metricsDataFrames(metrics);
console.log(`## ${Object.keys(frames).length} metrics tables: ${Object.keys(frames).join(", ")}`);

console.log("## agreement between judges: Cohen's kappa, one row and one column per judge");
frames["agreement.matrix.kappa"]?.print();

console.log("## position bias: share of decided comparisons won by the first-shown item");
frames["positionBias.perJudge"]?.loc({ columns: ["judge", "firstWinRate.value", "firstWinRate.n"] }).print();

// 3. Work across tables: how far apart are the judges' own leaderboards, item by item?
const perJudge = frames["stability.perJudge.leaderboard.rows.rows"];
if (perJudge !== undefined) {
  console.log("## items the judges rate most differently (sd of the per-judge ratings)");
  const spread = perJudge.groupby(["item"]).agg({ rating: ["mean", "std"] });
  spread.sortValues("rating_std", { ascending: false }).head(5).print();
}

// 4. The comparisons themselves: verdicts by judge.
const comparisons = tables.find((table) => table.name === "comparisons");
if (comparisons !== undefined) {
  console.log("## verdicts by judge");
  (await toDataFrame(comparisons)).groupby(["judge", "verdict"]).agg({ id: "count" }).print();
}
