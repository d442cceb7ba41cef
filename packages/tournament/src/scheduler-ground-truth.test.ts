import { paperImpactTemplate } from "@judgelab/judges";
import { describe, expect, it } from "vitest";
import { createSimulatedJudgeForConfig } from "./create-simulated-judge-for-config.js";
import { createMemoryJournal } from "./run-journal.js";
import { RunState } from "./run-state.js";
import { runTournament } from "./run-tournament.js";
import { standingsFromState } from "./standings-from-state.js";
import { createSyntheticItems } from "./synthetic-items.js";
import { type SchedulerKind, tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";
import { conservativeScore } from "./tournament-standings.js";

/** Spearman's ρ without ties: 1 − 6Σd²/(n(n²−1)) (continuous scores, so ties have probability 0). */
function spearman(x: readonly number[], y: readonly number[]): number {
  const ranks = (values: readonly number[]) => {
    const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
    const rank = new Array<number>(values.length);
    order.forEach((entry, position) => {
      rank[entry.index] = position;
    });
    return rank;
  };
  const rx = ranks(x);
  const ry = ranks(y);
  const n = x.length;
  const d2 = rx.reduce((sum, r, index) => sum + (r - ry[index]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

/** Runs a simulated tournament (one judge of noise 1, ground truth in metadata.quality) with a match budget. */
async function simulate(kind: SchedulerKind, maxMatches: number) {
  const items = createSyntheticItems({ count: 120, categories: ["all"], qualitySd: 1.5, seed: 21 });
  const config = tournamentConfigSchema.parse({
    seed: 21,
    items: { inline: items },
    judges: [{ id: "sim", provider: "simulated", model: "sim" }],
    scheduler: { kind },
    stop: { maxMatches, sigma: 0, topSigma: 0, maxMatchesPerItem: 200, keepPlayingUndefeated: false },
  });
  const prepared = prepareTournamentItems(items, { byCategory: true });
  const judge = createSimulatedJudgeForConfig({ judge: config.judges[0]!, seed: 21, items: prepared.judgeItems });
  const journal = createMemoryJournal();
  await runTournament({ config, items, judges: [judge], template: paperImpactTemplate, journal });
  const standings = standingsFromState(RunState.fromRecords(journal.appended), prepared);
  const quality = items.map((item) => item.metadata!.quality as number);
  const score = items.map((_, index) => conservativeScore(standings, index));
  const byScore = (values: number[]) =>
    new Set([...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, 10));
  const trueTop = byScore(quality);
  const foundTop = byScore(score);
  return { rho: spearman(score, quality), topOverlap: [...foundTop].filter((item) => trueTop.has(item)).length };
}

describe("schedulers against ground truth (simulated judge, latent quality known)", () => {
  it("every adaptive scheduler recovers the latent ranking; the seed system's finds the top 10 at least as well as random pairs", async () => {
    const budget = 120 * 10; // 20 matches per item on average
    const results = Object.fromEntries(
      await Promise.all(
        (["random", "swiss", "uncertainty", "seed-system"] as const).map(
          async (kind) => [kind, await simulate(kind, budget)] as const,
        ),
      ),
    );
    console.log(JSON.stringify(results));
    for (const result of Object.values(results)) expect(result.rho).toBeGreaterThan(0.85);
    expect(results["seed-system"]!.topOverlap).toBeGreaterThanOrEqual(results.random!.topOverlap);
  });
});
