/** Item codes mapped to groups named by an item field (`groupOf[code]` = group code, −1 = no value). */
export interface ItemGrouping {
  readonly field: string;
  readonly groupOf: Int32Array;
  readonly groupIds: string[];
}

/**
 * Groups the items of a table by one field of their item records, top level or under `metadata` (e.g.
 * `producer`: the model that wrote an answer, so that AlpacaEval or Arena data rate models rather than answers).
 * Strings and numbers count as values; items without one get group −1. Groups are numbered in the order of the
 * table's item codes. Undefined when no item has the field at all.
 */
export function groupCodesByItemField(
  items: readonly Readonly<Record<string, unknown>>[],
  itemIds: readonly string[],
  field: string,
): ItemGrouping | undefined {
  const valueById = new Map<string, string>();
  for (const item of items) {
    const metadata = item.metadata as Record<string, unknown> | undefined;
    const value = item[field] ?? metadata?.[field];
    if (typeof value === "string" || typeof value === "number") valueById.set(String(item.id), String(value));
  }
  if (valueById.size === 0) return undefined;
  const groupIds: string[] = [];
  const codes = new Map<string, number>();
  const groupOf = new Int32Array(itemIds.length).fill(-1);
  itemIds.forEach((id, code) => {
    const value = valueById.get(id);
    if (value === undefined) return;
    let group = codes.get(value);
    if (group === undefined) {
      group = groupIds.length;
      codes.set(value, group);
      groupIds.push(value);
    }
    groupOf[code] = group;
  });
  return { field, groupOf, groupIds };
}
