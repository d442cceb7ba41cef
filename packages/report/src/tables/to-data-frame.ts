import type { MetricsDocument } from "@judgelab/analytics";
import type { RatingReport } from "@judgelab/ratings";
import type { DataFrame } from "danfojs-node";
import type { DataTable } from "./data-table.js";
import { ratingsTable } from "./dataset-tables.js";
import { metricsTables } from "./metrics-tables.js";

type Danfo = typeof import("danfojs-node");
let danfoModule: Promise<Danfo> | undefined;

/** danfojs-node, imported on first use only (its import takes about half a second). */
export function loadDanfo(): Promise<Danfo> {
  danfoModule ??= import("danfojs-node");
  return danfoModule;
}

/**
 * A table as a danfo DataFrame (columns in table order; a table without rows gives an empty frame with the
 * columns). For TypeScript notebooks and scripts: `(await metricsDataFrames(doc))["agreement.pairs"].print()`.
 * Tables for people, never a hot path (danfo's group-by is ~60× a typed-array loop).
 */
export async function toDataFrame(table: DataTable): Promise<DataFrame> {
  const danfo = await loadDanfo();
  if (table.rows.length === 0) return new danfo.DataFrame([], { columns: [...table.columns] });
  return new danfo.DataFrame(
    table.rows.map((row) => [...row]),
    { columns: [...table.columns] },
  );
}

/** Every table of a metrics document (see {@link metricsTables}) as DataFrames, by table name. */
export async function metricsDataFrames(document: MetricsDocument): Promise<Record<string, DataFrame>> {
  const frames: Record<string, DataFrame> = {};
  for (const table of metricsTables(document)) frames[table.name] = await toDataFrame(table);
  return frames;
}

/** A rating report's `ratings` table (one row per item, best first) as a DataFrame. */
export function ratingsDataFrame(report: RatingReport): Promise<DataFrame> {
  return toDataFrame(ratingsTable(report));
}
