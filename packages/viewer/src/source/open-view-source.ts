import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { openDatasetSource } from "./open-dataset-source.js";
import { openRunSource } from "./open-run-source.js";
import type { ViewSource } from "./view-source.js";
import { ViewerInputError } from "./viewer-input-error.js";

/**
 * Opens a folder for viewing: a run folder (has `run.json`) or a dataset folder (has `dataset.json` or
 * `comparisons.jsonl[.gz]`). Anything else is a {@link ViewerInputError} saying what was expected.
 */
export async function openViewSource(path: string): Promise<ViewSource> {
  const dir = resolve(path);
  if (!existsSync(dir)) throw new ViewerInputError(`${path} does not exist`);
  if (!statSync(dir).isDirectory()) {
    throw new ViewerInputError(
      `${path} is a file; give a dataset folder (dataset.json, comparisons.jsonl, …) or a run folder (run.json)`,
    );
  }
  if (existsSync(join(dir, "run.json"))) return openRunSource(dir);
  const dataset = ["dataset.json", "comparisons.jsonl", "comparisons.jsonl.gz"].some((name) =>
    existsSync(join(dir, name)),
  );
  if (!dataset) {
    throw new ViewerInputError(
      `${path} is neither a dataset folder (no dataset.json or comparisons.jsonl) nor a run folder (no run.json)`,
    );
  }
  return openDatasetSource(dir);
}
