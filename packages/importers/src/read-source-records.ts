import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DelimitedTextError, parseDelimitedText, readCsvRecords, readJsonLines } from "@judgelab/datasets";
import { ImportInputError } from "./import-input-error.js";
import type { ImportReportBuilder, SourceLocation } from "./import-report.js";
import { streamJsonArray } from "./stream-json-array.js";

/** Files up to this size (as stored; an eighth of it for `.gz`) are parsed in memory; larger ones are streamed. */
export const IN_MEMORY_FILE_BYTES = 64 * 1024 * 1024;

/** True when a file is small enough to parse in memory (gzip text often expands ~8×). */
async function fitsInMemory(path: string): Promise<boolean> {
  const limit = path.endsWith(".gz") ? IN_MEMORY_FILE_BYTES / 8 : IN_MEMORY_FILE_BYTES;
  return (await stat(path)).size <= limit;
}

/** One source record and where it came from. */
export interface SourceRecord<T = unknown> {
  readonly at: SourceLocation;
  readonly value: T;
}

/**
 * Expands inputs into files: a file is taken as given, a folder is walked recursively (sorted, so imports are
 * reproducible) and its files kept when `accept(path)` says so.
 */
export async function listInputFiles(inputs: readonly string[], accept: (path: string) => boolean): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (accept(path)) files.push(path);
    }
  };
  for (const input of inputs) {
    if ((await stat(input)).isDirectory()) await walk(input);
    else files.push(input);
  }
  return files;
}

/** Reads a whole JSON file (`.gz` transparently); a parse failure names the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  let bytes = await readFile(path);
  if (path.endsWith(".gz")) bytes = gunzipSync(bytes);
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new ImportInputError(`${path}: not valid JSON (${(error as Error).message})`, { file: path, cause: error });
  }
}

/**
 * Reads a JSON file that must hold an array, and yields its elements with their index: parsed whole up to
 * {@link IN_MEMORY_FILE_BYTES}, streamed element by element beyond (arrays larger than a JavaScript string can hold).
 */
export async function* readJsonArray(path: string): AsyncGenerator<SourceRecord> {
  if (!(await fitsInMemory(path))) {
    for await (const { index, value } of streamJsonArray(path)) yield { at: { file: path, index }, value };
    return;
  }
  const value = await readJsonFile(path);
  if (!Array.isArray(value)) {
    throw new ImportInputError(`${path}: expected a JSON array of records, got ${typeof value}`, { file: path });
  }
  for (let index = 0; index < value.length; index++) yield { at: { file: path, index }, value: value[index] };
}

/** True for `.jsonl`, `.jsonl.gz`, `.ndjson` file names. */
export function isJsonLinesPath(path: string): boolean {
  return /\.(jsonl|ndjson)(\.gz)?$/i.test(path);
}

/**
 * Yields the records of a JSON array file or a JSON Lines file (decided by the file name). A JSONL line that is
 * not JSON throws an {@link ImportInputError} naming file and line: a corrupt file is not a dataset.
 */
export async function* readJsonRecords(path: string): AsyncGenerator<SourceRecord> {
  if (!isJsonLinesPath(path)) {
    yield* readJsonArray(path);
    return;
  }
  for await (const line of readJsonLines(path)) {
    if (line.error !== undefined) {
      throw new ImportInputError(`${path}:${line.line}: ${line.error}`, { file: path });
    }
    yield { at: { file: path, line: line.line }, value: line.value };
  }
}

/**
 * Yields the rows of a CSV/TSV file (`.gz` transparently) with the line where each starts, through datasets' CSV
 * scanner (the repository's one CSV parser): over the whole text up to {@link IN_MEMORY_FILE_BYTES} (about twice
 * as fast, `pnpm bench csv`), streamed in pieces in constant memory beyond. A malformed row is an
 * {@link ImportInputError} naming the file and line.
 */
export async function* readTableRows(
  path: string,
  options: { delimiter?: string } = {},
): AsyncGenerator<SourceRecord<Record<string, string>>> {
  const delimiter = options.delimiter ?? (/\.tsv(\.gz)?$/i.test(path) ? "\t" : ",");
  try {
    if (!(await fitsInMemory(path))) {
      for await (const row of readCsvRecords(path, { delimiter })) {
        yield { at: { file: path, line: row.line }, value: row.record };
      }
      return;
    }
    let bytes = await readFile(path);
    if (path.endsWith(".gz")) bytes = gunzipSync(bytes);
    for (const row of parseDelimitedText(bytes.toString("utf8"), { delimiter, file: path })) {
      yield { at: { file: path, line: row.line }, value: row.record };
    }
  } catch (error) {
    if (error instanceof DelimitedTextError) throw new ImportInputError(error.message, { file: path });
    throw error;
  }
}

/** Reads the header (column names) of a CSV/TSV file. */
export async function readTableColumns(path: string, options: { delimiter?: string } = {}): Promise<string[]> {
  for await (const row of readTableRows(path, options)) return Object.keys(row.value);
  return [];
}

/**
 * Expands inputs (files and folders) and sorts the files into kinds with `classify`; folders keep only files
 * of a known kind, while a file named directly that is of no kind is an error saying what was expected.
 */
export async function groupInputFiles<Kind extends string>(
  inputs: readonly string[],
  options: { kinds: readonly Kind[]; classify: (path: string) => Kind | undefined; expected: string },
): Promise<Record<Kind, string[]>> {
  const groups = Object.fromEntries(options.kinds.map((kind) => [kind, [] as string[]])) as Record<Kind, string[]>;
  for (const file of await listInputFiles(inputs, (path) => options.classify(path) !== undefined)) {
    const kind = options.classify(file);
    if (kind === undefined) throw new ImportInputError(`${file}: not ${options.expected}`, { file });
    groups[kind].push(file);
  }
  return groups;
}

/**
 * Yields the JSON objects of JSON array / JSONL files, counting each record as read; a record that is not an
 * object is counted as skipped.
 */
export async function* readJsonObjects(
  files: readonly string[],
  report: ImportReportBuilder,
): AsyncGenerator<SourceRecord<Record<string, unknown>>> {
  for (const file of files) {
    for await (const { at, value } of readJsonRecords(file)) {
      report.countRead(file);
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        report.skip("record is not a JSON object", at);
        continue;
      }
      yield { at, value: value as Record<string, unknown> };
    }
  }
}

/** A stable id for a record without one of its own: `<file name>:<line>` (text) or `<file name>#<index>` (JSON array). */
export function locationId(at: SourceLocation): string {
  return `${basename(at.file)}${at.line === undefined ? `#${at.index}` : `:${at.line}`}`;
}
