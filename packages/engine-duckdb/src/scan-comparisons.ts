import type { ComparisonSource } from "./comparison-source.js";
import type { DuckDbSession } from "./duckdb-session.js";
import { EngineInputError } from "./engine-input-error.js";
import { createSourceView } from "./source-sql.js";

/** What {@link scanComparisons} learnt; the rows themselves stay in DuckDB's table `coded`. */
export interface ScannedComparisons {
  /** Item dictionary: `items.jsonl` order, then first appearance (first before second), as the in-memory table. */
  readonly itemIds: readonly string[];
  /** Judge dictionary: `judges.jsonl` order, then first appearance. */
  readonly judgeIds: readonly string[];
  /** Comparisons (rows) in the file. */
  readonly rows: number;
  /** Rows with verdict "invalid". */
  readonly invalid: number;
}

/**
 * Reads the comparisons file twice in DuckDB, never into JavaScript: once for the item and judge dictionaries
 * (first appearance of every id, by GROUPING SETS), once to encode every row into the integer table
 * `coded(rn, a, b, v, known, j, mh)`: item codes a (shown first) and b, verdict code v (0 first, 1 second,
 * 2 tie, 3 invalid, the datasets package's VerdictCode), known presentation order, judge code, and the 64-bit
 * hash of the matchId (NULL without one). About 30 bytes a row, spilled to disk by DuckDB above its memory limit.
 * A missing or invalid field, an item compared with itself, or an item or judge missing from `items.jsonl` or
 * `judges.jsonl` throws an {@link EngineInputError} naming the file, the row and the field.
 */
export async function scanComparisons(session: DuckDbSession, source: ComparisonSource): Promise<ScannedComparisons> {
  await createSourceView(session, source).catch((error) => rethrowAsInput(error, source));
  const seen = await session
    .columns(
      `SELECT f, s, j, min(rn)::DOUBLE AS first_row, GROUPING(f)::INTEGER AS gf, GROUPING(s)::INTEGER AS gs
     FROM source_rows GROUP BY GROUPING SETS ((f), (s), (j))`,
    )
    .catch((error) => rethrowAsInput(error, source));
  const itemIds = itemDictionary(source, seen);
  const judgeIds = judgeDictionary(source, seen);
  await session.writeDictionary("item_codes", itemIds);
  await session.writeDictionary("judge_codes", judgeIds);
  await session
    .run(
      `CREATE OR REPLACE TEMP TABLE coded AS
     SELECT rn, fa.code AS a, sb.code AS b,
       (CASE v WHEN 'first' THEN 0 WHEN 'second' THEN 1 WHEN 'tie' THEN 2 WHEN 'invalid' THEN 3 END)::UTINYINT AS v,
       (CASE o WHEN 'known' THEN true WHEN 'unknown' THEN false END) AS known,
       jc.code AS j,
       CASE WHEN m IS NULL THEN NULL ELSE hash(m) END AS mh
     FROM source_rows
     JOIN item_codes fa ON fa.name = f JOIN item_codes sb ON sb.name = s JOIN judge_codes jc ON jc.name = j`,
    )
    .catch((error) => rethrowAsInput(error, source));
  const checks = await session.columns(
    `SELECT count(*)::DOUBLE AS rows, count(*) FILTER (WHERE v = 3)::DOUBLE AS invalid,
       min(rn) FILTER (WHERE v IS NULL)::DOUBLE AS bad_verdict, min(rn) FILTER (WHERE known IS NULL)::DOUBLE AS bad_order,
       min(rn) FILTER (WHERE a = b)::DOUBLE AS self FROM coded`,
  );
  const at = (name: string): number | null => checks[name]?.[0] as number | null;
  const problems: [string, string, string][] = [
    ["bad_verdict", "verdict", 'expected "first", "second", "tie" or "invalid"'],
    ["bad_order", "order", 'expected "known" or "unknown"'],
    ["self", "second", "an item is never compared with itself"],
  ];
  for (const [column, field, message] of problems) {
    const row = at(column);
    if (row !== null) throw new EngineInputError(`${source.path}: row ${row + 1}: ${field}: ${message}`);
  }
  return { itemIds, judgeIds, rows: at("rows") ?? 0, invalid: at("invalid") ?? 0 };
}

/**
 * DuckDB's errors about the file itself (malformed JSON, a corrupt Parquet file, a value of the wrong type, a file
 * it cannot open) as an {@link EngineInputError} naming the file; any other error (e.g. out of memory) as it is.
 */
function rethrowAsInput(error: unknown, source: ComparisonSource): never {
  const message = error instanceof Error ? error.message : String(error);
  if (/^(Invalid Input|Conversion|IO|Parser) Error/.test(message))
    throw new EngineInputError(`${source.path}: ${message.split("\n")[0]}`);
  throw error;
}

type Seen = Record<string, (number | string | null)[]>;

/** Items of `items.jsonl` first, then the others by first appearance (row, first before second). */
function itemDictionary(source: ComparisonSource, seen: Seen): string[] {
  const position = new Map<string, { at: number; field: string }>();
  const rows = seen.first_row as number[];
  rows.forEach((row, k) => {
    for (const [field, grouped, column, offset] of [
      ["first", "gf", "f", 0],
      ["second", "gs", "s", 1],
    ] as const) {
      if (seen[grouped]?.[k] !== 0) continue;
      const id = seen[column]?.[k] as string | null;
      if (id === null) throw new EngineInputError(`${source.path}: row ${row + 1}: ${field}: missing`);
      const at = 2 * row + offset;
      const before = position.get(id);
      if (before === undefined || at < before.at) position.set(id, { at, field });
    }
  });
  const known = new Set(source.itemIds);
  const others = [...position].filter(([id]) => !known.has(id)).sort((x, y) => x[1].at - y[1].at);
  if (source.itemsFile !== undefined && others.length > 0) {
    const [id, where] = others[0] as [string, { at: number; field: string }];
    throw new EngineInputError(
      `${source.path}: row ${Math.floor(where.at / 2) + 1}: ${where.field}: item "${id}" is not in ${source.itemsFile}${others.length > 1 ? ` (${others.length} unknown items)` : ""}`,
    );
  }
  return [...source.itemIds, ...others.map(([id]) => id)];
}

/** Judges of `judges.jsonl` first, then the others by first appearance. */
function judgeDictionary(source: ComparisonSource, seen: Seen): string[] {
  const found: [string, number][] = [];
  (seen.first_row as number[]).forEach((row, k) => {
    if (seen.gf?.[k] !== 1 || seen.gs?.[k] !== 1) return;
    const id = seen.j?.[k] as string | null;
    if (id === null) throw new EngineInputError(`${source.path}: row ${row + 1}: judge: missing`);
    found.push([id, row]);
  });
  const known = new Set(source.judgeIds);
  const others = found.filter(([id]) => !known.has(id)).sort((x, y) => x[1] - y[1]);
  if (source.judgesFile !== undefined && others.length > 0) {
    const [id, row] = others[0] as [string, number];
    throw new EngineInputError(`${source.path}: row ${row + 1}: judge: judge "${id}" is not in ${source.judgesFile}`);
  }
  return [...source.judgeIds, ...others.map(([id]) => id)];
}
