import type { ComparisonTable } from "@judgelab/datasets";
import { rowsOf } from "./group-rows.js";
import { outcomeOf, RowFlag } from "./row-flags.js";
import type { ViewData } from "./view-data.js";

/** Filters of the comparison browser (all optional; they combine with AND). */
export interface ComparisonQuery {
  readonly judge?: string | undefined;
  /**
   * With `judge`: only matches that both judges judged (the rows of an agreement-matrix cell); with
   * `judgesDisagree` too, only matches where the two judges' outcomes differ.
   */
  readonly withJudge?: string | undefined;
  readonly item?: string | undefined;
  /** Both items in this category. */
  readonly category?: string | undefined;
  readonly verdict?: "first" | "second" | "tie" | "invalid" | undefined;
  readonly condition?: string | undefined;
  readonly judgesDisagree?: boolean | undefined;
  readonly flipsWhenSwapped?: boolean | undefined;
  readonly disagreesWithReference?: boolean | undefined;
  /** Case-insensitive text in either item's title, the rationale, or the comparison id. */
  readonly text?: string | undefined;
}

/** One page of matching rows. */
export interface ComparisonPage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly rows: readonly number[];
}

const VERDICTS = { first: 0, second: 1, tie: 2, invalid: 3 } as const;
const NONE = -2;

function codeOf(dictionary: readonly string[], value: string | undefined): number {
  if (value === undefined || value === "") return -1;
  const code = dictionary.indexOf(value);
  return code < 0 ? NONE : code;
}

/**
 * Filters and pages the comparisons on the typed-array table in one pass over the candidate rows (all rows, or the
 * item's rows when an item is named), counting every match and keeping only the requested page. Text search
 * tests titles once per item, then the lower-cased rationale of each remaining row.
 */
export function filterComparisons(
  data: ViewData,
  query: ComparisonQuery,
  paging: { page: number; pageSize: number },
): ComparisonPage {
  const { table, flags } = data;
  const judge = codeOf(table.judgeIds, query.judge);
  const withJudge = codeOf(table.judgeIds, query.withJudge);
  const item = query.item === undefined || query.item === "" ? -1 : (data.itemCodes.get(query.item) ?? NONE);
  const condition = codeOf(table.conditionIds, query.condition);
  const empty = { total: 0, page: paging.page, pageSize: paging.pageSize, rows: [] };
  if (judge === NONE || withJudge === NONE || item === NONE || condition === NONE) return empty;
  const verdict = query.verdict === undefined ? -1 : VERDICTS[query.verdict];
  let inCategory: Uint8Array | undefined;
  if (query.category !== undefined && query.category !== "") {
    inCategory = Uint8Array.from(data.categoryOf, (category) => (category === query.category ? 1 : 0));
  }
  let flagMask = 0;
  if (query.judgesDisagree === true) flagMask |= RowFlag.judgesDisagree;
  if (query.flipsWhenSwapped === true) flagMask |= RowFlag.flipsWhenSwapped;
  if (query.disagreesWithReference === true) flagMask |= RowFlag.disagreesWithReference;
  const text = query.text?.trim().toLowerCase() ?? "";
  let titleHit: Uint8Array | undefined;
  if (text !== "") titleHit = Uint8Array.from(data.items, (view) => (view.title.toLowerCase().includes(text) ? 1 : 0));
  const pairGroups = judge >= 0 && withJudge >= 0 ? groupsJudgedByBoth(data, judge, withJudge) : undefined;
  // For a judge pair, "disagree" means these two judges disagree (checked per match below), not any two judges.
  if (pairGroups !== undefined) flagMask &= ~RowFlag.judgesDisagree;
  const pairLevel = pairGroups !== undefined && query.judgesDisagree === true ? 2 : 1;

  const candidates = item >= 0 ? rowsOf(data.rowsByItem, item) : undefined;
  const count = candidates === undefined ? table.size : candidates.length;
  const skip = paging.page * paging.pageSize;
  const rows: number[] = [];
  let total = 0;
  const searchText = data.store.searchText;
  for (let index = 0; index < count; index++) {
    const row = candidates === undefined ? index : candidates[index]!;
    const rowJudge = table.judge[row]!;
    if (pairGroups !== undefined) {
      if ((rowJudge !== judge && rowJudge !== withJudge) || pairGroups[flags.group[row]!]! < pairLevel) continue;
    } else if (judge >= 0 && rowJudge !== judge) continue;
    if (verdict >= 0 && table.verdict[row] !== verdict) continue;
    if (condition >= 0 && table.condition[row] !== condition) continue;
    if ((flags.flags[row]! & flagMask) !== flagMask) continue;
    if (inCategory !== undefined && (inCategory[table.first[row]!] !== 1 || inCategory[table.second[row]!] !== 1))
      continue;
    if (titleHit !== undefined && !matchesText(table, row, titleHit, searchText, text)) continue;
    if (total >= skip && rows.length < paging.pageSize) rows.push(row);
    total++;
  }
  return { total, page: paging.page, pageSize: paging.pageSize, rows };
}

function matchesText(
  table: ComparisonTable,
  row: number,
  titleHit: Uint8Array,
  searchText: readonly string[],
  text: string,
): boolean {
  return (
    titleHit[table.first[row]!] === 1 ||
    titleHit[table.second[row]!] === 1 ||
    (searchText[row] ?? "").includes(text) ||
    table.comparisonIds[row] === text
  );
}

/**
 * Per match group: 0 when not both judges judged it, 1 when both did and agree, 2 when both did and their outcome
 * sets (in item terms: lower-code item wins, higher wins, tie) differ.
 */
function groupsJudgedByBoth(data: ViewData, a: number, b: number): Uint8Array {
  const { table, flags } = data;
  const masks = new Uint8Array(flags.groups);
  for (let row = 0; row < table.size; row++) {
    const judge = table.judge[row]!;
    if (judge !== a && judge !== b) continue;
    const outcome = outcomeOf(table, row);
    const bit = outcome < 0 ? 0 : 1 << outcome;
    masks[flags.group[row]!]! |= (judge === a ? 0x40 : 0x80) | (judge === a ? bit : bit << 3);
  }
  for (let group = 0; group < masks.length; group++) {
    const mask = masks[group]!;
    masks[group] = (mask & 0xc0) !== 0xc0 ? 0 : (mask & 7) === ((mask >> 3) & 7) ? 1 : 2;
  }
  return masks;
}
