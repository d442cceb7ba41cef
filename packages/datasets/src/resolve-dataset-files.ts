import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DatasetManifest } from "@judgelab/schema";

/** Name of the manifest file of a dataset folder. */
export const MANIFEST_FILE = "dataset.json";

/** The files of a dataset folder (paths joined to the folder). */
export interface DatasetFiles {
  readonly manifest: string;
  readonly items: string;
  readonly judges: string;
  readonly comparisons: string;
  readonly assessments: string;
  readonly references: string;
}

const RECORD_FILES = ["items", "judges", "comparisons", "assessments", "references"] as const;

function readManifestFiles(dir: string): DatasetManifest["files"] {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")) as { files?: unknown };
    const files = parsed.files;
    return files !== null && typeof files === "object" ? (files as DatasetManifest["files"]) : undefined;
  } catch {
    return undefined; // a missing or malformed manifest is reported by validation, not here
  }
}

/**
 * Where a dataset folder's files are: the names in `dataset.json` `files` when given, else the defaults
 * `items.jsonl`, `judges.jsonl`, `comparisons.jsonl`, `assessments.jsonl`, `references.jsonl` (or the same
 * names with `.gz` when only the compressed file exists). Pass `files` to skip reading `dataset.json`.
 */
export function resolveDatasetFiles(
  dir: string,
  files: DatasetManifest["files"] = readManifestFiles(dir),
): DatasetFiles {
  const resolved: Record<string, string> = { manifest: join(dir, MANIFEST_FILE) };
  for (const kind of RECORD_FILES) {
    const named = files?.[kind];
    if (typeof named === "string") {
      resolved[kind] = join(dir, named);
      continue;
    }
    const plain = join(dir, `${kind}.jsonl`);
    resolved[kind] = !existsSync(plain) && existsSync(`${plain}.gz`) ? `${plain}.gz` : plain;
  }
  return resolved as unknown as DatasetFiles;
}
