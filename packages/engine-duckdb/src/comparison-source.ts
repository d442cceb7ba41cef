import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { readJsonLines, resolveDatasetFiles } from "@judgelab/datasets";
import { EngineInputError } from "./engine-input-error.js";

/** Where the comparisons are and which items and judges come first in the dictionaries. */
export interface ComparisonSource {
  readonly format: "jsonl" | "parquet";
  /** The comparisons file (JSONL may be gzip-compressed). */
  readonly path: string;
  /** Size of the file in bytes (for the engine choice). */
  readonly bytes: number;
  /** Item ids of `items.jsonl` in file order (they get the first codes, as in the in-memory table); else empty. */
  readonly itemIds: readonly string[];
  /** The file the item ids came from, when there is one: comparisons naming other items are refused. */
  readonly itemsFile?: string;
  /** Judge ids of `judges.jsonl` in file order; else empty. */
  readonly judgeIds: readonly string[];
  readonly judgesFile?: string;
}

/** True for a Parquet file name. */
export function isParquetPath(path: string): boolean {
  return path.toLowerCase().endsWith(".parquet");
}

/**
 * Resolves a dataset folder (its comparisons file as named in `dataset.json`, else `comparisons.jsonl`,
 * `comparisons.jsonl.gz` or `comparisons.parquet`) or a single comparisons file (`.jsonl`, `.jsonl.gz`,
 * `.parquet`), reading the item and judge ids of the folder's `items.jsonl` and `judges.jsonl` when present.
 */
export async function resolveComparisonSource(path: string): Promise<ComparisonSource> {
  if (!existsSync(path)) throw new EngineInputError(`${path} does not exist`);
  if (!statSync(path).isDirectory()) return fileSource(path, {});
  const files = resolveDatasetFiles(path);
  let comparisons = files.comparisons;
  if (!existsSync(comparisons) && existsSync(join(path, "comparisons.parquet")))
    comparisons = join(path, "comparisons.parquet");
  if (!existsSync(comparisons))
    throw new EngineInputError(`${path} has no comparisons file (comparisons.jsonl, .jsonl.gz or .parquet)`);
  const items = existsSync(files.items) ? { file: files.items, ids: await readIds(files.items) } : undefined;
  const judges = existsSync(files.judges) ? { file: files.judges, ids: await readIds(files.judges) } : undefined;
  return fileSource(comparisons, { items, judges });
}

function fileSource(
  path: string,
  known: { items?: { file: string; ids: string[] } | undefined; judges?: { file: string; ids: string[] } | undefined },
): ComparisonSource {
  return {
    format: isParquetPath(path) ? "parquet" : "jsonl",
    path,
    bytes: statSync(path).size,
    itemIds: known.items?.ids ?? [],
    ...(known.items === undefined ? {} : { itemsFile: known.items.file }),
    judgeIds: known.judges?.ids ?? [],
    ...(known.judges === undefined ? {} : { judgesFile: known.judges.file }),
  };
}

/** The `id` of every record of a small JSONL file (items, judges), in file order. */
async function readIds(path: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const line of readJsonLines(path)) {
    if (line.error !== undefined) throw new EngineInputError(`${path}:${line.line}: ${line.error}`);
    const id = (line.value as { id?: unknown } | null)?.id;
    if (typeof id !== "string") throw new EngineInputError(`${path}:${line.line}: id: expected a string`);
    ids.push(id);
  }
  return ids;
}
