import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paperImpactTemplate } from "@judgelab/judges";
import { afterAll, describe, expect, it } from "vitest";
import { createJudges } from "./create-judges.js";
import { paperTournamentPreset } from "./paper-tournament-preset.js";
import { createMemoryJournal } from "./run-journal.js";
import { comparisonsInPlanOrder } from "./run-state.js";
import { runTournament } from "./run-tournament.js";
import { simulateTournament } from "./simulate-tournament.js";
import { tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-replay-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("replay judges", () => {
  it("replaying a simulated tournament's dataset reproduces its schedule and every verdict", async () => {
    const simulated = paperTournamentPreset({ papers: 30, seed: 8 });
    const datasetDir = join(root, "sim");
    const original = await simulateTournament({ config: simulated, template: paperImpactTemplate, outDir: datasetDir });

    // Same tournament, each judge replaced by a replay of its own recorded verdicts.
    const config = tournamentConfigSchema.parse({
      ...simulated,
      judges: simulated.judges.map((judge) => ({
        id: judge.id,
        provider: "replay",
        model: judge.id,
        replayDataset: datasetDir,
      })),
    });
    const items = prepareTournamentItems(original.items, { byCategory: true });
    const judges = await createJudges({ config, items: items.judgeItems, apiKeyOf: () => undefined, baseDir: root });
    const journal = createMemoryJournal();
    const summary = await runTournament({
      config,
      items: original.items,
      judges,
      template: paperImpactTemplate,
      journal,
    });
    expect(summary.failed).toBe(0);
    const replayed = comparisonsInPlanOrder(journal.appended);
    const key = (c: { id: string; first: string; second: string; judge: string; verdict: string }) =>
      `${c.id} ${c.first} ${c.second} ${c.judge} ${c.verdict}`;
    expect(replayed.map(key)).toEqual(original.comparisons.map(key));
  });
});
