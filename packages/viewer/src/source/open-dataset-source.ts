import { DatasetError, formatValidationProblem, loadDataset, resolveDatasetFiles } from "@judgelab/datasets";
import { indexComparisonFile } from "../model/comparison-store.js";
import { buildViewData } from "../model/view-data.js";
import type { ViewSource } from "./view-source.js";
import { ViewerInputError } from "./viewer-input-error.js";

/**
 * Loads a dataset folder for viewing: `loadDataset` validates it and builds the comparison table, then one more
 * pass indexes the comparison lines by byte offset (records are read back from disk when shown). Invalid datasets
 * are refused with the first problems as `path:line: field: message`.
 */
export async function openDatasetSource(dir: string): Promise<ViewSource> {
  let dataset: Awaited<ReturnType<typeof loadDataset>>;
  try {
    dataset = await loadDataset(dir);
  } catch (error) {
    if (error instanceof DatasetError) {
      const lines = error.problems.slice(0, 10).map(formatValidationProblem);
      const more = error.problemCount > lines.length ? [`… and ${error.problemCount - lines.length} more`] : [];
      throw new ViewerInputError(
        `${dir} is not a valid dataset (run \`judgelab validate ${dir}\` for every problem):\n${[...lines, ...more].join("\n")}`,
      );
    }
    throw error;
  }
  const store = await indexComparisonFile(resolveDatasetFiles(dir).comparisons, dataset.table);
  const data = buildViewData({
    kind: "dataset",
    name: dataset.manifest.name,
    description: dataset.manifest.description,
    table: dataset.table,
    items: dataset.items,
    judges: dataset.judges,
    assessments: dataset.assessments,
    references: dataset.references,
    store,
  });
  return {
    kind: "dataset",
    path: dir,
    current: () => data,
    version: 1,
    progress: () => undefined,
    notices: () => [],
    refresh: async () => false,
    close: () => store.close(),
  };
}
