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
  /** Titles of the items of `items.jsonl` that have one. */
  readonly itemTitles: ReadonlyMap<string, string>;
  /** The file the item ids came from, when there is one: comparisons naming other items are refused. */
  readonly itemsFile?: string;
  /** Judge ids of `judges.jsonl` in file order; else empty. */
  readonly judgeIds: readonly string[];
  /** The `kind` of the judges of `judges.jsonl` (llm, human, gold, simulated) by id. */
  readonly judgeKinds: ReadonlyMap<string, string>;
  /** The folder's `references.jsonl`, when it has one (the duckdb engine does not read it). */
  readonly referencesFile?: string;
  readonly judgesFile?: string;
}

/** True for a Parquet file name. */
export function isParquetPath(path: string): boolean {
  return path.toLowerCase().endsWith(".parquet");
}

/**
 * The comparisons file of a dataset folder (as named in `dataset.json`, else `comparisons.jsonl`,
 * `comparisons.jsonl.gz` or `comparisons.parquet`) or `path` itself when it is a file, with its format and size.
 * Reads nothing but the manifest.
 */
export function locateComparisonsFile(path: string): Pick<ComparisonSource, "format" | "path" | "bytes"> {
  if (!existsSync(path)) throw new EngineInputError(`${path} does not exist`);
  let file = path;
  if (statSync(path).isDirectory()) {
    file = resolveDatasetFiles(path).comparisons;
    if (!existsSync(file) && existsSync(join(path, "comparisons.parquet"))) file = join(path, "comparisons.parquet");
    if (!existsSync(file))
      throw new EngineInputError(`${path} has no comparisons file (comparisons.jsonl, .jsonl.gz or .parquet)`);
  }
  return { format: isParquetPath(file) ? "parquet" : "jsonl", path: file, bytes: statSync(file).size };
}

/**
 * {@link locateComparisonsFile}, plus the item ids (and titles) and judge ids of a dataset folder's
 * `items.jsonl` and `judges.jsonl` when present: small files, read in JavaScript.
 */
export async function resolveComparisonSource(path: string): Promise<ComparisonSource> {
  const located = locateComparisonsFile(path);
  if (located.path === path)
    return { ...located, itemIds: [], itemTitles: new Map(), judgeIds: [], judgeKinds: new Map() };
  const files = resolveDatasetFiles(path);
  const items = existsSync(files.items) ? await readRecords(files.items) : undefined;
  const judges = existsSync(files.judges) ? await readRecords(files.judges) : undefined;
  return {
    ...located,
    itemIds: items?.ids ?? [],
    itemTitles: items?.titles ?? new Map(),
    ...(items === undefined ? {} : { itemsFile: files.items }),
    judgeIds: judges?.ids ?? [],
    judgeKinds: judges?.kinds ?? new Map(),
    ...(judges === undefined ? {} : { judgesFile: files.judges }),
    ...(existsSync(files.references) ? { referencesFile: files.references } : {}),
  };
}

/** The `id` (and `title` and `kind`, when strings) of every record of a small JSONL file, in file order. */
async function readRecords(
  path: string,
): Promise<{ ids: string[]; titles: Map<string, string>; kinds: Map<string, string> }> {
  const ids: string[] = [];
  const titles = new Map<string, string>();
  const kinds = new Map<string, string>();
  for await (const line of readJsonLines(path)) {
    if (line.error !== undefined) throw new EngineInputError(`${path}:${line.line}: ${line.error}`);
    const record = line.value as { id?: unknown; title?: unknown; kind?: unknown } | null;
    if (typeof record?.id !== "string") throw new EngineInputError(`${path}:${line.line}: id: expected a string`);
    ids.push(record.id);
    if (typeof record.title === "string") titles.set(record.id, record.title);
    if (typeof record.kind === "string") kinds.set(record.id, record.kind);
  }
  return { ids, titles, kinds };
}
