import {
  type AnalysisOptions,
  analyzeJudges,
  buildAnalysisInput,
  type MetricsDocument,
  resolveItemGrouping,
} from "@judgelab/analytics";
import { loadDataset } from "@judgelab/datasets";
import type { DataTable } from "./data-table.js";
import { datasetTables } from "./dataset-tables.js";
import { metricsTables } from "./metrics-tables.js";
import { checkExcelRowCount, TableExportError } from "./write-tables.js";

/** What {@link exportDatasetTables} produced: the tables, and the metrics document when an analysis ran. */
export interface ExportedTables {
  readonly tables: DataTable[];
  readonly metrics?: MetricsDocument;
}

/**
 * The tables `judgelab export` writes for a dataset folder (or comparisons `.jsonl`): `comparisons`, `items`,
 * `judges`; with `analysis`, also every table of the metrics document ({@link metricsTables}) of the default
 * analysis (as `judgelab analyze` with no options but seed and bootstrap rounds: default item grouping, the
 * dataset's own references). Throws `DatasetError` for an invalid dataset. `excelMaxRows` (for xlsx) checks the
 * comparison and item counts against Excel's sheet size right after loading, before any table is built.
 */
export async function exportDatasetTables(
  path: string,
  options: { analysis?: Pick<AnalysisOptions, "seed" | "bootstrapRounds">; excelMaxRows?: number } = {},
): Promise<ExportedTables> {
  const dataset = await loadDataset(path, { keepComparisons: true });
  if (options.excelMaxRows !== undefined) {
    checkExcelRowCount("comparisons", dataset.table.size, options.excelMaxRows);
    checkExcelRowCount("items", dataset.items.length, options.excelMaxRows);
  }
  const tables = datasetTables({
    comparisons: dataset.comparisons ?? [],
    items: dataset.items,
    judges: dataset.judges,
  });
  if (options.analysis === undefined) return { tables };
  if (dataset.table.size === 0) throw new TableExportError(`${path} has no comparisons: no analysis to export`);
  const { input, problems } = buildAnalysisInput({
    table: dataset.table,
    grouping: resolveItemGrouping(dataset.items, dataset.table.itemIds, undefined),
    items: dataset.items,
    judges: dataset.judges,
    assessments: dataset.assessments,
    references: dataset.references,
    analysis: options.analysis,
  });
  if (problems.length > 0) {
    const lines = problems
      .slice(0, 20)
      .map((problem) => `${problem.record} record ${problem.index + 1}: ${problem.message}`);
    throw new TableExportError(`records refer to unknown ids:\n${lines.join("\n")}`);
  }
  const metrics = analyzeJudges(input);
  return { tables: [...tables, ...metricsTables(metrics)], metrics };
}
