import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedDataPath } from "@judgelab/test-shared-data";

/** The shared third-party datasets folder (`$JUDGELAB_SHARED_DIR/datasets`, default `<repo>/../shared/datasets`). */
export const SHARED_DATASETS = sharedDataPath("datasets");

/** Path of a file or folder inside the shared datasets. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DATASETS, ...parts);
}

/** Creates a temporary folder under the OS temp dir and returns it with a cleanup function. */
export async function makeTempDir(
  prefix = "judgelab-importers-",
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Reads a JSONL file written by an import into an array of records. */
export async function readJsonl<T = Record<string, unknown>>(path: string): Promise<T[]> {
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(path, "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/** Writes records as a JSON Lines file (one `JSON.stringify` per line, trailing newline). */
export async function writeJsonl(path: string, records: readonly unknown[]): Promise<void> {
  const { writeFile } = await import("node:fs/promises");
  await writeFile(path, records.map((record) => `${JSON.stringify(record)}\n`).join(""));
}
