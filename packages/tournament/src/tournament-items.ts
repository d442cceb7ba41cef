import type { JudgeItem } from "@judgelab/judges";
import type { Item } from "@judgelab/schema";
import { itemContentHash } from "./response-cache.js";
import { hashValue } from "./stable-hash.js";

/** The items of a tournament, indexed, grouped and prepared for judges. */
export interface TournamentItems {
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** What judges see, by item index. */
  readonly judgeItems: readonly JudgeItem[];
  /** Content hash per item index (cache keys). */
  readonly contentHashes: readonly string[];
  /** Item indices per scheduling group (category, or one group). */
  readonly groups: readonly (readonly number[])[];
  /** Hash of all items' ids and content hashes (part of the run identity). */
  readonly hash: string;
}

/** Raised for items a tournament cannot use (duplicate ids, no text). */
export class TournamentItemsError extends Error {
  override readonly name = "TournamentItemsError";
}

/**
 * Prepares items: each needs a unique id and a text (or at least a title). An item's assessment text, when given,
 * comes from `metadata.assessment`. Groups follow `category` (or the first of `categories`) when `byCategory`.
 */
export function prepareTournamentItems(items: readonly Item[], options: { byCategory: boolean }): TournamentItems {
  const index = new Map<string, number>();
  const judgeItems: JudgeItem[] = [];
  const groupsByName = new Map<string, number[]>();
  items.forEach((item, position) => {
    if (index.has(item.id)) throw new TournamentItemsError(`item ${position + 1}: duplicate id "${item.id}"`);
    const text = item.text ?? item.title;
    if (text === undefined || text.length === 0) {
      throw new TournamentItemsError(`item ${position + 1} ("${item.id}"): no text or title to show a judge`);
    }
    index.set(item.id, position);
    const assessment = item.metadata?.assessment;
    const metadata: Record<string, unknown> = { ...item.metadata };
    if (item.producer !== undefined) metadata.producer = item.producer;
    if (item.producerFamily !== undefined) metadata.producerFamily = item.producerFamily;
    judgeItems.push({
      id: item.id,
      text,
      ...(item.title === undefined || item.text === undefined ? {} : { title: item.title }),
      ...(typeof assessment === "string" ? { assessment } : {}),
      ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
    });
    const group = options.byCategory ? (item.category ?? item.categories?.[0] ?? "") : "";
    const members = groupsByName.get(group) ?? [];
    members.push(position);
    groupsByName.set(group, members);
  });
  const contentHashes = judgeItems.map((item) => itemContentHash(item));
  return {
    ids: items.map((item) => item.id),
    index,
    judgeItems,
    contentHashes,
    groups: [...groupsByName.values()],
    hash: hashValue(items.map((item, position) => [item.id, contentHashes[position]])),
  };
}
