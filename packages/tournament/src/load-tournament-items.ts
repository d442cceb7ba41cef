import { isAbsolute, resolve } from "node:path";
import { loadDataset, readJsonLines } from "@judgelab/datasets";
import { createRecordValidator, type Item } from "@judgelab/schema";
import { createSyntheticItems } from "./synthetic-items.js";
import type { TournamentConfig } from "./tournament-config.js";

/** Raised when the items source cannot be read; the message names the file, line and field. */
export class ItemsSourceError extends Error {
  override readonly name = "ItemsSourceError";
}

/**
 * Reads the config's items: a canonical dataset folder (validated by `loadDataset`), an items JSONL file (each
 * line checked against the item schema; the first problems are reported with file, line and field), inline
 * records, or synthetic items. Relative paths resolve against `baseDir` (the config file's folder).
 */
export async function loadTournamentItems(config: TournamentConfig, baseDir: string): Promise<Item[]> {
  const source = config.items;
  if ("synthetic" in source) return createSyntheticItems({ ...source.synthetic, seed: config.seed });
  if ("inline" in source) return source.inline.map((record, index) => checkItem(record, "items.inline", index + 1));
  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(baseDir, path));
  if ("dataset" in source) {
    const dataset = await loadDataset(absolute(source.dataset));
    if (dataset.items.length === 0) {
      throw new ItemsSourceError(`${absolute(source.dataset)}: the dataset has no items.jsonl records to compare`);
    }
    return source.limit === undefined ? dataset.items : dataset.items.slice(0, source.limit);
  }
  const file = absolute(source.file);
  const items: Item[] = [];
  for await (const line of readJsonLines(file)) {
    if (line.error !== undefined) throw new ItemsSourceError(`${file}:${line.line}: ${line.error}`);
    items.push(checkItem(line.value, file, line.line));
    if (source.limit !== undefined && items.length >= source.limit) break;
  }
  return items;
}

/**
 * Checks one item record with the bulk record validator, so the dataset policy applies: unknown top-level
 * fields move under `metadata` (kept, not fatal); anything else invalid is an error naming file, line and field.
 */
function checkItem(value: unknown, file: string, line: number): Item {
  const problems = createRecordValidator("item").check(value);
  const problem = problems[0];
  if (problem === undefined) return value as Item;
  throw new ItemsSourceError(`${file}:${line}: ${problem.field}: ${problem.message}`);
}
