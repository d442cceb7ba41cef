import type { Comparison, Item } from "@judgelab/schema";
import type { LoadedDataset } from "./load-dataset.js";
import { selectRows } from "./select-rows.js";

/** One `--where FIELD=VALUE` condition. */
export interface WhereClause {
  readonly field: string;
  readonly value: string;
}

/** A `--where` clause that cannot be applied; the message says why and what to try. */
export class WhereClauseError extends Error {
  override readonly name = "WhereClauseError";
}

/** Parses `FIELD=VALUE` (the value may itself contain `=`). */
export function parseWhereClause(text: string): WhereClause {
  const index = text.indexOf("=");
  if (index <= 0)
    throw new WhereClauseError(`--where expects FIELD=VALUE, e.g. human_has_preference=true; got "${text}"`);
  return { field: text.slice(0, index).trim(), value: text.slice(index + 1).trim() };
}

/** The value of a field of a record: top level first, then under `metadata`. */
function fieldValue(record: object, field: string): unknown {
  const top = (record as Record<string, unknown>)[field];
  if (top !== undefined) return top;
  const metadata = (record as { metadata?: Record<string, unknown> }).metadata;
  return metadata?.[field];
}

/**
 * Whether a field value equals the clause's text: strings and numbers by their text; booleans also match
 * `True`/`False` in any case (pandas writes `True`); arrays match when one element does (`categories`).
 */
function valueMatches(value: unknown, wanted: string): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some((element) => valueMatches(element, wanted));
  if (typeof value === "boolean") return String(value) === wanted.toLowerCase();
  if (typeof value === "object") return JSON.stringify(value) === wanted;
  return String(value) === wanted;
}

/** What {@link filterDataset} kept, per clause, for the output's method line. */
export interface FilterSummary {
  readonly clauses: readonly (WhereClause & { readonly on: "comparison" | "items" })[];
  readonly kept: number;
  readonly total: number;
}

/**
 * Keeps the comparisons that satisfy every clause (AND). A clause's field is looked up on the comparison (top
 * level, then metadata: `condition`, `judge`, `human_has_preference`, …); when no comparison has that field it is
 * looked up on the two items instead (top level or metadata: `category`, `decision`, …), and a comparison is kept
 * when both of its items match. Items, judges, references and assessments are kept whole; the table keeps its
 * dictionaries, so codes stay comparable. Needs the comparison records (`loadDataset(…, { keepComparisons: true })`).
 * Throws a {@link WhereClauseError} when a field exists nowhere or nothing matches (listing the values seen).
 */
export function filterDataset(
  dataset: LoadedDataset,
  clauses: readonly WhereClause[],
): { dataset: LoadedDataset; summary: FilterSummary } {
  const comparisons = dataset.comparisons;
  if (comparisons === undefined) throw new Error("filterDataset: load the dataset with keepComparisons: true");
  const total = comparisons.length;
  if (clauses.length === 0) return { dataset, summary: { clauses: [], kept: total, total } };
  const items = new Map<string, Item>(dataset.items.map((item) => [item.id, item]));
  const keep = new Uint8Array(total).fill(1);
  const applied: (WhereClause & { on: "comparison" | "items" })[] = [];
  for (const clause of clauses) {
    const onComparison = comparisons.some((comparison) => fieldValue(comparison, clause.field) !== undefined);
    const onItems = !onComparison && dataset.items.some((item) => fieldValue(item, clause.field) !== undefined);
    if (!onComparison && !onItems) {
      throw new WhereClauseError(
        `--where ${clause.field}=${clause.value}: no comparison or item has a "${clause.field}" field (top level or metadata)`,
      );
    }
    const seen = new Set<string>();
    let matched = 0;
    const test = (record: object | undefined): boolean => {
      if (record === undefined) return false;
      const value = fieldValue(record, clause.field);
      if (value !== undefined && seen.size < 20) seen.add(typeof value === "string" ? value : JSON.stringify(value));
      return valueMatches(value, clause.value);
    };
    comparisons.forEach((comparison: Comparison, row) => {
      const ok = onComparison
        ? test(comparison)
        : test(items.get(comparison.first)) && test(items.get(comparison.second));
      if (ok) matched++;
      else keep[row] = 0;
    });
    if (matched === 0) {
      throw new WhereClauseError(
        `--where ${clause.field}=${clause.value}: no ${onComparison ? "comparison" : "comparison between two items"} matches; values seen: ${[...seen].join(", ")}`,
      );
    }
    applied.push({ ...clause, on: onComparison ? "comparison" : "items" });
  }
  const table = selectRows(dataset.table, keep);
  if (table.size === 0) {
    throw new WhereClauseError(
      `--where ${clauses.map((clause) => `${clause.field}=${clause.value}`).join(" and ")}: no comparison matches all of them`,
    );
  }
  return {
    dataset: { ...dataset, table, comparisons: comparisons.filter((_, row) => keep[row] === 1) },
    summary: { clauses: applied, kept: table.size, total },
  };
}

/** `human_has_preference=true and category=cs.AI (412 of 6833 comparisons)`, for method lines. */
export function describeFilter(summary: FilterSummary): string {
  const clauses = summary.clauses
    .map((clause) => `${clause.field}=${clause.value}${clause.on === "items" ? " (both items)" : ""}`)
    .join(" and ");
  return `${clauses} (${summary.kept} of ${summary.total} comparisons)`;
}
