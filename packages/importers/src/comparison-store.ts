import { appendFileSync, mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readJsonLines } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";

/** Comparisons kept in memory before the store starts spilling them to a temporary JSONL file. */
export const DEFAULT_SPILL_THRESHOLD = 250_000;

/** The winning item id of a comparison, `tie`, or `invalid`: the outcome independent of presentation order. */
export function comparisonOutcome(comparison: Comparison): string {
  if (comparison.verdict === "first") return `item:${comparison.first}`;
  if (comparison.verdict === "second") return `item:${comparison.second}`;
  return comparison.verdict;
}

/**
 * The comparisons of one import, in the order added. Up to `spillThreshold` are held in memory; beyond that
 * each full batch is appended to a JSONL file in a temporary folder, so an import of millions of battles keeps
 * only ids and outcomes in memory. `records()` replays them in order (streamed when spilled); `dispose()`
 * removes the temporary folder.
 */
export class ComparisonStore {
  private readonly spillThreshold: number;
  private readonly outcomes = new Map<string, string>();
  private readonly judgeIds = new Set<string>();
  private batch: Comparison[] = [];
  private batchById = new Map<string, Comparison>();
  private spillDir: string | undefined;
  private spilled = 0;

  constructor(options: { spillThreshold?: number } = {}) {
    this.spillThreshold = Math.max(1, options.spillThreshold ?? DEFAULT_SPILL_THRESHOLD);
  }

  /** Number of comparisons added. */
  get size(): number {
    return this.spilled + this.batch.length;
  }

  /** Ids of the judges the comparisons name. */
  get judges(): ReadonlySet<string> {
    return this.judgeIds;
  }

  /** True when some comparisons live in the temporary file. */
  get isSpilled(): boolean {
    return this.spilled > 0;
  }

  /** The judge and outcome of an added comparison id, and the comparison itself while it is still in memory. */
  find(id: string): { judge: string; outcome: string; comparison?: Comparison } | undefined {
    const stored = this.outcomes.get(id);
    if (stored === undefined) return undefined;
    const colon = stored.indexOf(":");
    const end = colon + 1 + Number(stored.slice(0, colon));
    const judge = stored.slice(colon + 1, end);
    const outcome = stored.slice(end);
    const comparison = this.batchById.get(id);
    return comparison === undefined ? { judge, outcome } : { judge, outcome, comparison };
  }

  /** Adds a comparison (the caller has checked that its id is new). */
  add(comparison: Comparison): void {
    // "<judge length>:<judge><outcome>" splits back unambiguously whatever the ids contain.
    this.outcomes.set(comparison.id, `${comparison.judge.length}:${comparison.judge}${comparisonOutcome(comparison)}`);
    this.judgeIds.add(comparison.judge);
    this.batch.push(comparison);
    this.batchById.set(comparison.id, comparison);
    if (this.batch.length >= this.spillThreshold) this.spill();
  }

  private spill(): void {
    this.spillDir ??= mkdtempSync(join(tmpdir(), "judgelab-import-"));
    appendFileSync(
      join(this.spillDir, "comparisons.jsonl"),
      this.batch.map((record) => `${JSON.stringify(record)}\n`).join(""),
    );
    this.spilled += this.batch.length;
    this.batch = [];
    this.batchById = new Map();
  }

  /** The comparisons in the order added: the array itself when nothing was spilled, else a stream. */
  records(): Iterable<Comparison> | AsyncIterable<Comparison> {
    if (this.spillDir === undefined) return this.batch;
    const file = join(this.spillDir, "comparisons.jsonl");
    const inMemory = this.batch;
    return (async function* () {
      for await (const line of readJsonLines(file)) {
        if (line.error !== undefined) throw new Error(`${file}:${line.line}: ${line.error}`);
        yield line.value as Comparison;
      }
      yield* inMemory;
    })();
  }

  /** Removes the temporary folder, if any. */
  async dispose(): Promise<void> {
    if (this.spillDir !== undefined) await rm(this.spillDir, { recursive: true, force: true });
    this.spillDir = undefined;
  }
}
