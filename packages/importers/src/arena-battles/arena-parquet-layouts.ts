import { checkParquetColumns, type ExpectedParquetType } from "../parquet/parquet-column-types.js";
import type { OpenedParquetFile } from "../parquet/read-parquet-records.js";

/** Columns of Chatbot Arena battles (`clean_battle`, arena-human-preference-100k/140k). */
export const ARENA_BATTLE_COLUMNS = {
  required: { model_a: "string", model_b: "string", winner: "string" },
  optional: {
    judge: "string",
    question_id: "string or integer",
    turn: "integer",
    language: "string",
    anony: "boolean",
    tstamp: "number",
    conversation_a: "conversation",
    conversation_b: "conversation",
  },
} as const satisfies {
  required: Record<string, ExpectedParquetType>;
  optional: Record<string, ExpectedParquetType>;
};

/** Columns of the 55k Kaggle release (one-hot winner columns, prompt and responses as JSON-encoded strings). */
export const ARENA_KAGGLE_COLUMNS = {
  required: {
    id: "string or integer",
    model_a: "string",
    model_b: "string",
    winner_model_a: "integer",
    winner_model_b: "integer",
    winner_tie: "integer",
  },
  optional: { prompt: "string", response_a: "string", response_b: "string" },
} as const satisfies {
  required: Record<string, ExpectedParquetType>;
  optional: Record<string, ExpectedParquetType>;
};

/**
 * A 55k-layout row as a battle record: exactly one of `winner_model_a`, `winner_model_b`, `winner_tie` set → that
 * winner; any other combination keeps the three flags as the (unparsed) winner text, so the battle is kept as
 * `invalid` with the flags in `raw`.
 */
export function kaggleArenaRecord(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const flags = [row.winner_model_a, row.winner_model_b, row.winner_tie].map(Number);
  const set = flags.filter((flag) => flag === 1).length === 1 && flags.every((flag) => flag === 0 || flag === 1);
  const winner = set
    ? (["model_a", "model_b", "tie"] as const)[flags.indexOf(1)]
    : `winner_model_a=${row.winner_model_a}, winner_model_b=${row.winner_model_b}, winner_tie=${row.winner_tie}`;
  return {
    battle_id: row.id,
    model_a: row.model_a,
    model_b: row.model_b,
    winner,
    response_a: row.response_a,
    response_b: row.response_b,
  };
}

/**
 * Picks a Parquet file's layout by its columns (`winner` → battles; `winner_model_a` → the 55k layout) and checks
 * the columns that layout needs; returns the row conversion of the 55k layout. A file with neither is an input
 * error naming the battle layout's missing columns and their types.
 */
export function arenaParquetLayout(
  opened: OpenedParquetFile,
): ((row: Record<string, unknown>) => Record<string, unknown>) | undefined {
  const names = new Set(opened.columns.map((column) => column.name));
  if (!names.has("winner") && (names.has("winner_model_a") || names.has("winner_tie"))) {
    checkParquetColumns(opened.path, opened.columns, { name: "Arena 55k (winner_model_a/…)", ...ARENA_KAGGLE_COLUMNS });
    return kaggleArenaRecord;
  }
  checkParquetColumns(opened.path, opened.columns, { name: "Arena battles", ...ARENA_BATTLE_COLUMNS });
  return undefined;
}
