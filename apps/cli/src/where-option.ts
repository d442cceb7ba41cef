import {
  describeFilter,
  filterDataset,
  type LoadedDataset,
  parseWhereClause,
  type WhereClause,
  WhereClauseError,
} from "@judgelab/datasets";
import { UsageError } from "./cli-io.js";

/** Help text of `--where`, shared by every command that reads a dataset. */
export const WHERE_HELP = `  --where F=V      keep only comparisons whose field F equals V (repeatable; all must hold). F is a
                   comparison field (condition, judge, prompt, any metadata key such as human_has_preference)
                   or, when no comparison has it, an item field (category, decision, …) both items must have;
                   booleans match true/false in any case (True as pandas writes it)`;

/** Parses repeated `--where FIELD=VALUE` flags; errors are usage errors. */
export function parseWhereOptions(values: readonly string[] | undefined): WhereClause[] {
  try {
    return (values ?? []).map(parseWhereClause);
  } catch (error) {
    if (error instanceof WhereClauseError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Applies `--where` clauses to a dataset loaded with `keepComparisons`; returns it unchanged without clauses.
 * `description` says what was kept (for the output's method line).
 */
export function applyWhere(
  dataset: LoadedDataset,
  clauses: readonly WhereClause[],
): { dataset: LoadedDataset; description: string | undefined } {
  if (clauses.length === 0) return { dataset, description: undefined };
  try {
    const filtered = filterDataset(dataset, clauses);
    return { dataset: filtered.dataset, description: describeFilter(filtered.summary) };
  } catch (error) {
    if (error instanceof WhereClauseError) throw new UsageError(error.message);
    throw error;
  }
}
