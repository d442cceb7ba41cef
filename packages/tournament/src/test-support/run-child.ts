/**
 * A tournament run in a child process, for the crash test: `node --import tsx --conditions=source run-child.ts
 * <spec.json>`. Prints `ready` once the run folder is open (with any repair), then the summary as JSON when done.
 * Keys come from the environment, as in the CLI; with `batch.enabled` the run goes through provider batch clients.
 */
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { paperImpactTemplate } from "@judgelab/judges";
import type { Item } from "@judgelab/schema";
import { createBatchClients, createJudges } from "../create-judges.js";
import { createRunManifest } from "../create-run-manifest.js";
import { RunStore } from "../run-store.js";
import { runTournament } from "../run-tournament.js";
import { tournamentConfigSchema } from "../tournament-config.js";
import { prepareTournamentItems } from "../tournament-items.js";

const specPath = process.argv[2];
if (specPath === undefined) throw new Error("usage: run-child.ts <spec.json>");
const spec = JSON.parse(readFileSync(specPath, "utf8")) as { runDir: string; config: unknown; items: Item[] };
const config = tournamentConfigSchema.parse(spec.config);
const items = prepareTournamentItems(spec.items, { byCategory: config.scheduler.byCategory });
const apiKeyOf = (name: string) => process.env[name];
const judges = await createJudges({
  config,
  items: items.judgeItems,
  apiKeyOf,
  baseDir: dirname(specPath),
});
const batchClients = config.batch.enabled ? createBatchClients({ config, apiKeyOf }) : undefined;
const store = RunStore.open(spec.runDir, createRunManifest({ config, items, template: paperImpactTemplate, judges }));
process.stdout.write(`ready ${JSON.stringify(store.repairs)}\n`);
const summary = await runTournament({
  config,
  items: spec.items,
  judges,
  template: paperImpactTemplate,
  journal: store,
  ...(batchClients === undefined ? {} : { batchClients }),
});
store.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
