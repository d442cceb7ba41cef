/**
 * Helpers of `scheduling.bench.ts`: one simulated tournament per scheduler (known strengths, one unbiased
 * simulated judge) and its accuracy curve, measured on prefixes of the log in plan order with one estimator for
 * every scheduler (the Bradley–Terry posterior mean, prior N(0, 2)), so the curves compare designs, not estimators.
 */
import { fitBradleyTerryPosterior, type PairCells } from "@judgelab/ratings";
import type { Item } from "@judgelab/schema";
import { simulateTournament, type TournamentConfigInput, tournamentConfigSchema } from "@judgelab/tournament";

/** Accuracy of the ranking after `comparisons` comparisons. */
export interface CurvePoint {
  readonly comparisons: number;
  /** Spearman's ρ between the estimated and the true strengths. */
  readonly spearman: number;
  /** Share of the true top k found in the estimated top k. */
  readonly topK: number;
}

/** A scheduler's run: its curve and where it stopped. */
export interface SchedulerRun {
  readonly curve: CurvePoint[];
  readonly comparisons: number;
  readonly reason: string;
  readonly seconds: number;
}

/** Runs one tournament on `items` (strength = metadata.quality, judge noise 1) and measures its curve. */
export async function runScheduler(options: {
  items: readonly Item[];
  seed: number;
  config: Pick<TournamentConfigInput, "scheduler" | "stop">;
  step: number;
  topK: number;
}): Promise<SchedulerRun> {
  const config = tournamentConfigSchema.parse({
    seed: options.seed,
    items: { inline: options.items },
    judges: [{ id: "sim", provider: "simulated", model: "sim" }],
    order: "fixed",
    ...options.config,
  });
  const started = performance.now();
  const simulated = await simulateTournament({ config, items: options.items });
  const seconds = (performance.now() - started) / 1000;
  const index = new Map(options.items.map((item, position) => [item.id, position]));
  const truth = options.items.map((item) => item.metadata?.quality as number);
  const games = simulated.comparisons
    .filter((comparison) => comparison.verdict !== "invalid")
    .map((comparison) => ({
      first: index.get(comparison.first) as number,
      second: index.get(comparison.second) as number,
      verdict: comparison.verdict,
    }));
  const curve: CurvePoint[] = [];
  for (let end = options.step; end < games.length + options.step; end += options.step) {
    const prefix = games.slice(0, Math.min(end, games.length));
    curve.push(measureAccuracy(prefix, truth, options.topK));
  }
  return { curve, comparisons: games.length, reason: simulated.summary.reason, seconds };
}

/** Fits the posterior mean on `games` and scores it against the truth. */
export function measureAccuracy(
  games: readonly { first: number; second: number; verdict: string }[],
  truth: readonly number[],
  topK: number,
): CurvePoint {
  const cells = new Map<
    number,
    { first: number; second: number; firstWins: number; secondWins: number; ties: number }
  >();
  for (const game of games) {
    const [a, b] = game.first < game.second ? [game.first, game.second] : [game.second, game.first];
    const key = a * truth.length + b;
    const cell = cells.get(key) ?? { first: a, second: b, firstWins: 0, secondWins: 0, ties: 0 };
    const firstWon = (game.verdict === "first") === (game.first === a);
    if (game.verdict === "tie") cell.ties++;
    else if (firstWon) cell.firstWins++;
    else cell.secondWins++;
    cells.set(key, cell);
  }
  const list = [...cells.values()];
  const pairCells: PairCells = {
    size: list.length,
    itemIds: truth.map((_, index) => String(index)),
    judgeIds: [],
    first: Int32Array.from(list, (cell) => cell.first),
    second: Int32Array.from(list, (cell) => cell.second),
    positional: new Uint8Array(list.length),
    judge: new Int32Array(list.length).fill(-1),
    firstWins: Float64Array.from(list, (cell) => cell.firstWins),
    secondWins: Float64Array.from(list, (cell) => cell.secondWins),
    ties: Float64Array.from(list, (cell) => cell.ties),
    invalidCount: 0,
  };
  const estimate = [...fitBradleyTerryPosterior(pairCells, { prior: 0.5 }).mean];
  return { comparisons: games.length, spearman: spearman(estimate, truth), topK: topOverlap(estimate, truth, topK) };
}

/** Spearman's ρ: Pearson correlation of the ranks (average ranks for ties). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const n = x.length;
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i]! - mean) * (ry[i]! - mean);
    sxx += (rx[i]! - mean) ** 2;
    syy += (ry[i]! - mean) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    for (let k = start; k <= end; k++) ranks[order[k]!.index] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

function topOverlap(estimate: readonly number[], truth: readonly number[], k: number): number {
  const top = (values: readonly number[]) =>
    new Set([...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, k));
  const trueTop = top(truth);
  return [...top(estimate)].filter((item) => trueTop.has(item)).length / k;
}

/** The mean curve over replications, up to the shortest one. */
export function meanCurve(curves: readonly CurvePoint[][]): CurvePoint[] {
  const length = Math.min(...curves.map((curve) => curve.length));
  return Array.from({ length }, (_, index) => {
    const points = curves.map((curve) => curve[index]!);
    const average = (pick: (point: CurvePoint) => number) =>
      points.reduce((sum, point) => sum + pick(point), 0) / points.length;
    return {
      comparisons: average((point) => point.comparisons),
      spearman: average((point) => point.spearman),
      topK: average((point) => point.topK),
    };
  });
}
