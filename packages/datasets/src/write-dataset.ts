import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type Assessment,
  type Comparison,
  createRecordValidator,
  type DatasetCounts,
  type DatasetManifest,
  type Item,
  type Judge,
  type RecordKind,
  type Reference,
} from "@judgelab/schema";
import { JsonLinesWriter } from "./json-lines-writer.js";
import { MANIFEST_FILE } from "./resolve-dataset-files.js";
import { DatasetError, type RecordCounts } from "./validation-report.js";

/** What {@link writeDataset} writes. `comparisons` may be an async stream (e.g. a tournament's run log). */
export interface DatasetToWrite {
  manifest: Omit<DatasetManifest, "counts"> & { counts?: DatasetManifest["counts"] };
  items: Iterable<Item>;
  judges: Iterable<Judge>;
  comparisons: Iterable<Comparison> | AsyncIterable<Comparison>;
  assessments?: Iterable<Assessment>;
  references?: Iterable<Reference>;
}

async function writeRecords(
  path: string,
  kind: Exclude<RecordKind, "manifest">,
  records: Iterable<unknown> | AsyncIterable<unknown>,
): Promise<number> {
  const validator = createRecordValidator(kind);
  const writer = await JsonLinesWriter.open(path);
  try {
    for await (const record of records) {
      const problems = validator.check(record);
      if (problems.length > 0) {
        const line = writer.count + 1;
        throw new DatasetError(
          path,
          problems.map((problem) => ({ file: path, line, field: problem.field, message: problem.message })),
        );
      }
      await writer.write(record);
    }
  } finally {
    await writer.close();
  }
  return writer.count;
}

/** Removes an optional record file left by an earlier write, which would otherwise be read as part of this one. */
async function removeStale(dir: string, kind: "judges" | "assessments" | "references"): Promise<void> {
  await rm(join(dir, `${kind}.jsonl`), { force: true });
  await rm(join(dir, `${kind}.jsonl.gz`), { force: true });
}

/** No judges means "implied by the comparisons": an empty judges.jsonl would make every judge unknown. */
async function writeJudges(dir: string, judges: readonly Judge[]): Promise<number> {
  if (judges.length > 0) return writeRecords(join(dir, "judges.jsonl"), "judge", judges);
  await removeStale(dir, "judges");
  return 0;
}

/**
 * Writes a dataset folder: one JSONL file per record kind (streamed, so `comparisons` may be larger than
 * memory), then `dataset.json` with the counts, last, so a folder with a manifest is complete. Each record is
 * checked against its schema on the way (unknown top-level fields are moved under `metadata`); an invalid
 * record stops the write with a {@link DatasetError} naming the file and line. Optional files are written
 * only when given (their count is then 0 in the result and absent from `dataset.json`); an earlier
 * `assessments.jsonl` or `references.jsonl` in the folder is removed when not given. With no judges, no
 * judges.jsonl is written: the judges are then implied by the comparisons. Files always get the
 * default names, so `manifest.files` is not written. Referential checks (unknown ids) are `validateDataset`'s job.
 */
export async function writeDataset(dir: string, dataset: DatasetToWrite): Promise<RecordCounts> {
  const { counts: _ignored, files: _files, ...manifest } = dataset.manifest;
  const counts: DatasetCounts = {
    items: await writeRecords(join(dir, "items.jsonl"), "item", dataset.items),
    judges: await writeJudges(dir, [...dataset.judges]),
    comparisons: await writeRecords(join(dir, "comparisons.jsonl"), "comparison", dataset.comparisons),
  };
  if (dataset.assessments !== undefined) {
    counts.assessments = await writeRecords(join(dir, "assessments.jsonl"), "assessment", dataset.assessments);
  } else {
    await removeStale(dir, "assessments");
  }
  if (dataset.references !== undefined) {
    counts.references = await writeRecords(join(dir, "references.jsonl"), "reference", dataset.references);
  } else {
    await removeStale(dir, "references");
  }
  const full = { ...manifest, counts };
  const problems = createRecordValidator("manifest").check(full);
  if (problems.length > 0) {
    const file = join(dir, MANIFEST_FILE);
    throw new DatasetError(
      file,
      problems.map((problem) => ({ file, line: 0, ...problem })),
    );
  }
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(full, null, 2)}\n`);
  return { assessments: 0, references: 0, ...counts } as RecordCounts;
}
