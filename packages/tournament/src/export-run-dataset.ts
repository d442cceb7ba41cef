import { join } from "node:path";
import { writeDataset } from "@judgelab/datasets";
import type { PairwiseJudge } from "@judgelab/judges";
import type { DatasetCounts, Item, Judge } from "@judgelab/schema";
import type { RunLogRecord } from "./run-records.js";
import { comparisonsInPlanOrder } from "./run-state.js";
import type { RunManifest } from "./run-store.js";

/** The dataset records of a judge (its description: provider, model, family, parameters; never a key). */
export function judgeRecordOf(judge: PairwiseJudge): Judge {
  const description = judge.describe();
  return {
    id: judge.id,
    kind: judge.kind,
    provider: judge.provider,
    model: judge.model,
    ...(judge.family === undefined ? {} : { family: judge.family }),
    parameters: { ...description.parameters },
  };
}

/**
 * Writes the run's comparisons so far as a canonical dataset in `<runDir>/dataset` (items, judges, comparisons in
 * plan order with refusals and unparseable answers as `invalid`, dataset.json), the folder `judgelab report
 * <run-dir>` reads. Rewritten after every invocation, so it always matches the log.
 */
export async function exportRunDataset(options: {
  runDir: string;
  manifest: RunManifest;
  items: readonly Item[];
  judges: readonly PairwiseJudge[];
  records: readonly RunLogRecord[];
}): Promise<{ dir: string; counts: DatasetCounts }> {
  const dir = join(options.runDir, "dataset");
  const counts = await writeDataset(dir, {
    manifest: {
      schemaVersion: 1,
      name: options.manifest.name,
      description: `Tournament run "${options.manifest.name}" (seed ${options.manifest.seed}), exported from its run log`,
      source: "judgelab run",
      createdAt: options.manifest.createdAt,
      metadata: {
        seed: options.manifest.seed,
        identityHash: options.manifest.identityHash,
        templateHash: options.manifest.templateHash,
      },
    },
    items: options.items,
    judges: options.judges.map(judgeRecordOf),
    comparisons: comparisonsInPlanOrder(options.records),
  });
  return { dir, counts };
}
