import { readFile } from "node:fs/promises";
import { type JudgeKind, type Verdict, verdictSchema } from "@judgelab/schema";
import { ImportInputError } from "../import-input-error.js";
import type { ImportSettings } from "../importer.js";
import { judgeKindSetting } from "../judge-kind-setting.js";

/** Which source field holds which comparison field, for the generic `jsonl` and `csv` importers. */
export interface ColumnMapping {
  readonly first: string;
  readonly second: string;
  /** Field with a positional verdict (first/second/tie, A/B/C, 1/2/0, …; see `values`). */
  readonly verdict?: string;
  /** Field naming the winning item (equal to the first or second item), or a tie word. */
  readonly winner?: string;
  readonly judge?: string;
  readonly judgeId: string;
  readonly judgeKind: JudgeKind;
  /** Field with `known`/`unknown`, or the literal order for all rows. */
  readonly order?: { readonly field: string } | { readonly value: "known" | "unknown" };
  readonly id?: string;
  readonly prompt?: string;
  readonly matchId?: string;
  readonly repetition?: string;
  readonly condition?: string;
  readonly rationale?: string;
  readonly createdAt?: string;
  readonly strength?: string;
  readonly preference?: string;
  /** Extra source values → verdicts, checked before the built-in words. */
  readonly values: Readonly<Record<string, Verdict>>;
}

/** The mapping keys, for help texts: `key=meaning`. */
export const COLUMN_MAPPING_KEYS: Readonly<Record<string, string>> = {
  first: "field of the item shown (or listed) first (required)",
  second: "field of the other item (required)",
  verdict: "field with a positional verdict: first/second/tie/invalid, A/B/C, 1/2/0, model_a/model_b",
  winner: "field naming the winning item (instead of verdict)",
  judge: "field naming the judge",
  "judge-id": "judge for all rows when no judge field (default: judge)",
  "judge-kind": "llm | human | gold | simulated (default: llm)",
  order: "field with known/unknown, or the literal known / unknown for all rows (default: unknown)",
  id: "field with a unique comparison id (default: <file>:<line>)",
  prompt: "field with the prompt or task id",
  match: "field grouping comparisons into matches (e.g. both orders)",
  repetition: "field with the repetition number",
  condition: "field with an experimental condition",
  rationale: "field with the judge's rationale",
  "created-at": "field with an ISO 8601 timestamp",
  strength: "field with weak/strong",
  preference: "field with a soft preference for the second item in [0, 1]",
  values: "extra verdict words, e.g. values=Left:first;Right:second;Same:tie",
  mapping: "a JSON file with these keys (values may be an object)",
};

function parseValues(value: unknown): Record<string, Verdict> {
  if (value === undefined) return {};
  const entries: [string, unknown][] =
    typeof value === "string"
      ? value
          .split(";")
          .filter((part) => part.trim() !== "")
          .map((part) => {
            const index = part.lastIndexOf(":");
            return [part.slice(0, index).trim(), part.slice(index + 1).trim()];
          })
      : Object.entries(value as Record<string, unknown>);
  const values: Record<string, Verdict> = {};
  for (const [source, verdict] of entries) {
    const parsed = verdictSchema.safeParse(verdict);
    if (!parsed.success || source === "") {
      throw new ImportInputError(
        `values: "${source}:${String(verdict)}" must map a source value to first, second, tie or invalid`,
      );
    }
    values[source.toLowerCase()] = parsed.data;
  }
  return values;
}

/** Reads the mapping from settings (`--map`/`--set`), merged over an optional `mapping` JSON file. */
export async function resolveColumnMapping(settings: ImportSettings): Promise<ColumnMapping> {
  let fromFile: Record<string, unknown> = {};
  if (settings.mapping !== undefined) {
    try {
      fromFile = JSON.parse(await readFile(settings.mapping, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new ImportInputError(`${settings.mapping}: cannot read the mapping file (${(error as Error).message})`, {
        file: settings.mapping,
      });
    }
  }
  const merged: Record<string, unknown> = { ...fromFile, ...settings };
  const text = (key: string) =>
    typeof merged[key] === "string" && merged[key] !== "" ? (merged[key] as string) : undefined;
  const first = text("first");
  const second = text("second");
  if (first === undefined || second === undefined) {
    throw new ImportInputError(
      "the generic importers need a mapping: --map first=COLUMN,second=COLUMN,verdict=COLUMN (or winner=COLUMN)",
    );
  }
  if (text("verdict") === undefined && text("winner") === undefined) {
    throw new ImportInputError(
      "the mapping needs verdict=COLUMN (a positional verdict) or winner=COLUMN (the winning item)",
    );
  }
  const order = text("order");
  const optional = (key: string, name: string = key) => {
    const value = text(key);
    return value === undefined ? {} : { [name]: value };
  };
  return {
    first,
    second,
    judgeId: text("judge-id") ?? "judge",
    judgeKind: judgeKindSetting(text("judge-kind"), "llm"),
    values: parseValues(merged.values),
    ...(order === undefined
      ? {}
      : { order: order === "known" || order === "unknown" ? { value: order } : { field: order } }),
    ...optional("verdict"),
    ...optional("winner"),
    ...optional("judge"),
    ...optional("id"),
    ...optional("prompt"),
    ...optional("match", "matchId"),
    ...optional("repetition"),
    ...optional("condition"),
    ...optional("rationale"),
    ...optional("created-at", "createdAt"),
    ...optional("strength"),
    ...optional("preference"),
  };
}
