import { existsSync } from "node:fs";
import { join } from "node:path";
import { readJsonLines, writeDataset } from "@judgelab/datasets";
import type { PairwiseJudge } from "@judgelab/judges";
import type { DatasetCounts, Item, Judge } from "@judgelab/schema";
import { readRunFolder } from "./read-run-folder.js";
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
  return writeRunDataset({
    ...options,
    dir: join(options.runDir, "dataset"),
    judges: options.judges.map(judgeRecordOf),
  });
}

/**
 * Writes a run folder's comparisons as they are in its log now (not as the last export saw them: a run killed
 * mid-way leaves a stale `dataset/`) into `outDir`, with the items and judges of the last export. Read-only on the
 * run folder. Throws `LogLineError` for a corrupted log line, and an Error when the run was never exported.
 */
export async function exportRunDatasetFromLog(options: {
  runDir: string;
  outDir: string;
}): Promise<{ dir: string; counts: DatasetCounts }> {
  const folder = readRunFolder(options.runDir);
  const exported = join(options.runDir, "dataset");
  const read = async <T>(name: string): Promise<T[]> => {
    const file = join(exported, name);
    const records: T[] = [];
    if (!existsSync(file)) return records;
    for await (const entry of readJsonLines(file)) {
      if (entry.error !== undefined) throw new Error(`${file}:${entry.line}: ${entry.error}`);
      records.push(entry.value as T);
    }
    return records;
  };
  if (!existsSync(join(exported, "items.jsonl"))) {
    throw new Error(
      `${options.runDir} has no exported items yet (${exported}): resume the run once with --resume, which exports them`,
    );
  }
  return writeRunDataset({
    dir: options.outDir,
    manifest: folder.manifest,
    items: await read<Item>("items.jsonl"),
    judges: await read<Judge>("judges.jsonl"),
    records: folder.records,
  });
}

async function writeRunDataset(options: {
  dir: string;
  manifest: RunManifest;
  items: readonly Item[];
  judges: readonly Judge[];
  records: readonly RunLogRecord[];
}): Promise<{ dir: string; counts: DatasetCounts }> {
  const { dir } = options;
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
    judges: options.judges,
    comparisons: comparisonsInPlanOrder(options.records),
  });
  return { dir, counts };
}
