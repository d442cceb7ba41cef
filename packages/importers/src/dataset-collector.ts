import type { Assessment, Comparison, Item, Judge, Reference } from "@judgelab/schema";
import { ComparisonStore, comparisonOutcome } from "./comparison-store.js";
import type { ImportReportBuilder, SourceLocation, WrittenCounts } from "./import-report.js";

/** Reason under which comparisons of an item with itself are skipped (a dataset may not hold them). */
export const SELF_COMPARISON_REASON = "an item compared with itself (same item id on both sides)";
/** Reason under which a judgment seen again (same comparison id, same outcome) is skipped. */
export const REPEATED_JUDGMENT_REASON =
  "judgment already imported from another input (same comparison id, same outcome)";
/** Reason under which a judgment of another judge reusing a comparison id is skipped (the first is kept). */
export const DUPLICATE_ID_REASON =
  "comparison id already used by a judgment of another judge (ids must be unique; kept the first)";
/** Reason under which a judgment seen again with a different outcome is skipped (the first is kept). */
export const CONFLICTING_JUDGMENT_REASON =
  "judgment already imported from another input with a different outcome (same comparison id; kept the first)";

function mergeInto<T extends { id: string; metadata?: Record<string, unknown> | undefined }>(
  kind: string,
  existing: T,
  incoming: T,
  report: ImportReportBuilder,
  at: SourceLocation | undefined,
): void {
  const target = existing as Record<string, unknown>;
  const source = incoming as Record<string, unknown>;
  // for…in rather than Object.entries: this runs once per source row for every item (hot path).
  for (const key in source) {
    const value = source[key];
    if (value === undefined || key === "metadata") continue;
    const current = target[key];
    if (current === undefined) target[key] = value;
    else if (current !== value && typeof value !== "object") {
      report.warn(`${kind} ${key} differs between source records for the same ${kind} id; kept the first`, at);
    }
  }
  if (incoming.metadata !== undefined) {
    target.metadata = { ...(incoming.metadata as object), ...((target.metadata as object | undefined) ?? {}) };
  }
}

/**
 * Collects the canonical records of one import: items and judges are merged by id (first value of a field wins,
 * conflicts are reported as warnings), comparisons are checked for duplicate ids and self-comparisons (skipped
 * with a reason) and kept in a {@link ComparisonStore} (spilled to a temporary file beyond `spillThreshold`),
 * references are de-duplicated by content.
 */
export class DatasetCollector {
  readonly report: ImportReportBuilder;
  private readonly itemMap = new Map<string, Item>();
  private readonly judgeMap = new Map<string, Judge>();
  private readonly comparisonStore: ComparisonStore;
  private readonly assessmentList: Assessment[] = [];
  private readonly referenceKeys = new Set<string>();
  private readonly referenceList: Reference[] = [];

  constructor(report: ImportReportBuilder, options: { spillThreshold?: number } = {}) {
    this.report = report;
    this.comparisonStore = new ComparisonStore(options);
  }

  /** Adds an item, or merges it into the item with the same id. Returns the id. */
  addItem(item: Item, at?: SourceLocation): string {
    const existing = this.itemMap.get(item.id);
    if (existing === undefined) this.itemMap.set(item.id, { ...item });
    else mergeInto("item", existing, item, this.report, at);
    return item.id;
  }

  /** Adds a judge, or merges it into the judge with the same id. Returns the id. */
  addJudge(judge: Judge, at?: SourceLocation): string {
    const existing = this.judgeMap.get(judge.id);
    if (existing === undefined) this.judgeMap.set(judge.id, { ...judge });
    else mergeInto("judge", existing, judge, this.report, at);
    return judge.id;
  }

  /** True when an item with this id was added. */
  hasItem(id: string): boolean {
    return this.itemMap.has(id);
  }

  /**
   * Adds a comparison. A comparison of an item with itself is skipped (counted under a reason). A comparison
   * whose id was added before is the same judgment from another input (a derived table and its upstream files):
   * it is skipped, counted as agreeing or conflicting by outcome, and only fills a missing rationale.
   */
  addComparison(comparison: Comparison, at?: SourceLocation): boolean {
    if (comparison.first === comparison.second) {
      this.report.skip(SELF_COMPARISON_REASON, at);
      return false;
    }
    const existing = this.comparisonStore.find(comparison.id);
    if (existing !== undefined) {
      if (existing.judge !== comparison.judge) {
        this.report.skip(DUPLICATE_ID_REASON, at);
        return false;
      }
      const same = existing.outcome === comparisonOutcome(comparison);
      this.report.skip(same ? REPEATED_JUDGMENT_REASON : CONFLICTING_JUDGMENT_REASON, at);
      const kept = existing.comparison;
      if (kept !== undefined && kept.rationale === undefined && comparison.rationale !== undefined) {
        kept.rationale = comparison.rationale;
      }
      return false;
    }
    this.comparisonStore.add(comparison);
    // Items the source only names in its judgments (model-level data, generic tables) are implied here.
    if (!this.itemMap.has(comparison.first)) this.itemMap.set(comparison.first, { id: comparison.first });
    if (!this.itemMap.has(comparison.second)) this.itemMap.set(comparison.second, { id: comparison.second });
    return true;
  }

  /** Judge ids that comparisons or assessments use but no judge record defines (an importer bug if non-empty). */
  undefinedJudges(): string[] {
    const missing = new Set<string>();
    for (const judge of this.comparisonStore.judges) if (!this.judgeMap.has(judge)) missing.add(judge);
    for (const assessment of this.assessmentList)
      if (!this.judgeMap.has(assessment.judge)) missing.add(assessment.judge);
    return [...missing];
  }

  /** Adds a pointwise assessment. */
  addAssessment(assessment: Assessment): void {
    this.assessmentList.push(assessment);
  }

  /** Adds a reference unless an identical one was added before. */
  addReference(reference: Reference): void {
    const key = JSON.stringify(reference);
    if (this.referenceKeys.has(key)) return;
    this.referenceKeys.add(key);
    this.referenceList.push(reference);
  }

  get items(): readonly Item[] {
    return [...this.itemMap.values()];
  }
  get judges(): readonly Judge[] {
    return [...this.judgeMap.values()];
  }
  /** The comparisons in the order added (streamed back from a temporary file when there were very many). */
  comparisons(): Iterable<Comparison> | AsyncIterable<Comparison> {
    return this.comparisonStore.records();
  }
  get assessments(): readonly Assessment[] {
    return this.assessmentList;
  }
  get references(): readonly Reference[] {
    return this.referenceList;
  }

  /** Removes temporary files (spilled comparisons); call once the dataset is written. */
  dispose(): Promise<void> {
    return this.comparisonStore.dispose();
  }

  /** Counts of the collected records. */
  counts(): WrittenCounts {
    return {
      items: this.itemMap.size,
      judges: this.judgeMap.size,
      comparisons: this.comparisonStore.size,
      assessments: this.assessmentList.length,
      references: this.referenceList.length,
    };
  }
}
