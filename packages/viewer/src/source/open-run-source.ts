import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildComparisonTable, readJsonLines } from "@judgelab/datasets";
import type { Item, Judge } from "@judgelab/schema";
import { RunLogReader } from "../live/run-log-reader.js";
import { RunProgressState } from "../live/run-progress.js";
import { memoryComparisonStore } from "../model/comparison-store.js";
import { buildViewData, type ViewData } from "../model/view-data.js";
import type { ViewSource } from "./view-source.js";
import { ViewerInputError } from "./viewer-input-error.js";

interface ManifestLike {
  readonly name?: unknown;
  readonly config?: { readonly budget?: { readonly maxCostUsd?: unknown }; readonly items?: { inline?: unknown } };
  readonly judges?: unknown;
}

async function readRecords<T>(path: string): Promise<T[]> {
  const records: T[] = [];
  if (!existsSync(path)) return records;
  for await (const line of readJsonLines(path)) if (line.value !== undefined) records.push(line.value as T);
  return records;
}

/** Items of a run: its exported dataset's items.jsonl when there is one, else inline items of the config. */
async function runItems(dir: string, manifest: ManifestLike): Promise<Item[]> {
  const exported = await readRecords<Item>(join(dir, "dataset", "items.jsonl"));
  if (exported.length > 0) return exported;
  const inline = manifest.config?.items?.inline;
  if (!Array.isArray(inline)) return [];
  return inline.filter(
    (record): record is Item => record !== null && typeof record === "object" && typeof record.id === "string",
  );
}

/**
 * Opens a run folder (`run.json` + `log.jsonl`, as `judgelab run` writes it) read-only. Every refresh reads only
 * the log bytes added since the last one; when records arrived, the comparison table and indexes are rebuilt
 * (runs are small next to datasets, so a rebuild is a few milliseconds per thousand comparisons).
 */
export async function openRunSource(dir: string): Promise<ViewSource> {
  let manifest: ManifestLike;
  try {
    manifest = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as ManifestLike;
  } catch (error) {
    throw new ViewerInputError(`${join(dir, "run.json")}: not a readable run manifest (${(error as Error).message})`);
  }
  const name = typeof manifest.name === "string" ? manifest.name : dir;
  const maxCost = manifest.config?.budget?.maxCostUsd;
  const budget = typeof maxCost === "number" ? maxCost : undefined;
  const items = await runItems(dir, manifest);
  const judges = await readRecords<Judge>(join(dir, "dataset", "judges.jsonl"));
  const reader = new RunLogReader(join(dir, "log.jsonl"));
  let state = new RunProgressState();
  let version = 0;
  let data: ViewData = rebuild();

  function rebuild(): ViewData {
    const comparisons = state.comparisons();
    const knownItems = new Set(items.map((item) => item.id));
    const knownJudges = new Set(judges.map((judge) => judge.id));
    const table = buildComparisonTable(comparisons, {
      itemIds: items.map((item) => item.id).filter((id) => knownItems.has(id)),
      judgeIds: judges.map((judge) => judge.id).filter((id) => knownJudges.has(id)),
    });
    version++;
    return buildViewData({
      kind: "run",
      name,
      description: `run folder ${dir}`,
      table,
      items,
      judges,
      assessments: [],
      references: [],
      store: memoryComparisonStore(comparisons),
    });
  }

  const noticeKey = () => JSON.stringify(reader.notices());
  const refresh = async () => {
    const noticesBefore = noticeKey();
    const polled = reader.poll();
    if (polled.restarted) state = new RunProgressState();
    for (const record of polled.records) state.add(record);
    if (polled.records.length === 0 && !polled.restarted) {
      // A line that became pending or was skipped changes what the page shows, not the data.
      if (noticeKey() === noticesBefore) return false;
      version++;
      return true;
    }
    data = rebuild();
    return true;
  };
  await refresh();
  return {
    kind: "run",
    path: dir,
    current: () => data,
    get version() {
      return version;
    },
    progress: () => state.progress(name, budget),
    notices: () => {
      const notices = reader.notices();
      return state.unknownRecords > 0
        ? [
            ...notices,
            { line: 0, bytes: 0, message: `${state.unknownRecords} log records of an unknown type were not shown` },
          ]
        : notices;
    },
    refresh,
    close: () => {},
  };
}
