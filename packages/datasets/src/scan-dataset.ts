import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import {
  type Assessment,
  type Comparison,
  type DatasetManifest,
  type Item,
  type Judge,
  type Reference,
  SCHEMA_VERSION,
} from "@judgelab/schema";
import type { ComparisonTable } from "./comparison-table.js";
import { ComparisonTableBuilder } from "./comparison-table-builder.js";
import type { ReadLinesOptions } from "./read-line-batches.js";
import { readManifest } from "./read-manifest.js";
import { MANIFEST_FILE, resolveDatasetFiles } from "./resolve-dataset-files.js";
import { scanComparisons } from "./scan-comparisons.js";
import { ScanContext, type ScanProgress } from "./scan-context.js";
import { scanAssessments, scanReferences } from "./scan-linked-records.js";
import { scanIdentifiedRecords } from "./scan-record-file.js";
import { StringDictionary } from "./string-dictionary.js";
import { FILE_FIELD, type ValidationReport } from "./validation-report.js";

/** Options of one validation pass over a dataset. */
export interface ScanDatasetOptions {
  maxProblems: number;
  buildTable: boolean;
  keepComparisons: boolean;
  lineOptions?: ReadLinesOptions;
  onProgress?: ((progress: ScanProgress) => void) | undefined;
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
    onProgress: options.onProgress,
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
    const folder = await scanFolderRecords(path, context, { manifest, items, judges, records });
    ({ manifest, comparisonsFile, itemIds, judgeIds, assessmentsFile, referencesFile } = folder);
  }
  const { scanned, table } = await scanComparisonsFile(comparisonsFile, context, {
    buildTable: options.buildTable,
    items,
    judges,
    itemIds,
    judgeIds,
    kept,
  });
  records.comparisons = scanned?.records ?? 0;
  // With a table, its dictionaries hold the implied items and judges (the pass skipped its own sets).
  const impliedJudges = new Set<string>([...(table?.judgeIds ?? []), ...(scanned?.impliedJudges.values ?? [])]);
  const allItems = itemIds ?? new Set<string>([...(table?.itemIds ?? []), ...(scanned?.impliedItems.values ?? [])]);

  const targets = { items: allItems, judges: judgeIds, impliedJudges };
  if (assessmentsFile !== undefined) {
    records.assessments = await scanAssessments({ file: assessmentsFile, context, targets, into: assessments });
  }
  if (referencesFile !== undefined) {
    records.references = await scanReferences({ file: referencesFile, context, targets, into: references });
  }
  // An empty dataset is an error, unless dataset.json declares it an item pool (`counts.comparisons: 0`).
  const declaredEmpty = !isFile && manifest.counts?.comparisons === 0;
  if (scanned !== undefined && records.comparisons === 0 && records.assessments === 0 && !declaredEmpty) {
    reportEmptyDataset(comparisonsFile, context);
  }
  const counts = {
    items: itemIds === undefined ? allItems.size : items.length,
    judges: judgeIds === undefined ? impliedJudges.size : judges.length,
    comparisons: scanned?.valid ?? 0,
    assessments: assessments.length,
    references: references.length,
  };
  if (!isFile && manifest.counts !== undefined) checkDeclaredCounts(path, manifest.counts, records, context);
  const report: ValidationReport = {
    ok: problems.count === 0,
    counts,
    problems: problems.sorted(),
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

/** What {@link scanFolderRecords} found: the manifest and the files still to scan. */
interface ScannedFolder {
  manifest: DatasetManifest;
  /** "" when the folder has no comparisons file (a problem is recorded). */
  comparisonsFile: string;
  itemIds: Set<string>;
  judgeIds: Set<string> | undefined;
  assessmentsFile: string | undefined;
  referencesFile: string | undefined;
}

/**
 * A dataset folder: reads dataset.json, flags ambiguous `.jsonl`/`.jsonl.gz` pairs, scans items.jsonl and
 * judges.jsonl into `into` (counting their records) and says which of the other files exist.
 */
async function scanFolderRecords(
  path: string,
  context: ScanContext,
  into: {
    manifest: DatasetManifest;
    items: Item[];
    judges: Judge[];
    records: { items: number; judges: number };
  },
): Promise<ScannedFolder> {
  const problems = context.problems;
  const manifest = (await readManifest(join(path, MANIFEST_FILE), context)) ?? into.manifest;
  const files = resolveDatasetFiles(path, manifest.files);
  for (const kind of ["items", "judges", "comparisons", "assessments", "references"] as const) {
    const plain = join(path, `${kind}.jsonl`);
    if (typeof manifest.files?.[kind] !== "string" && existsSync(plain) && existsSync(`${plain}.gz`)) {
      problems.add(
        plain,
        0,
        FILE_FIELD,
        `both ${kind}.jsonl and ${kind}.jsonl.gz exist, so which one is meant is ambiguous; remove or rename one`,
      );
    }
  }
  let comparisonsFile = files.comparisons;
  let itemIds = new Set<string>();
  let judgeIds: Set<string> | undefined;
  let assessmentsFile: string | undefined;
  let referencesFile: string | undefined;
  if (context.requireFile(files.items, "a dataset folder needs items.jsonl (one item per line)")) {
    const scannedItems = await scanIdentifiedRecords({ file: files.items, kind: "item", context, into: into.items });
    into.records.items = scannedItems.records;
    itemIds = scannedItems.ids;
  }
  if (existsSync(files.judges)) {
    const scannedJudges = await scanIdentifiedRecords({
      file: files.judges,
      kind: "judge",
      context,
      into: into.judges,
    });
    into.records.judges = scannedJudges.records;
    judgeIds = scannedJudges.ids;
  }
  if (existsSync(files.assessments)) assessmentsFile = files.assessments;
  if (existsSync(files.references)) referencesFile = files.references;
  if (!context.requireFile(files.comparisons, "a dataset folder needs comparisons.jsonl")) comparisonsFile = "";
  return { manifest, comparisonsFile, itemIds, judgeIds, assessmentsFile, referencesFile };
}

/** `counts` in dataset.json must match the records in the files. */
function checkDeclaredCounts(
  path: string,
  declaredCounts: NonNullable<DatasetManifest["counts"]>,
  records: Readonly<Record<string, number>>,
  context: ScanContext,
): void {
  const manifestFile = join(path, MANIFEST_FILE);
  for (const [kind, declared] of Object.entries(declaredCounts) as [string, number | undefined][]) {
    if (declared !== undefined && declared !== records[kind]) {
      context.problems.add(
        manifestFile,
        0,
        `counts.${kind}`,
        `says ${declared} but the ${kind} file has ${records[kind]} records`,
      );
    }
  }
}

/**
 * The comparisons file, when there is one: validated against the known items and judges, into a comparison table
 * (dictionary codes in the order of items.jsonl and judges.jsonl) and the kept records when asked.
 */
async function scanComparisonsFile(
  comparisonsFile: string,
  context: ScanContext,
  options: {
    buildTable: boolean;
    items: readonly Item[];
    judges: readonly Judge[];
    itemIds: Set<string> | undefined;
    judgeIds: Set<string> | undefined;
    kept: Comparison[] | undefined;
  },
): Promise<{ scanned: Awaited<ReturnType<typeof scanComparisons>> | undefined; table: ComparisonTable | undefined }> {
  const { items, judges, itemIds, judgeIds, kept } = options;
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
  return { scanned, table: tableBuilder?.build() };
}

/** The problem of a dataset without comparisons (nor assessments). */
function reportEmptyDataset(comparisonsFile: string, context: ScanContext): void {
  context.problems.add(
    comparisonsFile,
    0,
    FILE_FIELD,
    "has no comparisons: the dataset is empty, so there is nothing to validate, analyse or report " +
      '(an item pool without judgments declares "counts": {"comparisons": 0} in dataset.json)',
  );
}
