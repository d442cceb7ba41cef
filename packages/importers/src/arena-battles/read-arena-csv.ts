import { ImportInputError } from "../import-input-error.js";
import type { ImportReportBuilder } from "../import-report.js";
import { readTableRows, type SourceRecord } from "../read-source-records.js";
import { ARENA_KAGGLE_COLUMNS, kaggleArenaRecord } from "./arena-parquet-layouts.js";

/** A CSV (or `.csv.gz`) input of the arena-battles format. */
export function isArenaCsvPath(path: string): boolean {
  return /\.csv(\.gz)?$/i.test(path);
}

/**
 * Yields the rows of a 55k-layout CSV (`train.csv` of lmarena-ai/arena-human-preference-55k: `id, model_a,
 * model_b, prompt, response_a, response_b, winner_model_a, winner_model_b, winner_tie`) as battle records, the
 * same conversion the Parquet form of that layout gets ({@link kaggleArenaRecord}). The header is checked before
 * any row is used: a missing column is an input error naming it.
 */
export async function* readArenaCsvRecords(
  file: string,
  report: ImportReportBuilder,
): AsyncGenerator<SourceRecord<Record<string, unknown>>> {
  let checked = false;
  for await (const { at, value } of readTableRows(file)) {
    if (!checked) {
      const missing = Object.keys(ARENA_KAGGLE_COLUMNS.required).filter((column) => !(column in value));
      if (missing.length > 0) {
        throw new ImportInputError(
          `${file}: not an Arena 55k CSV: missing column${missing.length === 1 ? "" : "s"} ${missing.join(", ")} ` +
            "(expected id, model_a, model_b, winner_model_a, winner_model_b, winner_tie; battles with a `winner` " +
            "column come as JSON, JSONL or Parquet)",
          { file },
        );
      }
      checked = true;
    }
    report.countRead(file);
    yield { at, value: kaggleArenaRecord(value) };
  }
}
