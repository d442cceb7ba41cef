import type { Comparison } from "@judgelab/schema";

/** Progress of a run as read from its log. */
export interface RunProgress {
  readonly name: string;
  readonly rounds: number;
  /** Comparisons planned so far (rounds are planned one at a time, so this grows as the run goes). */
  readonly planned: number;
  readonly recorded: number;
  readonly failed: number;
  readonly pending: number;
  readonly failedByKind: Readonly<Record<string, number>>;
  /** Cost of calls made (cached answers cost nothing again). */
  readonly spentUsd: number;
  readonly budgetUsd: number | undefined;
  /** Why the run stopped, when it wrote a stop record. */
  readonly stopReason: string | undefined;
  readonly cacheHits: number;
}

interface LogRecordLike {
  readonly type?: unknown;
  readonly id?: unknown;
  readonly round?: unknown;
  readonly comparisons?: unknown;
  readonly comparison?: Comparison;
  readonly kind?: unknown;
  readonly cached?: unknown;
  readonly reason?: unknown;
}

/**
 * Folds run-log records (the `RunLogRecord` lines of @judgelab/tournament: round, recorded, failed, stop, batch) into
 * the run's progress and its comparisons in plan order. The last result of a comparison id wins (a resume retries
 * failures), exactly as `judgelab run` itself reads its log.
 */
export class RunProgressState {
  private readonly planOrder: string[] = [];
  private readonly planned = new Set<string>();
  private readonly results = new Map<string, LogRecordLike>();
  private rounds = 0;
  private stopReason: string | undefined;
  /** Records that are not run-log records (counted, shown as a notice). */
  unknownRecords = 0;

  add(record: unknown): void {
    if (record === null || typeof record !== "object") {
      this.unknownRecords++;
      return;
    }
    const entry = record as LogRecordLike;
    switch (entry.type) {
      case "round":
        this.rounds++;
        if (Array.isArray(entry.comparisons)) {
          for (const planned of entry.comparisons as { id?: unknown }[]) {
            if (typeof planned.id === "string" && !this.planned.has(planned.id)) {
              this.planned.add(planned.id);
              this.planOrder.push(planned.id);
            }
          }
        }
        return;
      case "recorded":
      case "failed":
        if (typeof entry.id === "string") {
          if (!this.planned.has(entry.id)) {
            this.planned.add(entry.id);
            this.planOrder.push(entry.id);
          }
          this.results.set(entry.id, entry);
        }
        return;
      case "stop":
        this.stopReason = typeof entry.reason === "string" ? entry.reason : "stopped";
        return;
      case "batch":
      case "batch-done":
        return;
      default:
        this.unknownRecords++;
    }
  }

  /** Canonical comparisons in plan order: recorded verdicts and paid judge-side failures (as `invalid`). */
  comparisons(): Comparison[] {
    const list: Comparison[] = [];
    for (const id of this.planOrder) {
      const comparison = this.results.get(id)?.comparison;
      if (comparison !== undefined) list.push(comparison);
    }
    return list;
  }

  /** Failure kind of a comparison id, when its last result failed. */
  failureOf(id: string): string | undefined {
    const result = this.results.get(id);
    return result?.type === "failed" && typeof result.kind === "string" ? result.kind : undefined;
  }

  progress(name: string, budgetUsd: number | undefined): RunProgress {
    let recorded = 0;
    let failed = 0;
    let spentUsd = 0;
    let cacheHits = 0;
    const failedByKind: Record<string, number> = {};
    for (const result of this.results.values()) {
      if (result.type === "recorded") recorded++;
      else {
        failed++;
        const kind = typeof result.kind === "string" ? result.kind : "unknown";
        failedByKind[kind] = (failedByKind[kind] ?? 0) + 1;
      }
      if (result.cached === true) cacheHits++;
      else spentUsd += result.comparison?.usage?.costUsd ?? 0;
    }
    return {
      name,
      rounds: this.rounds,
      planned: this.planned.size,
      recorded,
      failed,
      pending: this.planned.size - recorded - failed,
      failedByKind,
      spentUsd,
      budgetUsd,
      stopReason: this.stopReason,
      cacheHits,
    };
  }
}
