import type { AggregatedComparisons, PairCells } from "@judgelab/ratings";
import { unavailable } from "../section.js";
import {
  describeLeaderboard,
  explainPrior,
  fitWaldLeaderboardFromCells,
  sandwichStandardErrors,
  startBootstrapLeaderboardFromCells,
} from "../stability/fit-leaderboard.js";
import { measureSeparability, STABILITY_LIMITS } from "../stability/measure-stability.js";
import { leaderboardCorrelation } from "../stability/rank-agreement.js";
import { binomialTestPValue } from "../stats/binomial-test.js";
import { proportion } from "../stats/proportion.js";
import type { JudgeTablesDocument, JudgeTablesInput } from "./judge-tables-document.js";
import { measureCellGraph } from "./measure-cell-graph.js";

/** Sections of the metrics document that need the comparison rows, with the reason. */
export const ROW_LEVEL_SECTIONS: readonly { readonly section: string; readonly reason: string }[] = [
  { section: "agreement", reason: "needs each judge's vote per unit (item pair within prompt), not only counts" },
  { section: "positionBias.overTime", reason: "needs the comparisons in time order" },
  {
    section: "positionBias.bothOrders, positionBias.shi, positionBias.consistencyByGap, positionBias.orderDesign",
    reason: "pair each comparison with its swapped-order twin within a unit",
  },
  { section: "positionBias.orderEffect", reason: "fitted per judge on the rows with the pooled ratings as offsets" },
  {
    section: "stability.leaveOneJudgeOut, stability.splitHalf, stability.convergence, stability.transitivity",
    reason: "refit subsets of rows (random halves, time prefixes) or read panel votes per unit",
  },
  {
    section: "stability.rated (groups)",
    reason:
      "the leaderboards rate the items; rating groups of items (--group, or the producers by default) needs the item records per row",
  },
  { section: "biases, coherence", reason: "need item texts, assessments and per-row judge × writer pairs" },
  { section: "reference, againstReference, conditions", reason: "need references or conditions per row" },
];

/**
 * Judge analytics from aggregated tables ({@link JudgeTablesInput}): the dataset summary, the first-position
 * win rate of every judge (Wilson 95% interval, two-sided exact binomial test against 0.5) and the stability
 * leaderboards (pooled Bradley–Terry with bootstrap intervals, per-judge Wald boards, their rank correlations,
 * separability), each computed by the same functions and rules as {@link analyzeJudges}, so on the same data
 * the figures equal the metrics document's. Sections that need rows are listed in `skipped`.
 */
export function analyzeJudgeTables(input: JudgeTablesInput, engine: string): JudgeTablesDocument {
  const { counts, judgeIds, options } = input;
  let decided = 0;
  let ties = 0;
  let invalid = 0;
  let comparisons = 0;
  const judges = judgeIds.map((judge, code) => {
    const judgeDecided = (counts.firstWins[code] ?? 0) + (counts.secondWins[code] ?? 0);
    decided += judgeDecided;
    ties += counts.ties[code] ?? 0;
    invalid += counts.invalid[code] ?? 0;
    comparisons += counts.comparisons[code] ?? 0;
    return {
      judge,
      kind: input.judgeKinds?.[code] ?? null,
      comparisons: counts.comparisons[code] ?? 0,
      decided: judgeDecided,
      ties: counts.ties[code] ?? 0,
      invalid: counts.invalid[code] ?? 0,
    };
  });
  const positionBias = {
    perJudge: judgeIds.map((judge, code) => ({
      judge,
      firstWinRate: proportion(counts.knownFirstWins[code] ?? 0, counts.knownDecided[code] ?? 0),
      binomialPValue: binomialTestPValue(counts.knownFirstWins[code] ?? 0, counts.knownDecided[code] ?? 0),
    })),
  };
  const stability = measureTableStability(input);
  return {
    schemaVersion: 1,
    kind: "judgelab.judge-tables",
    engine,
    options,
    dataset: { comparisons, decided, ties, invalid, items: input.itemIds.length, judges },
    positionBias,
    stability,
    computed: [
      "dataset (without units and bothOrderUnits)",
      "positionBias.perJudge[].firstWinRate, binomialPValue",
      ...(stability.available ? ["stability.pooled, perJudge, correlations, separability"] : []),
    ],
    skipped: ROW_LEVEL_SECTIONS,
  };
}

