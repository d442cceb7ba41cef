import type { Item } from "@judgelab/schema";
import { groupCodesByItemField, type ItemGrouping } from "./group-codes-by-item-field.js";

/** Style counts of one text (see {@link measureTextStyle}). */
export interface TextStyle {
  readonly characters: number;
  readonly tokens: number;
  readonly headers: number;
  readonly bold: number;
  readonly lists: number;
}

const FENCED_CODE = /```[\s\S]*?```/g;
const HEADER = /^#{1,6}[ \t]+\S/gm;
const BOLD = /\*\*[^*\n]+\*\*|__[^_\n]+__/g;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S/gm;
const TOKEN = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

/**
 * The style features of Chatbot Arena's style control (Li, Angelopoulos & Chiang 2024): length in characters
 * (Unicode code points) and in tokens, and the counts of markdown headers (`#`…`######` at a line start), bold
 * spans (`**x**`, `__x__`) and list items (`-`, `*`, `+` or `1.`/`1)` at a line start). Fenced code blocks are
 * removed before counting markdown, as FastChat does. Tokens are approximated without a model tokenizer: runs of
 * letters/digits and single punctuation marks (Arena counts a model tokenizer's tokens; only the ratio of the two
 * sides enters the design, so the approximation changes little).
 */
export function measureTextStyle(text: string): TextStyle {
  const prose = text.replace(FENCED_CODE, "");
  const count = (pattern: RegExp, value: string) => value.match(pattern)?.length ?? 0;
  return {
    characters: [...text].length,
    tokens: count(TOKEN, text),
    headers: count(HEADER, prose),
    bold: count(BOLD, prose),
    lists: count(LIST_ITEM, prose),
  };
}

/** What `--control` accepts: `length`, `tokens`, `markdown` (= headers, bold, lists), one of those, or a field. */
export const STYLE_CONTROLS = ["length", "tokens", "markdown", "headers", "bold", "lists"] as const;

/** Per-item covariate values for style control. */
export interface ItemCovariates {
  readonly names: readonly string[];
  /** "ratio" for the text counts, "difference" for numeric item fields. */
  readonly kinds: readonly ("ratio" | "difference")[];
  /** itemIds.length × names.length, row-major; NaN where missing (before `missing: "zero"`). */
  readonly values: Float64Array;
  /** Per covariate: the ids of items without a value (filled with 0 when `missing` is "zero"). */
  readonly missing: readonly (readonly string[])[];
}

/**
 * Looks up each control for each item code of `itemIds`:
 * - `length`: characters of the item's `text` (its `length` field when it has no text);
 * - `tokens`: approximate tokens of `text`; `headers`, `bold`, `lists`: markdown counts of `text`;
 *   `markdown` expands to the three;
 * - any other name: a numeric item field, top level or under `metadata` (e.g. `quality`).
 * Items of `itemIds` without a record, without text or without the field are missing: with `missing: "error"`
 * (default) they are listed in `missing` and left NaN, with `missing: "zero"` they get 0 (and are still listed).
 */
export function itemCovariates(
  items: readonly Item[],
  itemIds: readonly string[],
  controls: readonly string[],
  options: { missing?: "error" | "zero" } = {},
): ItemCovariates {
  const names: string[] = [];
  for (const control of controls) {
    if (control === "markdown") names.push("headers", "bold", "lists");
    else names.push(control);
  }
  const duplicate = names.find((name, k) => names.indexOf(name) !== k);
  if (duplicate !== undefined) throw new RangeError(`--control lists "${duplicate}" twice`);
  const byId = new Map(items.map((item) => [item.id, item]));
  const width = names.length;
  const values = new Float64Array(itemIds.length * width);
  const missing: string[][] = names.map(() => []);
  const fill = options.missing === "zero" ? 0 : Number.NaN;
  itemIds.forEach((id, code) => {
    const item = byId.get(id);
    const style = typeof item?.text === "string" ? measureTextStyle(item.text) : undefined;
    names.forEach((name, k) => {
      const value = lookUp(item, style, name);
      if (value === undefined) (missing[k] as string[]).push(id);
      values[code * width + k] = value ?? fill;
    });
  });
  const kinds = names.map((name) =>
    (STYLE_CONTROLS as readonly string[]).includes(name) ? ("ratio" as const) : ("difference" as const),
  );
  return { names, kinds, values, missing };
}

function lookUp(item: Item | undefined, style: TextStyle | undefined, name: string): number | undefined {
  if (item === undefined) return undefined;
  switch (name) {
    case "length":
      return style?.characters ?? item.length;
    case "tokens":
      return style?.tokens;
    case "headers":
    case "bold":
    case "lists":
      return style?.[name];
    default: {
      const raw = (item as Record<string, unknown>)[name] ?? item.metadata?.[name];
      return typeof raw === "number" && Number.isFinite(raw) ? raw : undefined;
    }
  }
}

/**
 * Groups items by the value of an item field (top level or under `metadata`), e.g. answers by `producer`:
 * item code → group code, −1 for items without the field. Throws a RangeError when no item has the field.
 */
export function itemFieldGroups(items: readonly Item[], itemIds: readonly string[], field: string): ItemGrouping {
  const grouping = groupCodesByItemField(items, itemIds, field);
  if (grouping === undefined) {
    throw new RangeError(
      `--group ${field}: no item has a "${field}" field (top level or in metadata); check items.jsonl`,
    );
  }
  return grouping;
}
