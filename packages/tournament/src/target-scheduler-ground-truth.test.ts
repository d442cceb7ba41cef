import { paperImpactTemplate } from "@judgelab/judges";
import { describe, expect, it } from "vitest";
import { createSimulatedJudgeForConfig } from "./create-simulated-judge-for-config.js";
import { fitGroupPosterior } from "./group-posterior.js";
import { createMemoryJournal } from "./run-journal.js";
import { RunState } from "./run-state.js";
import { runTournament } from "./run-tournament.js";
import { standingsFromState } from "./standings-from-state.js";
import { createSyntheticItems } from "./synthetic-items.js";
import { type SchedulerKind, tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

/** Spearman's ρ without ties: 1 − 6Σd²/(n(n²−1)). */
function spearman(x: readonly number[], y: readonly number[]): number {
  const ranks = (values: readonly number[]) => {
    const rank = new Array<number>(values.length);
    [...values.keys()]
      .sort((a, b) => values[a]! - values[b]!)
      .forEach((index, position) => {
        rank[index] = position;
      });
    return rank;
  };
  const rx = ranks(x);
  const ry = ranks(y);
  const n = x.length;
  return 1 - (6 * rx.reduce((sum, r, index) => sum + (r - ry[index]!) ** 2, 0)) / (n * (n * n - 1));
}

/**
 * One simulated tournament of 60 papers (one judge of noise 1, latent quality known) with a budget of 6 matches
 * per paper, ranked by the same estimator for every scheduler (the Bradley–Terry posterior mean, prior 0.5).
 */
async function simulate(kind: SchedulerKind, seed: number) {
  const items = createSyntheticItems({ count: 60, categories: ["all"], qualitySd: 1.5, seed });
  const config = tournamentConfigSchema.parse({
    seed,
    items: { inline: items },
    judges: [{ id: "sim", provider: "simulated", model: "sim" }],
    scheduler: { kind, target: { rankWidth: 0, topK: 60 } },
    stop: { maxMatches: 360, sigma: 0, topSigma: 0, maxMatchesPerItem: 60, keepPlayingUndefeated: false },
  });
  const prepared = prepareTournamentItems(items, { byCategory: true });
  const judge = createSimulatedJudgeForConfig({ judge: config.judges[0]!, seed, items: prepared.judgeItems });
  const journal = createMemoryJournal();
  await runTournament({ config, items, judges: [judge], template: paperImpactTemplate, journal });
  const standings = standingsFromState(RunState.fromRecords(journal.appended), prepared);
  const { posterior } = fitGroupPosterior({ standings, group: prepared.groups[0]!, prior: 0.5 });
  const quality = items.map((item) => item.metadata!.quality as number);
  const estimate = prepared.groups[0]!.map((_, position) => posterior.mean[position]!);
  const top = (values: readonly number[]) =>
    new Set([...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, 10));
  const trueTop = top(quality);
  const estimateByItem = new Array<number>(items.length);
  prepared.groups[0]!.forEach((item, position) => {
    estimateByItem[item] = estimate[position]!;
  });
  return {
    rho: spearman(estimateByItem, quality),
    topOverlap: [...top(estimateByItem)].filter((item) => trueTop.has(item)).length,
  };
}

describe("target scheduler against ground truth", () => {
  it("ranks better than random pairs at an equal number of comparisons (mean over ten tournaments)", async () => {
    const seeds = Array.from({ length: 10 }, (_, i) => 1900 + i);
    const mean = async (kind: SchedulerKind) => {
      const results = await Promise.all(seeds.map((seed) => simulate(kind, seed)));
      return {
        rho: results.reduce((sum, result) => sum + result.rho, 0) / seeds.length,
        topOverlap: results.reduce((sum, result) => sum + result.topOverlap, 0) / seeds.length,
      };
    };
    const target = await mean("target");
    const random = await mean("random");
    expect(target.rho).toBeGreaterThan(random.rho + 0.01);
    expect(target.topOverlap).toBeGreaterThanOrEqual(random.topOverlap);
  });
});
