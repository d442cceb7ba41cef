import { type JudgeTemplate, type PairwiseJudge, redactUrlSecrets } from "@judgelab/judges";
import type { ItemListEntry } from "./growing-items.js";
import type { RunManifest } from "./run-store.js";
import { hashValue } from "./stable-hash.js";
import type { TournamentConfig } from "./tournament-config.js";
import type { TournamentItems } from "./tournament-items.js";

/**
 * The manifest of a run folder. The identity hash covers what decides which comparisons exist and what they
 * answer: seed, items, judge descriptions (provider, model, parameters; never keys), template hash, order,
 * assignment, repetitions and scheduler settings. Operational settings (limits, retries, timeouts, stop rules,
 * budget) may change between resumes. A growing tournament passes `itemsHash`, the hash of the items it was
 * created with, and `itemList`, its append-only item list: items added later do not change its identity.
 */
export function createRunManifest(options: {
  config: TournamentConfig;
  items: TournamentItems;
  template: JudgeTemplate;
  judges: readonly PairwiseJudge[];
  now?: Date;
  itemsHash?: string;
  itemList?: readonly ItemListEntry[];
}): RunManifest {
  const { config } = options;
  const itemsHash = options.itemsHash ?? options.items.hash;
  const judges = options.judges.map((judge) => judge.describe());
  const identityHash = hashValue({
    seed: config.seed,
    items: itemsHash,
    judges,
    template: options.template.hash,
    order: config.order,
    assignment: config.assignment,
    repetitions: config.repetitions,
    scheduler: config.scheduler,
    task: config.task,
    rubric: config.rubric,
  });
  return {
    schemaVersion: 1,
    name: config.name,
    createdAt: (options.now ?? new Date()).toISOString(),
    seed: config.seed,
    identityHash,
    itemsHash,
    templateHash: options.template.hash,
    judges,
    // The snapshot never holds credentials: base URLs lose their userinfo and key parameters.
    config: {
      ...config,
      judges: config.judges.map((judge) =>
        judge.baseURL === undefined ? judge : { ...judge, baseURL: redactUrlSecrets(judge.baseURL) },
      ),
    },
    ...(options.itemList === undefined ? {} : { items: options.itemList }),
  };
}
