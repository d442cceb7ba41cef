import type { JsonValue, JudgeDescription, JudgeItem, JudgeResult } from "@judgelab/judges";
import { AppendOnlyLog, type LogRepair } from "./append-only-log.js";
import { hashValue } from "./stable-hash.js";

/**
 * What makes two judge calls interchangeable. Never less than this: a key without the model would mix judges, one
 * without the presented order would hide position bias, one without the repetition would collapse repeated
 * sampling into one answer.
 */
export interface CacheKeyParts {
  readonly judge: JudgeDescription;
  readonly templateHash: string;
  /** Content hash of the item shown first and of the item shown second (see `itemContentHash`). */
  readonly firstHash: string;
  readonly secondHash: string;
  readonly repetition: number;
  /** Task, rubric and other request variables that reach the prompt. */
  readonly request?: Readonly<Record<string, JsonValue | undefined>>;
  /** Which ask of the comparison (0 the first; 1… re-asks after an unparseable answer, see `onUnparseable`). */
  readonly ask?: number;
}

/**
 * The response cache key: SHA-256 of the stable JSON of provider, model, the judge's parameters (which include
 * its base URL, temperature, token limit or simulation settings, never a key), template hash, both items' content
 * hashes in presented order, the request variables, the repetition and, for re-asks only, the ask number (so
 * first asks keep the keys they had before re-asks existed). The judge id is deliberately not part of it: two
 * judges with the same model and parameters share answers.
 */
export function responseCacheKey(parts: CacheKeyParts): string {
  return hashValue({
    judge: judgeHash(parts.judge),
    templateHash: parts.templateHash,
    first: parts.firstHash,
    second: parts.secondHash,
    repetition: parts.repetition,
    request: parts.request ?? {},
    ...(parts.ask === undefined || parts.ask === 0 ? {} : { ask: parts.ask }),
  });
}

const judgeHashes = new WeakMap<JudgeDescription, string>();

/** Hash of a judge's provider, model and parameters (memoized per description object: it is hashed per call). */
function judgeHash(judge: JudgeDescription): string {
  let hash = judgeHashes.get(judge);
  if (hash === undefined) {
    hash = hashValue({ provider: judge.provider, model: judge.model, parameters: judge.parameters });
    judgeHashes.set(judge, hash);
  }
  return hash;
}

/** Content hash of an item as a judge sees it: title, text, assessment, and metadata (which simulated judges read). */
export function itemContentHash(item: JudgeItem): string {
  return hashValue({ title: item.title, text: item.text, assessment: item.assessment, metadata: item.metadata });
}

interface CacheEntry {
  readonly key: string;
  readonly result: JudgeResult;
}

/**
 * An append-only response cache (`cache.jsonl`). A response is written here the moment it arrives, before the
 * run log, so a process killed between the two never pays for the same call again. Only completed calls are cached
 * (verdicts and judge-side failures such as refusals), never transport errors.
 */
export class ResponseCache {
  private constructor(
    private readonly log: AppendOnlyLog<CacheEntry>,
    private readonly entries: Map<string, JudgeResult>,
    readonly repair: LogRepair,
  ) {}

  /**
   * Opens or creates the cache file, repairing a torn last line. The cache is derived data: a malformed line in the
   * middle is skipped (listed in `repair.skippedLines`; at worst its call is paid again), never fatal.
   */
  static open(path: string): ResponseCache {
    const { log, records, repair } = AppendOnlyLog.open<CacheEntry>(path, { skipMalformed: true });
    const entries = new Map<string, JudgeResult>();
    for (const record of records) {
      if (typeof record?.key === "string" && record.result !== undefined) entries.set(record.key, record.result);
    }
    return new ResponseCache(log, entries, repair);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): JudgeResult | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stores a result (first write wins; a key is never stored twice). */
  set(key: string, result: JudgeResult): void {
    if (this.entries.has(key)) return;
    this.entries.set(key, result);
    this.log.append({ key, result });
  }

  close(): void {
    this.log.close();
  }
}
