import { hashString64, IdHashSet } from "./id-hash-set.js";
import { quote } from "./scan-context.js";
import { StringDictionary } from "./string-dictionary.js";
import type { ProblemCollector } from "./validation-report.js";

/** A set of ids (a `Set` or, faster on fresh strings, a {@link StringDictionary}). */
export interface IdSet {
  has(id: string): boolean;
}

/**
 * The checks of a comparison that look beyond the record itself: duplicate comparison ids, an item compared
 * with itself, unknown item ids, unknown judge ids. They also run on records that failed the schema check
 * (on whichever of the fields are strings), so one pass reports everything wrong with a line.
 *
 * Duplicate ids are found in two steps to keep memory small: this pass keeps only 64-bit hashes of the ids
 * (`IdHashSet`, ≤ 21.3 bytes per id) and collects the hashes seen twice in `suspectHashes`; the caller then confirms
 * them on the ids themselves with a second pass over the file (see `confirmDuplicateIds`), which reports each true
 * duplicate with the line of its first occurrence.
 */
export class ComparisonLinkChecker {
  /** Items of schema-valid comparisons, when items are implied and `collectImplied` is set. */
  readonly impliedItems = new StringDictionary();
  /** Judges of schema-valid comparisons, when judges are implied and `collectImplied` is set. */
  readonly impliedJudges = new StringDictionary();
  private readonly seenIds: IdHashSet;
  /** Hashes (`"high:low"`) of ids seen more than once: duplicates or, rarely, hash collisions. */
  readonly suspectHashes = new Set<string>();

  constructor(
    private readonly options: {
      file: string;
      problems: ProblemCollector;
      /** Known items; undefined when implied. */
      itemIds: IdSet | undefined;
      /** Known judges; undefined when implied. */
      judgeIds: IdSet | undefined;
      /** Whether to collect implied items and judges (not needed when a table builder collects them). */
      collectImplied: boolean;
      /** Expected number of comparisons: sizes the id-hash table once instead of growing it (optional). */
      expectedRows?: number;
    },
  ) {
    this.seenIds = new IdHashSet(Math.ceil(((options.expectedRows ?? 0) * 4) / 3));
  }

  /** Reports the link problems of one record; returns true when there were none. */
  check(record: Record<string, unknown>, line: number, schemaValid: boolean): boolean {
    const { file, problems, itemIds, judgeIds } = this.options;
    const before = problems.count;
    const { id, first, second, judge } = record;
    if (typeof id === "string" && !this.seenIds.addId(id)) this.suspectHashes.add(hashString64(id).join(":"));
    if (typeof first === "string" && first === second) {
      problems.add(file, line, "second", `is the same item as first (${quote(first)}): an item compared with itself`);
    }
    const collect = schemaValid && this.options.collectImplied;
    if (itemIds === undefined) {
      if (collect) {
        this.impliedItems.encode(first as string);
        this.impliedItems.encode(second as string);
      }
    } else {
      if (typeof first === "string" && !itemIds.has(first)) {
        problems.add(file, line, "first", `unknown item id ${quote(first)}`);
      }
      if (typeof second === "string" && !itemIds.has(second)) {
        problems.add(file, line, "second", `unknown item id ${quote(second)}`);
      }
    }
    if (typeof judge === "string") {
      if (judgeIds === undefined) {
        if (collect) this.impliedJudges.encode(judge);
      } else if (!judgeIds.has(judge)) {
        problems.add(file, line, "judge", `unknown judge id ${quote(judge)}`);
      }
    }
    return problems.count === before;
  }
}
