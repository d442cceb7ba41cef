import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import {
  type Assessment,
  type Comparison,
  createRecordValidator,
  type DatasetManifest,
  type Item,
  type Judge,
  type Reference,
  SCHEMA_VERSION,
} from "@judgelab/schema";
import type { ComparisonTable } from "./comparison-table.js";
import { ComparisonTableBuilder } from "./comparison-table-builder.js";
import type { ReadLinesOptions } from "./read-line-batches.js";
import { MANIFEST_FILE, resolveDatasetFiles } from "./resolve-dataset-files.js";
import { scanComparisons } from "./scan-comparisons.js";
import { quote, ScanContext } from "./scan-context.js";
import { scanRecordFile } from "./scan-record-file.js";
import { StringDictionary } from "./string-dictionary.js";
import { FILE_FIELD, type ValidationReport } from "./validation-report.js";

/** Options of one validation pass over a dataset. */
export interface ScanDatasetOptions {
  maxProblems: number;
  buildTable: boolean;
  keepComparisons: boolean;
  lineOptions?: ReadLinesOptions;
}

/** Everything one pass learns: the report, and the records when they were kept. */
export interface ScannedDataset {
  /** The path given: a dataset folder or a comparisons file. */
  dir: string;
  report: ValidationReport;
  manifest: DatasetManifest;
  items: Item[];
  judges: Judge[];
  assessments: Assessment[];
  references: Reference[];
  table?: ComparisonTable;
  comparisons?: Comparison[];
}

