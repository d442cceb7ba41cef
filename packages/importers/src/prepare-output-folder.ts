import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { ImportInputError } from "./import-input-error.js";

/** The files a dataset folder holds; `--force` removes exactly these, never anything else in the folder. */
export const DATASET_FILE_NAMES = [
  "dataset.json",
  "items.jsonl",
  "judges.jsonl",
  "comparisons.jsonl",
  "assessments.jsonl",
  "references.jsonl",
] as const;

/**
 * Makes `dir` ready for a new dataset: creates it, or, when it exists and is not empty, refuses unless `force`
 * is set, in which case only the dataset files in it are removed.
 */
export async function prepareOutputFolder(dir: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new ImportInputError(`${dir}: cannot use as the output folder (${(error as Error).message})`, {
        file: dir,
        cause: error,
      });
    }
    await mkdir(dir, { recursive: true });
    return;
  }
  if (entries.length === 0) return;
  if (!force) {
    throw new ImportInputError(
      `${dir}: the output folder is not empty; choose a new folder or pass --force to replace its dataset files`,
      { file: dir },
    );
  }
  for (const name of DATASET_FILE_NAMES) await rm(join(dir, name), { force: true });
}
