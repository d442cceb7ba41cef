import type { RatingReport } from "@judgelab/ratings";
import type { Comparison, Item, Judge } from "@judgelab/schema";
import { type DataTable, tableFromRecords } from "./data-table.js";

/** Column order of the comparisons table (the schema's order); other fields and `metadata.*` follow. */
export const COMPARISON_COLUMNS = [
  "id",
  "first",
  "second",
  "order",
  "verdict",
  "judge",
  "prompt",
  "matchId",
  "repetition",
  "condition",
  "strength",
  "preference",
  "rationale",
  "createdAt",
  "raw",
];

/** Column order of the items table. */
export const ITEM_COLUMNS = ["id", "title", "text", "producer", "family", "category", "length"];

/** Column order of the judges table. */
export const JUDGE_COLUMNS = ["id", "kind", "model", "family"];

/**
 * A dataset's records as tables `comparisons`, `items` and `judges` (one row per record, nested fields as dotted
 * columns: `metadata.language`; `raw` and arrays as JSON text). Tables without records are left out.
 */
export function datasetTables(dataset: {
  readonly comparisons: readonly Comparison[];
  readonly items: readonly Item[];
  readonly judges: readonly Judge[];
}): DataTable[] {
  const tables = [
    tableFromRecords("comparisons", dataset.comparisons as unknown as Record<string, unknown>[], COMPARISON_COLUMNS),
    tableFromRecords("items", dataset.items as unknown as Record<string, unknown>[], ITEM_COLUMNS),
    tableFromRecords("judges", dataset.judges as unknown as Record<string, unknown>[], JUDGE_COLUMNS),
  ];
  return tables.filter((table) => table.rows.length > 0);
}

/** A rating report (`judgelab rate`, `rateItems`) as the `ratings` table: one row per item, best first. */
export function ratingsTable(report: RatingReport): DataTable {
  return tableFromRecords("ratings", report.items as unknown as Record<string, unknown>[], [
    "id",
    "rating",
    "ciLower",
    "ciUpper",
    "rank",
    "rankLower",
    "rankUpper",
  ]);
}
