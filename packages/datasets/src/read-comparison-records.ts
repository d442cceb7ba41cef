import { stat } from "node:fs/promises";
import { type Comparison, createRecordValidator } from "@judgelab/schema";
import { describeJsonLineError, isBlankLine, overlongLineMessage } from "./read-json-lines.js";
import { readLineBatches } from "./read-line-batches.js";
import { resolveDatasetFiles } from "./resolve-dataset-files.js";
import { DatasetError, type ValidationProblem } from "./validation-report.js";

/** Options of {@link readComparisonRecords}. */
export interface ReadComparisonRecordsOptions {
  /**
   * A cheap test of a raw line: lines for which it returns false are skipped without being parsed (e.g. the
   * report keeps only lines that can name the items it shows). Default: every line.
   */
  readonly prefilter?: (line: string) => boolean;
}

/**
 * Streams the comparison records of a dataset folder (or of a standalone comparisons `.jsonl` file, `.gz`
 * transparently) in constant memory, each parsed and checked against the comparison schema (unknown fields
 * moved under `metadata`, as when loading). For a second pass over a dataset that `loadDataset` already
 * validated; a line that does not parse or validate (the file changed since) throws a {@link DatasetError}
 * naming the file, line and field, never skipped silently.
 */
export async function* readComparisonRecords(
  datasetPath: string,
  options: ReadComparisonRecordsOptions = {},
): AsyncGenerator<Comparison> {
  const isDirectory = (await stat(datasetPath)).isDirectory();
  const file = isDirectory ? resolveDatasetFiles(datasetPath).comparisons : datasetPath;
  const validator = createRecordValidator("comparison");
  const refuse = (problem: Omit<ValidationProblem, "file">): never => {
    throw new DatasetError(file, [{ file, ...problem }]);
  };
  for await (const batch of readLineBatches(file)) {
    const records: Comparison[] = [];
    let overlongIndex = 0;
    for (let index = 0; index < batch.lines.length; index++) {
      const line = batch.firstLine + index;
      if (batch.overlong[overlongIndex] === index) {
        overlongIndex++;
        refuse({ line, field: "(line)", message: overlongLineMessage(undefined) });
      }
      const text = batch.lines[index]!;
      if (isBlankLine(text) || (options.prefilter !== undefined && !options.prefilter(text))) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        refuse({ line, field: "(line)", message: describeJsonLineError(batch, index, (error as Error).message) });
      }
      const problems = validator.check(value);
      if (problems.length > 0) refuse({ line, field: problems[0]!.field, message: problems[0]!.message });
      records.push(value as Comparison);
    }
    yield* records;
  }
}
