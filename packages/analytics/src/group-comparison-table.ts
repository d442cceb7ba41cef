import { type ComparisonTable, groupCodesByItemField, type ItemGrouping, selectRows } from "@judgelab/datasets";
import { AnalyticsError } from "./analytics-error.js";

/** Items mapped to groups by an item field (e.g. answers to the `producer` model that wrote them). */
export type { ItemGrouping };

/** What grouping did to a table: the rows it could express between groups and the rows it left out. */
export interface GroupedTable {
  /** One row per kept comparison; `itemIds` are the group ids, every other column as in the source. */
  readonly table: ComparisonTable;
  /** Rows comparing two items of the same group (a model with itself): left out, counted. */
  readonly sameGroupRows: number;
  /** Rows with an item that has no group value: left out, counted. */
  readonly ungroupedRows: number;
}

/**
 * The grouping of `itemIds` by the value of `field` on each item record (top level, else under `metadata`).
 * Undefined when no item has the field. The one implementation lives in datasets ({@link groupCodesByItemField}).
 */
export const groupItemsByField = groupCodesByItemField;

/**
 * The grouping to rate by: `false` = the items themselves, a field name = groups by that item field (a
 * {@link AnalyticsError} "unknown-field" when no item has it), undefined = {@link defaultItemGrouping}.
 */
export function resolveItemGrouping(
  items: readonly Readonly<Record<string, unknown>>[],
  itemIds: readonly string[],
  group: string | false | undefined,
): ItemGrouping | undefined {
  if (group === false) return undefined;
  if (group === undefined) return defaultItemGrouping(items, itemIds);
  const grouping = groupItemsByField(items, itemIds, group);
  if (grouping === undefined) {
    throw new AnalyticsError(
      "unknown-field",
      `--group ${group}: no item has a "${group}" field (top level or in metadata); check items.jsonl, or rate the items with --no-group`,
      { field: group },
    );
  }
  return grouping;
}

/**
 * The default rating unit of a dataset: its producers (the models that wrote the answers) when every compared
 * item names a `producer` and producers write more than one item on average (answers by models, as in
 * AlpacaEval, Arena, MT-Bench), else undefined (rate the items themselves, e.g. papers).
 */
export function defaultItemGrouping(
  items: readonly Readonly<Record<string, unknown>>[],
  itemIds: readonly string[],
): ItemGrouping | undefined {
  const grouping = groupItemsByField(items, itemIds, "producer");
  if (grouping === undefined) return undefined;
  if (grouping.groupOf.some((group) => group < 0)) return undefined;
  return grouping.groupIds.length >= 2 && grouping.groupIds.length < itemIds.length ? grouping : undefined;
}

/**
 * Re-expresses a comparison table between groups of items: each row's items become their groups; rows within
 * one group or with an ungrouped item are left out and counted (never silently). All other columns (judge,
 * order, match, prompt, time, preference, …) are kept for the remaining rows, so every analysis that runs on a
 * table runs unchanged on the groups. The rating core's `groupItems` does the same for plain outcomes.
 */
export function groupComparisonTable(table: ComparisonTable, grouping: ItemGrouping): GroupedTable {
  const { groupOf } = grouping;
  if (groupOf.length !== table.itemIds.length) {
    throw new AnalyticsError(
      "inconsistent-input",
      `groupComparisonTable: grouping has ${groupOf.length} entries for ${table.itemIds.length} items`,
      { entries: groupOf.length, items: table.itemIds.length },
    );
  }
  const keep = new Uint8Array(table.size);
  let sameGroupRows = 0;
  let ungroupedRows = 0;
  for (let row = 0; row < table.size; row++) {
    const a = groupOf[table.first[row]!]!;
    const b = groupOf[table.second[row]!]!;
    if (a < 0 || b < 0) ungroupedRows++;
    else if (a === b) sameGroupRows++;
    else keep[row] = 1;
  }
  const selected = selectRows(table, keep);
  const first = Int32Array.from(selected.first, (item) => groupOf[item]!);
  const second = Int32Array.from(selected.second, (item) => groupOf[item]!);
  return { table: { ...selected, itemIds: grouping.groupIds, first, second }, sameGroupRows, ungroupedRows };
}