/** The stability leaderboards of `startStability`, from cells; unavailable for the same reasons. */
function measureTableStability(input: JudgeTablesInput): JudgeTablesDocument["stability"] {
  const { pooled, options } = input;
  const graph = measureCellGraph(pooled.cells);
  if (graph.items < 3) return unavailable("fewer than three rated items");
  const repeatedStar = graph.largestGroup >= 3 && graph.comparisonsPerItem >= 2 * STABILITY_LIMITS.minOpponentsPerItem;
  if (graph.meanDegree < STABILITY_LIMITS.minOpponentsPerItem && !repeatedStar) {
    return unavailable(
      `items meet ${graph.meanDegree.toFixed(2)} distinct opponents on average (< ${STABILITY_LIMITS.minOpponentsPerItem}) in ${graph.comparisonsPerItem.toFixed(1)} comparisons each: no leaderboard`,
    );
  }
  if (graph.items > STABILITY_LIMITS.maxItems)
    return unavailable(`${graph.items} rated items exceed the stability limit of ${STABILITY_LIMITS.maxItems}`);
  const pending = startBootstrapLeaderboardFromCells({
    cells: pooled.cells,
    played: countPlayedInCells(pooled.cells),
    rounds: options.bootstrapRounds,
    seed: options.seed,
    ...(pooled.clusters === null ? {} : { clusters: pooled.clusters }),
  });
  const start = pending.parameters;
  const perJudgeFits = input.perJudge.flatMap((judgeInput, code) => {
    if (judgeInput === null || judgeInput.cells.size === 0) return [];
    const fitted = fitWaldLeaderboardFromCells({
      cells: inPooledOrder(judgeInput.cells, pooled.cells),
      played: countPlayedInCells(judgeInput.cells),
      start,
      robust: (fit, prior) => sandwichStandardErrors(judgeInput, fit, prior),
    });
    return [{ judge: input.judgeIds[code] as string, comparisons: comparisonsIn(judgeInput), fitted }];
  });
  const correlations = perJudgeFits.map(({ judge, fitted }) =>
    leaderboardCorrelation({ a: "pooled", b: judge }, pending.estimate, fitted.estimate),
  );
  perJudgeFits.forEach((x, a) => {
    for (const y of perJudgeFits.slice(a + 1))
      correlations.push(leaderboardCorrelation({ a: x.judge, b: y.judge }, x.fitted.estimate, y.fitted.estimate));
  });
  const board = pending.finish();
  return {
    available: true,
    method: `bradley-terry (Newton MLE on the Elo scale, half-win ties, ${explainPrior(board.prior)}; ${board.solver} solver)`,
    pooled: describeLeaderboard(board, comparisonsIn(pooled), options.maxLeaderboardItems),
    perJudge: perJudgeFits.map(({ judge, comparisons, fitted }) => ({
      judge,
      leaderboard: describeLeaderboard(fitted, comparisons, options.maxLeaderboardItems),
    })),
    correlations,
    separability: measureSeparability(board),
  };
}

/** Valid comparisons in the cells. */
function comparisonsIn(input: AggregatedComparisons): number {
  const { cells } = input;
  let total = 0;
  for (let c = 0; c < cells.size; c++) total += cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
  return total;
}

/** Decided or tied comparisons per item code (the row-level `countPlayed`). */
function countPlayedInCells(cells: PairCells): Float64Array {
  const played = new Float64Array(cells.itemIds.length);
  for (let c = 0; c < cells.size; c++) {
    const n = cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
    played[cells.first[c]!] = played[cells.first[c]!]! + n;
    played[cells.second[c]!] = played[cells.second[c]!]! + n;
  }
  return played;
}

/**
 * A judge's cells in the order of the pooled cells (as `subsetPairCells` of the pooled index gives them to the
 * per-judge fits of the row-level path), so that the fits see the same sums in the same order.
 */
function inPooledOrder(cells: PairCells, pooled: PairCells): PairCells {
  const itemCount = pooled.itemIds.length;
  const position = new Map<number, number>();
  for (let c = 0; c < pooled.size; c++) position.set(pooled.first[c]! * itemCount + pooled.second[c]!, c);
  const order = Array.from({ length: cells.size }, (_, c) => c);
  const key = (c: number) => position.get(cells.first[c]! * itemCount + cells.second[c]!) ?? Number.POSITIVE_INFINITY;
  order.sort((x, y) => key(x) - key(y));
  const pick = <T extends Int32Array | Uint8Array | Float64Array>(column: T): T =>
    column.map((_, k) => column[order[k]!]!) as T;
  return {
    ...cells,
    first: pick(cells.first),
    second: pick(cells.second),
    positional: pick(cells.positional),
    judge: pick(cells.judge),
    firstWins: pick(cells.firstWins),
    secondWins: pick(cells.secondWins),
    ties: pick(cells.ties),
  };
}
