import type { Assessment, Comparison, DatasetManifest, Item, Judge, Reference } from "@judgelab/schema";
import type { ComparisonTable } from "./comparison-table.js";
import type { ScanProgress } from "./scan-context.js";
import { scanDataset } from "./scan-dataset.js";
import { DatasetError, type ValidationReport } from "./validation-report.js";

/** A validated dataset in memory: small record files as objects, comparisons as the columnar table. */
export interface LoadedDataset {
  /** The path it was loaded from (a dataset folder, or a comparisons file). */
  dir: string;
  /** `dataset.json`; for a standalone comparisons file, a manifest named after the file. */
  manifest: DatasetManifest;
  /** Items of items.jsonl (empty when implied: then `table.itemIds` lists them). */
  items: Item[];
  /** Judges of judges.jsonl (empty when implied: then `table.judgeIds` lists them). */
  judges: Judge[];
  assessments: Assessment[];
  references: Reference[];
  /** Item codes follow items.jsonl order; judge codes follow judges.jsonl order. */
  table: ComparisonTable;
  /** The comparison records, only with `keepComparisons: true`. */
  comparisons?: Comparison[];
  /** The validation report (ok; counts and moved unknown fields). */
  report: ValidationReport;
}

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions {
  /** Also keep the comparison records (memory grows with the file; off by default). */
  keepComparisons?: boolean;
  /** Problems carried by the DatasetError (all are counted); default 50. */
  maxProblems?: number;
  /** Called after every batch of comparison lines (about every MiB). */
  onProgress?: (progress: ScanProgress) => void;
}

/**
 * Loads a dataset folder (or a standalone comparisons `.jsonl` file) in one validating streaming pass and
 * builds its comparison table. Throws a {@link DatasetError} listing the problems when anything is invalid:
 * analysis never runs on a partly valid dataset.
 */
export async function loadDataset(path: string, options: LoadDatasetOptions = {}): Promise<LoadedDataset> {
  const scanned = await scanDataset(path, {
    maxProblems: options.maxProblems ?? 50,
    buildTable: true,
    keepComparisons: options.keepComparisons === true,
    onProgress: options.onProgress,
  });
  if (!scanned.report.ok) throw new DatasetError(path, scanned.report.problems, scanned.report.problemCount);
  const { table, ...rest } = scanned;
  if (table === undefined) throw new Error("internal: table not built");
  return { ...rest, table };
}
