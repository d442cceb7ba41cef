import { writeDataset } from "@judgelab/datasets";
import type { JudgeTemplate } from "@judgelab/judges";
import type { Comparison, Item, Judge } from "@judgelab/schema";
import { createSimulatedJudgeForConfig } from "./create-simulated-judge-for-config.js";
import { judgeRecordOf } from "./export-run-dataset.js";
import { loadTournamentItems } from "./load-tournament-items.js";
import type { ProgressReporter } from "./progress-events.js";
import { resolveTemplate } from "./resolve-template.js";
import { createMemoryJournal } from "./run-journal.js";
import { comparisonsInPlanOrder } from "./run-state.js";
import { runTournament, type TournamentRunSummary } from "./run-tournament.js";
import type { TournamentConfig } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

/** Options of {@link simulateTournament}. */
export interface SimulateTournamentOptions {
  readonly config: TournamentConfig;
  /** Items with `metadata.quality`; default: the config's items source. */
  readonly items?: readonly Item[];
  /** Folder that relative paths of the config resolve against (default: the working directory). */
  readonly baseDir?: string;
  /** Template; default: the config's (`resolveTemplate`). */
  readonly template?: JudgeTemplate;
  /** When given, the dataset is written here (items, judges, comparisons, dataset.json). */
  readonly outDir?: string;
  readonly signal?: AbortSignal;
  readonly reporter?: ProgressReporter;
}

/** A simulated tournament: the canonical records plus the run summary. */
export interface SimulatedTournament {
  readonly items: Item[];
  readonly judges: Judge[];
  /** Comparisons in plan order: verdicts, and refusals as `invalid` with their raw answer. */
  readonly comparisons: Comparison[];
  readonly summary: TournamentRunSummary;
}

/**
 * Runs a tournament with simulated judges only (no network, no run folder: an in-memory log) through the same
 * runner as real runs, and optionally writes it as a canonical dataset. Items keep their latent quality in
 * `metadata.quality`, so analytics can be checked against ground truth. Timestamps are derived from the plan
 * position (one second apart from 2026-01-01), so the same config writes byte-identical files.
 */
export async function simulateTournament(options: SimulateTournamentOptions): Promise<SimulatedTournament> {
  const { config } = options;
  const nonSimulated = config.judges.filter((judge) => judge.provider !== "simulated");
  if (nonSimulated.length > 0) {
    throw new Error(
      `simulate: judges ${nonSimulated.map((judge) => `"${judge.id}" (${judge.provider})`).join(", ")} are not simulated; use \`judgelab run\` for real providers`,
    );
  }
  const baseDir = options.baseDir ?? process.cwd();
  const items = options.items ?? (await loadTournamentItems(config, baseDir));
  const template = options.template ?? (await resolveTemplate(config, baseDir));
  const prepared = prepareTournamentItems(items, { byCategory: config.scheduler.byCategory });
  const judges = config.judges.map((judge) =>
    createSimulatedJudgeForConfig({ judge, seed: config.seed, items: prepared.judgeItems }),
  );
  const journal = createMemoryJournal();
  let tick = 0;
  const start = Date.UTC(2026, 0, 1);
  const summary = await runTournament({
    config,
    items,
    judges,
    template,
    journal,
    now: () => new Date(start + 1000 * tick++),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.reporter === undefined ? {} : { reporter: options.reporter }),
  });
  const comparisons = comparisonsInPlanOrder(journal.appended);
  const judgeRecords: Judge[] = judges.map(judgeRecordOf);
  if (options.outDir !== undefined) {
    await writeDataset(options.outDir, {
      manifest: {
        schemaVersion: 1,
        name: config.name,
        description: config.description ?? `Simulated tournament "${config.name}" (seed ${config.seed})`,
        source: "judgelab simulate",
        license: "CC0-1.0",
        metadata: { seed: config.seed, simulated: true, stopReason: summary.reason, rounds: summary.rounds },
      },
      items,
      judges: judgeRecords,
      comparisons,
    });
  }
  return { items: [...items], judges: judgeRecords, comparisons, summary };
}
