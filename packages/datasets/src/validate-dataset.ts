import type { ReadLinesOptions } from "./read-line-batches.js";
import type { ScanProgress } from "./scan-context.js";
import { scanDataset } from "./scan-dataset.js";
import type { ValidationReport } from "./validation-report.js";

/** Options of {@link validateDataset}. */
export interface ValidateDatasetOptions {
  /** Problems listed in the report (all are counted); default 50. */
  maxProblems?: number;
  /** Line reader limits (chunk size, longest line). */
  lines?: ReadLinesOptions;
  /** Called after every batch of comparison lines (about every MiB), e.g. to draw a progress bar. */
  onProgress?: (progress: ScanProgress) => void;
}

/**
 * Validates a dataset folder, or a single comparisons `.jsonl` (`.jsonl.gz`) file with items and judges
 * implied, streaming every file in constant memory apart from the id sets. Never throws for bad data:
 * every problem is in the report as `file:line: field: message`.
 */
export async function validateDataset(path: string, options: ValidateDatasetOptions = {}): Promise<ValidationReport> {
  const scanned = await scanDataset(path, {
    maxProblems: options.maxProblems ?? 50,
    buildTable: false,
    keepComparisons: false,
    onProgress: options.onProgress,
    ...(options.lines === undefined ? {} : { lineOptions: options.lines }),
  });
  return scanned.report;
}
