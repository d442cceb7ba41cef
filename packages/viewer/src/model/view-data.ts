import type { ComparisonTable } from "@judgelab/datasets";
import type { Assessment, Item, Judge, Reference } from "@judgelab/schema";
import type { ComparisonStore } from "./comparison-store.js";
import { type GroupedRows, groupRows } from "./group-rows.js";
import { computeRowFlags, type RowFlags } from "./row-flags.js";

/** What a page needs to know about an item. */
export interface ItemView {
  readonly id: string;
  readonly title: string;
  readonly category: string | undefined;
  readonly text: string | undefined;
  /** A line under the title (for papers: the authors), from `metadata.authors` when present. */
  readonly byline: string | undefined;
}

/** Everything the viewer shows, loaded once (a dataset) or rebuilt on every change (a live run). */
export interface ViewData {
  readonly kind: "dataset" | "run";
  readonly name: string;
  readonly description: string | undefined;
  readonly table: ComparisonTable;
  /** By item code. */
  readonly items: readonly ItemView[];
  /** The item records as loaded (for analytics: length, producer, …). */
  readonly itemRecords: readonly Item[];
  readonly itemCodes: ReadonlyMap<string, number>;
  readonly judges: readonly Judge[];
  readonly assessments: readonly Assessment[];
  readonly references: readonly Reference[];
  readonly store: ComparisonStore;
  readonly flags: RowFlags;
  /** Rows of each item (as first or second), by item code. */
  readonly rowsByItem: GroupedRows;
  /** Rows of each match group ({@link RowFlags.group}). */
  readonly rowsByGroup: GroupedRows;
  /** Sorted category names. */
  readonly categories: readonly string[];
  /** Category of each item code. */
  readonly categoryOf: readonly (string | undefined)[];
}

/** Options of {@link buildViewData}. */
export interface BuildViewDataOptions {
  readonly kind: "dataset" | "run";
  readonly name: string;
  readonly description?: string | undefined;
  readonly table: ComparisonTable;
  readonly items: readonly Item[];
  readonly judges: readonly Judge[];
  readonly assessments: readonly Assessment[];
  readonly references: readonly Reference[];
  readonly store: ComparisonStore;
}

function bylineOf(item: Item | undefined): string | undefined {
  const authors = item?.metadata?.authors;
  if (typeof authors === "string") return authors;
  if (Array.isArray(authors) && authors.every((name) => typeof name === "string")) return authors.join(", ");
  return undefined;
}

/** Joins the table with item records and builds the indexes (rows by item, rows by match) and row flags. */
export function buildViewData(options: BuildViewDataOptions): ViewData {
  const { table } = options;
  const records = new Map(options.items.map((item) => [item.id, item]));
  const items = table.itemIds.map((id): ItemView => {
    const record = records.get(id);
    return {
      id,
      title: record?.title ?? id,
      category: record?.category,
      text: record?.text,
      byline: bylineOf(record),
    };
  });
  const itemCodes = new Map(table.itemIds.map((id, code) => [id, code]));
  const flags = computeRowFlags(table, options.references);
  const rowsByItem = groupRows({
    size: table.size,
    keys: table.itemIds.length,
    keyOf: (row) => table.first[row]!,
    also: (row) => table.second[row]!,
  });
  const rowsByGroup = groupRows({ size: table.size, keys: flags.groups, keyOf: (row) => flags.group[row]! });
  const categoryOf = items.map((item) => item.category);
  const categories = [...new Set(categoryOf.filter((name): name is string => name !== undefined))].sort();
  return {
    kind: options.kind,
    name: options.name,
    description: options.description,
    table,
    items,
    itemRecords: options.items,
    itemCodes,
    judges: options.judges,
    assessments: options.assessments,
    references: options.references,
    store: options.store,
    flags,
    rowsByItem,
    rowsByGroup,
    categories,
    categoryOf,
  };
}
