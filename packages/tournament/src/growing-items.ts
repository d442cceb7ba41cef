import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Item } from "@judgelab/schema";
import type { RunManifest } from "./run-store.js";
import { hashValue } from "./stable-hash.js";
import { prepareTournamentItems } from "./tournament-items.js";

/** One item of a run's append-only item list (`run.json` `items`): its id and the hash of what judges see. */
export interface ItemListEntry {
  readonly id: string;
  readonly contentHash: string;
}

/** One growth step of a run (`run.json` `itemAdditions`). */
export interface ItemAddition {
  readonly at: string;
  /** Items appended by this step. */
  readonly count: number;
  /** Item count after the step. */
  readonly total: number;
}

/** File of a run folder that keeps items added with `--add-items` (the config's source does not have them). */
export const ADDED_ITEMS_FILE = "items-added.jsonl";

/** Raised when the items no longer extend the run's list: an item changed, vanished or moved. */
export class GrowingItemsError extends Error {
  override readonly name = "GrowingItemsError";
}

/** What {@link resolveGrowingItems} decided. */
export interface GrowingItems {
  /** The tournament's items in list order: the stored list, then the newcomers. */
  readonly records: readonly Item[];
  readonly list: readonly ItemListEntry[];
  /** Hash of the item set the run was created with (part of its identity; never changes as the run grows). */
  readonly baseItemsHash: string;
  /** Items appended now (not in the stored list). */
  readonly newcomers: readonly Item[];
  /** Newcomers that only `added` holds (to be kept in {@link ADDED_ITEMS_FILE}). */
  readonly toKeep: readonly Item[];
}

/** The hash of a list of (id, content hash) pairs, as `prepareTournamentItems` computes `hash`. */
function listHash(list: readonly ItemListEntry[]): string {
  return hashValue(list.map((entry) => [entry.id, entry.contentHash]));
}

function contentHashOf(item: Item): string {
  return prepareTournamentItems([item], { byCategory: false }).contentHashes[0]!;
}

/**
 * A growing tournament's item list. The list in `run.json` is append-only: the items a run was created with, then
 * every item added since, in order. Current items are the stored list (each looked up by id in the config's source,
 * the run's kept additions or `added`; its content must hash as before, so every earlier judgment and cache entry
 * stays valid), followed by newcomers: items of the config's source not yet listed (items appended to the
 * configured file), then items of `added` (`--add-items FILE`) not yet listed. Item indices therefore never move.
 *
 * A new run (no stored manifest) lists every item and its identity covers all of them. A run folder written before
 * item lists existed has no list: its items must hash as `itemsHash` did, and then become the list.
 */
export function resolveGrowingItems(options: {
  stored?: Pick<RunManifest, "itemsHash" | "items"> | undefined;
  configured: readonly Item[];
  kept?: readonly Item[];
  added?: readonly Item[];
}): GrowingItems {
  const { stored } = options;
  const pool = new Map<string, Item>();
  for (const item of [...options.configured, ...(options.kept ?? []), ...(options.added ?? [])]) {
    const existing = pool.get(item.id);
    if (existing !== undefined && contentHashOf(existing) !== contentHashOf(item)) {
      throw new GrowingItemsError(
        `item "${item.id}" is given twice with different content (config source, ${ADDED_ITEMS_FILE} or --add-items); ` +
          "give a new item a new id",
      );
    }
    if (existing === undefined) pool.set(item.id, item);
  }
  let storedList = stored?.items;
  if (stored !== undefined && storedList === undefined) {
    // A run folder from before item lists: its whole item set must be unchanged; it then becomes the list.
    const list = options.configured.map((item) => ({ id: item.id, contentHash: contentHashOf(item) }));
    if (listHash(list) !== stored.itemsHash) {
      throw new GrowingItemsError(
        "this run folder has no item list (created before growing tournaments) and its items changed; " +
          "restore the original items, or start a new runDir",
      );
    }
    storedList = list;
  }
  const records: Item[] = [];
  const list: ItemListEntry[] = [];
  const listed = new Set<string>();
  for (const entry of storedList ?? []) {
    const item = pool.get(entry.id);
    if (item === undefined) {
      throw new GrowingItemsError(
        `item "${entry.id}" of the run is missing: a growing tournament's item list is append-only; ` +
          `restore it in the config's source (or ${ADDED_ITEMS_FILE})`,
      );
    }
    const contentHash = contentHashOf(item);
    if (contentHash !== entry.contentHash) {
      throw new GrowingItemsError(
        `item "${entry.id}" changed since it joined the run (its judgments and cached answers are about the old ` +
          "text); restore it, or add the new version under a new id",
      );
    }
    records.push(item);
    list.push(entry);
    listed.add(entry.id);
  }
  const base = stored === undefined ? undefined : stored.itemsHash;
  const newcomers: Item[] = [];
  const toKeep: Item[] = [];
  const configuredIds = new Set(options.configured.map((item) => item.id));
  const keptIds = new Set((options.kept ?? []).map((item) => item.id));
  for (const item of [...options.configured, ...(options.kept ?? []), ...(options.added ?? [])]) {
    if (listed.has(item.id)) continue;
    listed.add(item.id);
    records.push(item);
    list.push({ id: item.id, contentHash: contentHashOf(item) });
    if (stored !== undefined) newcomers.push(item);
    if (!configuredIds.has(item.id) && !keptIds.has(item.id)) toKeep.push(item);
  }
  return { records, list, baseItemsHash: base ?? listHash(list), newcomers, toKeep };
}

/** The manifest of a run folder, or undefined when the folder has none yet. */
export function readStoredManifest(runDir: string): RunManifest | undefined {
  const path = join(runDir, "run.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as RunManifest) : undefined;
}

/** Items kept in a run folder's {@link ADDED_ITEMS_FILE} (empty when there is none). */
export function readKeptItems(runDir: string): Item[] {
  const path = join(runDir, ADDED_ITEMS_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Item);
}

/**
 * Records a growth step after the run folder was opened: appends the items only `--add-items` held to
 * {@link ADDED_ITEMS_FILE} (so later resumes find them), then rewrites `run.json` atomically with the longer item
 * list and the step in `itemAdditions`. The identity hash is unchanged. Returns the new manifest.
 */
export function recordItemAdditions(options: {
  runDir: string;
  manifest: RunManifest;
  growing: GrowingItems;
  now?: Date;
}): RunManifest {
  const { runDir, manifest, growing } = options;
  if (growing.toKeep.length > 0) {
    appendFileSync(join(runDir, ADDED_ITEMS_FILE), growing.toKeep.map((item) => `${JSON.stringify(item)}\n`).join(""));
  }
  const unchanged =
    manifest.items !== undefined && manifest.items.length === growing.list.length && growing.newcomers.length === 0;
  if (unchanged) return manifest;
  const additions = [...(manifest.itemAdditions ?? [])];
  if (growing.newcomers.length > 0) {
    additions.push({
      at: (options.now ?? new Date()).toISOString(),
      count: growing.newcomers.length,
      total: growing.list.length,
    });
  }
  const next: RunManifest = {
    ...manifest,
    items: growing.list,
    ...(additions.length === 0 ? {} : { itemAdditions: additions }),
  };
  const path = join(runDir, "run.json");
  writeFileSync(`${path}.partial`, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(`${path}.partial`, path);
  return next;
}