/** Line of a JSON.parse error position in a text (1-based), or 0 when the message has no position. */
function lineOfJsonError(text: string, message: string): number {
  const match = /position (\d+)/.exec(message);
  if (match === null) return 0;
  const position = Number(match[1]);
  let line = 1;
  for (let index = 0; index < position && index < text.length; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

async function readManifest(file: string, context: ScanContext): Promise<DatasetManifest | undefined> {
  if (!context.requireFile(file, "a dataset folder needs dataset.json (schemaVersion, name)")) return undefined;
  const text = await readFile(file, "utf8");
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    context.problems.add(file, lineOfJsonError(text, message), FILE_FIELD, `not valid JSON (${message})`);
    return undefined;
  }
  const problems = createRecordValidator("manifest").check(value, context.moved.buffer);
  context.moved.flush();
  for (const problem of problems) context.problems.add(file, 0, problem.field, problem.message);
  return problems.length === 0 ? (value as DatasetManifest) : undefined;
}

/**
 * Validates a dataset folder (or a standalone comparisons `.jsonl` file, items and judges implied) in one
 * streaming pass per file, optionally building the comparison table and keeping the records.
 *
 * Rules: `dataset.json`, `items.jsonl` and `comparisons.jsonl` are required in a folder; without
 * `judges.jsonl` the judges are implied by the comparisons (and assessments); ids are unique per file;
 * comparisons, assessments and references must name known items (and known judges when judges.jsonl exists);
 * an item is never compared with itself; `counts` in dataset.json, when given, must match the files.
 */
export async function scanDataset(path: string, options: ScanDatasetOptions): Promise<ScannedDataset> {
  const context = new ScanContext({
    maxProblems: options.maxProblems,
    ...(options.lineOptions === undefined ? {} : { lineOptions: options.lineOptions }),
  });
  const problems = context.problems;
  const isFile = existsSync(path) && (await stat(path)).isFile();
  let manifest: DatasetManifest = {
    schemaVersion: SCHEMA_VERSION,
    name: basename(path).replace(/\.jsonl(\.gz)?$/, ""),
  };
  const items: Item[] = [];
  const judges: Judge[] = [];
  const assessments: Assessment[] = [];
  const references: Reference[] = [];
  const kept: Comparison[] | undefined = options.keepComparisons ? [] : undefined;
  const records = { items: 0, judges: 0, comparisons: 0, assessments: 0, references: 0 };
  let itemIds: Set<string> | undefined;
  let judgeIds: Set<string> | undefined;
  let comparisonsFile = path;
  let assessmentsFile: string | undefined;
  let referencesFile: string | undefined;

  if (!existsSync(path)) {
    problems.add(path, 0, FILE_FIELD, "does not exist; give a dataset folder or a comparisons .jsonl file");
  } else if (!isFile) {
    manifest = (await readManifest(`${path}/${MANIFEST_FILE}`, context)) ?? manifest;
    const files = resolveDatasetFiles(path, manifest.files);
    comparisonsFile = files.comparisons;
    itemIds = new Set();
    if (context.requireFile(files.items, "a dataset folder needs items.jsonl (one item per line)")) {
      const known = itemIds;
      records.items = await scanRecordFile({
        file: files.items,
        kind: "item",
        context,
        idOf: (item) => item.id,
        onRecord: (item) => {
          known.add(item.id);
          items.push(item);
          return undefined;
        },
      });
    }
    if (existsSync(files.judges)) {
      const known = new Set<string>();
      judgeIds = known;
      records.judges = await scanRecordFile({
        file: files.judges,
        kind: "judge",
        context,
        idOf: (judge) => judge.id,
        onRecord: (judge) => {
          known.add(judge.id);
          judges.push(judge);
          return undefined;
        },
      });
    }
    if (existsSync(files.assessments)) assessmentsFile = files.assessments;
    if (existsSync(files.references)) referencesFile = files.references;
    if (!context.requireFile(files.comparisons, "a dataset folder needs comparisons.jsonl")) comparisonsFile = "";
  }
  // Dictionary codes follow the order of items.jsonl and judges.jsonl.
  const tableBuilder = !options.buildTable
    ? undefined
    : new ComparisonTableBuilder({ itemIds: items.map((item) => item.id), judgeIds: judges.map((judge) => judge.id) });
  const scanned =
    comparisonsFile === "" || !existsSync(comparisonsFile)
      ? undefined
      : await scanComparisons({
          file: comparisonsFile,
          context,
          itemIds: itemIds === undefined ? undefined : new StringDictionary(itemIds),
          judgeIds: judgeIds === undefined ? undefined : new StringDictionary(judgeIds),
          ...(tableBuilder === undefined ? {} : { builder: tableBuilder }),
          ...(kept === undefined ? {} : { keep: kept }),
        });
  records.comparisons = scanned?.records ?? 0;
  const table = tableBuilder?.build();
  // With a table, its dictionaries hold the implied items and judges (the pass skipped its own sets).
  const impliedJudges = new Set<string>([...(table?.judgeIds ?? []), ...(scanned?.impliedJudges.values ?? [])]);
  const allItems = itemIds ?? new Set<string>([...(table?.itemIds ?? []), ...(scanned?.impliedItems.values ?? [])]);

  if (assessmentsFile !== undefined) {
    records.assessments = await scanRecordFile({
      file: assessmentsFile,
      kind: "assessment",
      context,
      onRecord: (assessment) => {
        const found: { field: string; message: string }[] = [];
        if (!allItems.has(assessment.item))
          found.push({ field: "item", message: `unknown item id ${quote(assessment.item)}` });
        if (judgeIds === undefined) impliedJudges.add(assessment.judge);
        else if (!judgeIds.has(assessment.judge))
          found.push({ field: "judge", message: `unknown judge id ${quote(assessment.judge)}` });
        if (found.length === 0) assessments.push(assessment);
        return found;
      },
    });
  }
  if (referencesFile !== undefined) {
    records.references = await scanRecordFile({
      file: referencesFile,
      kind: "reference",
      context,
      onRecord: (reference) => {
        const ids = reference.kind === "item" ? { item: reference.item } : { a: reference.a, b: reference.b };
        const found = Object.entries(ids)
          .filter(([, id]) => !allItems.has(id))
          .map(([field, id]) => ({ field, message: `unknown item id ${quote(id)}` }));
        if (found.length === 0) references.push(reference);
        return found;
      },
    });
  }

  const counts = {
    items: itemIds === undefined ? allItems.size : items.length,
    judges: judgeIds === undefined ? impliedJudges.size : judges.length,
    comparisons: scanned?.valid ?? 0,
    assessments: assessments.length,
    references: references.length,
  };
  if (!isFile && manifest.counts !== undefined) {
    const manifestFile = `${path}/${MANIFEST_FILE}`;
    for (const [kind, declared] of Object.entries(manifest.counts) as [keyof typeof records, number | undefined][]) {
      if (declared !== undefined && declared !== records[kind]) {
        problems.add(
          manifestFile,
          0,
          `counts.${kind}`,
          `says ${declared} but the ${kind} file has ${records[kind]} records`,
        );
      }
    }
  }
  const report: ValidationReport = {
    ok: problems.count === 0,
    counts,
    problems: problems.problems,
    problemCount: problems.count,
    movedFieldCount: context.moved.count,
    movedFieldNames: [...context.moved.names],
    itemsImplied: itemIds === undefined,
    judgesImplied: judgeIds === undefined,
  };
  return {
    dir: path,
    report,
    manifest,
    items,
    judges,
    assessments,
    references,
    ...(table === undefined ? {} : { table }),
    ...(kept === undefined ? {} : { comparisons: kept }),
  };
}
