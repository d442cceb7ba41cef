import type { DatasetManifest } from "@judgelab/schema";
import type { DatasetCollector } from "./dataset-collector.js";
import type { ImportReport, ImportReportBuilder } from "./import-report.js";

/** Format-specific settings, e.g. a column mapping or a judge name (`--set key=value` on the command line). */
export type ImportSettings = Readonly<Record<string, string>>;

/** Options of {@link Importer.import}. */
export interface ImportOptions {
  /** Dataset folder to write. */
  readonly out: string;
  /** Replace the dataset files of an existing dataset folder. */
  readonly force?: boolean;
  /** Dataset name in `dataset.json` (default: derived from the format). */
  readonly name?: string;
  /** License to record when the format does not know it (or to override it). */
  readonly license?: string;
  /** Source URL to record in `dataset.json`. */
  readonly source?: string;
  readonly settings?: ImportSettings;
  /**
   * Write the dataset even when no comparison, assessment or reference came out of the inputs (by default that is
   * an `ImportInputError`: an import that reads nothing, or skips everything, is almost always a wrong input).
   */
  readonly allowEmpty?: boolean;
  /** Comparisons held in memory before spilling to a temporary file (default 250,000; small values in tests). */
  readonly spillThreshold?: number;
}

/** What an import produced: the report and the counts written. */
export interface ImportResult {
  readonly out: string;
  readonly report: ImportReport;
}

/** The common contract of every importer. */
export interface Importer {
  /** Format name as used on the command line (`judgelab import <format>`). */
  readonly format: string;
  /** One line: what the format is and which files it reads. */
  readonly description: string;
  /** License of the public data this format usually carries, when known (e.g. AlpacaEval data: CC BY-NC 4.0). */
  readonly license?: string;
  /** Settings the importer understands (`name: meaning`), for `--help`. */
  readonly settings?: Readonly<Record<string, string>>;
  import(inputs: readonly string[], options: ImportOptions): Promise<ImportResult>;
}

/** Manifest fields an importer contributes (name, description, license, source). */
export type ManifestFields = Omit<DatasetManifest, "schemaVersion" | "counts" | "files">;

/** What a format's `collect` function receives. */
export interface CollectContext {
  readonly inputs: readonly string[];
  readonly settings: ImportSettings;
  readonly collector: DatasetCollector;
  readonly report: ImportReportBuilder;
}

/** A format's reading step: fills the collector and returns manifest fields. */
export type CollectFunction = (context: CollectContext) => Promise<ManifestFields>;
