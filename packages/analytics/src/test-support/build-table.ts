import type { ComparisonTable } from "@judgelab/datasets";

/** One comparison for {@link buildTable}: ids as strings, verdict positional. */
export interface TableRow {
  readonly first: string;
  readonly second: string;
  readonly verdict: "first" | "second" | "tie" | "invalid";
  readonly judge: string;
  readonly prompt?: string;
  readonly match?: string;
  readonly condition?: string;
  readonly repetition?: number;
  readonly time?: number;
  readonly orderKnown?: boolean;
  /** The judge's probability that its verdict is right (a confidence column is added when any row has one). */
  readonly confidence?: number;
}

const verdictCodes = { first: 0, second: 1, tie: 2, invalid: 3 } as const;

/** Dictionary encoder: string → dense code in first-seen order. */
class Dictionary {
  readonly ids: string[] = [];
  private readonly codes = new Map<string, number>();
  encode(id: string | undefined): number {
    if (id === undefined) return -1;
    let code = this.codes.get(id);
    if (code === undefined) {
      code = this.ids.length;
      this.codes.set(id, code);
      this.ids.push(id);
    }
    return code;
  }
}

/**
 * Builds a {@link ComparisonTable} from row objects (tests only; the real table comes from
 * `@judgelab/datasets`). `itemIds` / `judgeIds` fix the dictionaries' first entries when given.
 */
export function buildTable(
  rows: readonly TableRow[],
  dictionaries: { itemIds?: readonly string[]; judgeIds?: readonly string[] } = {},
): ComparisonTable {
  const items = new Dictionary();
  const judges = new Dictionary();
  const matches = new Dictionary();
  const prompts = new Dictionary();
  const conditions = new Dictionary();
  for (const id of dictionaries.itemIds ?? []) items.encode(id);
  for (const id of dictionaries.judgeIds ?? []) judges.encode(id);
  const size = rows.length;
  const table = {
    size,
    first: new Int32Array(size),
    second: new Int32Array(size),
    verdict: new Uint8Array(size),
    orderKnown: new Uint8Array(size),
    strength: new Uint8Array(size),
    judge: new Int32Array(size),
    match: new Int32Array(size),
    prompt: new Int32Array(size),
    condition: new Int32Array(size),
    repetition: new Int32Array(size),
    time: new Float64Array(size),
    preference: new Float64Array(size).fill(Number.NaN),
  };
  rows.forEach((row, index) => {
    table.first[index] = items.encode(row.first);
    table.second[index] = items.encode(row.second);
    table.verdict[index] = verdictCodes[row.verdict];
    table.orderKnown[index] = row.orderKnown === false ? 0 : 1;
    table.judge[index] = judges.encode(row.judge);
    table.match[index] = matches.encode(row.match);
    table.prompt[index] = prompts.encode(row.prompt);
    table.condition[index] = conditions.encode(row.condition);
    table.repetition[index] = row.repetition ?? 0;
    table.time[index] = row.time ?? Number.NaN;
  });
  return {
    ...table,
    itemIds: items.ids,
    judgeIds: judges.ids,
    matchIds: matches.ids,
    promptIds: prompts.ids,
    conditionIds: conditions.ids,
    comparisonIds: rows.map((_, index) => `c${index}`),
    ...(rows.some((row) => row.confidence !== undefined)
      ? { confidence: Float64Array.from(rows, (row) => row.confidence ?? Number.NaN) }
      : {}),
  };
}
