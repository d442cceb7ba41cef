import type {
  PilotEstimate,
  PlanAssumptions,
  PlanCost,
  PlanPoint,
  PowerAnalysis,
  TargetResult,
} from "@judgelab/design";
import { formatTable } from "../format-table.js";

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

/** A target's estimate with its simulation standard error (rank widths to 0.1, probabilities to 0.001). */
function formatEstimate(target: string, estimate: number, standardError: number): string {
  if (Number.isNaN(estimate)) return "-";
  const digits = target.startsWith("rank-width") ? 1 : 3;
  return `${estimate.toFixed(digits)} ± ${standardError.toFixed(digits)}`;
}

/** The text answer of `judgelab plan`: assumptions, the table of every budget, then the budget needed per target. */
export function formatPlan(options: {
  analysis: PowerAnalysis;
  assumptions: PlanAssumptions;
  pilot: (PilotEstimate & { readonly dataset: string }) | undefined;
  models: readonly string[] | undefined;
  costs: readonly PlanCost[] | undefined;
  scheduler: string;
  order: string;
  rankIntervalMethod: string;
  maxComparisons: number;
}): string {
  const { analysis, assumptions: a, pilot } = options;
  const lines = [
    `Power analysis by simulation, seed ${analysis.seed}: ${a.items} items, spread sd ${a.spreadSd.toFixed(2)} (log-odds), ` +
      `${a.judges} judge${a.judges === 1 ? "" : "s"}${options.models === undefined ? "" : ` (${options.models.join(", ")})`} ` +
      `with judge noise ${a.judgeNoise.toFixed(2)}, tie rate ${percent(a.tieRate)} (Davidson ν = ${analysis.tieParameter.toFixed(3)}), ` +
      `position bias ${a.positionBias >= 0 ? "+" : ""}${percent(a.positionBias)}`,
    `scheduler ${options.scheduler}, order ${options.order}, ${analysis.simulations} simulated studies per budget; ` +
      `Bradley–Terry fit (ties as half wins, L2 prior ${analysis.prior}); rank intervals: ${options.rankIntervalMethod}`,
  ];
  if (pilot !== undefined) {
    lines.push(
      `assumptions from pilot ${pilot.dataset}: ${pilot.comparisons} comparisons; fitted strength variance ` +
        `${pilot.fittedVariance.toFixed(3)} (less mean squared SE ${pilot.meanSquaredStandardError.toFixed(3)} and judge noise²/judges); judges agree on ${percent(pilot.agreement)} of ${pilot.sharedPairs} shared pairs ` +
        `(${percent(pilot.agreementWithoutJudgeNoise)} without judge noise)`,
    );
  }
  if (analysis.exhaustedAt !== undefined) {
    lines.push(
      `the scheduler ran out of new pairs at ${analysis.exhaustedAt.toFixed(1)} comparisons per item (pairs never repeat; ` +
        "--scheduler round-robin replays them)",
    );
  }
  const pointColumns = [
    { header: "per item", align: "right" as const, cell: (point: PlanPoint) => String(point.comparisonsPerItem) },
    {
      header: "comparisons",
      align: "right" as const,
      cell: (point: PlanPoint) =>
        point.realisedComparisons < point.comparisons
          ? `${Math.round(point.realisedComparisons)} (ran out)`
          : String(point.comparisons),
    },
    ...analysis.results.map((result, index) => ({
      header: result.target,
      align: "right" as const,
      cell: (point: PlanPoint) => {
        const estimate = point.estimates[index];
        if (estimate === undefined) return "-";
        return `${formatEstimate(result.target, estimate.estimate, estimate.standardError)}${estimate.met ? " *" : ""}`;
      },
    })),
  ];
  const answerColumns = [
    { header: "target", cell: (row: TargetResult) => row.target },
    {
      header: "comparisons per item needed",
      cell: (row: TargetResult) => describeNeeded(row, options.maxComparisons, analysis.exhaustedAt !== undefined),
    },
    {
      header: "total",
      align: "right" as const,
      cell: (row: TargetResult) => (row.needed === undefined ? "-" : String(Math.round((row.needed * a.items) / 2))),
    },
    {
      header: "estimate there",
      align: "right" as const,
      cell: (row: TargetResult) => formatEstimate(row.target, row.closest.estimate, row.closest.standardError),
    },
    ...(options.costs === undefined
      ? []
      : [
          {
            header: "cost (USD)",
            align: "right" as const,
            cell: (row: TargetResult) => {
              const cost = options.costs?.[analysis.results.indexOf(row)];
              return cost === undefined ? "-" : `${cost.unpriced.length > 0 ? "≥ " : ""}${cost.totalUsd.toFixed(2)}`;
            },
          },
        ]),
  ];
  const footer: string[] = ["* the target is met at this budget; ± is one simulation standard error"];
  const cost = options.costs?.[0];
  if (cost !== undefined) {
    footer.push(
      `cost: ${cost.inputTokensPerComparison} input + ${cost.outputTokensPerComparison} output tokens per comparison, ` +
        `judges in turn, list prices of ${cost.pricesDate}${cost.unpriced.length > 0 ? `; no price for ${cost.unpriced.join(", ")} (counted as free)` : ""}`,
    );
  }
  return `${lines.join("\n")}\n\n${formatTable(analysis.points, pointColumns)}\n${formatTable(analysis.results, answerColumns)}${footer.join("\n")}\n`;
}

function describeNeeded(row: TargetResult, maxComparisons: number, exhausted: boolean): string {
  if (row.needed === undefined) {
    const limit = exhausted ? "before the scheduler ran out of pairs" : `within ${maxComparisons}`;
    return `not reached ${limit}; closest at ${row.closest.comparisonsPerItem}`;
  }
  return row.neededStandardError === undefined
    ? String(row.needed)
    : `${row.needed} ± ${row.neededStandardError.toFixed(1)}`;
}
