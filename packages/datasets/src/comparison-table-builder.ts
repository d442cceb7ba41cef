import type { Comparison } from "@judgelab/schema";
import { type ComparisonTable, StrengthCode, VerdictCode } from "./comparison-table.js";
import { parseTimestamp } from "./parse-timestamp.js";
import { StringDictionary } from "./string-dictionary.js";

// Comparisons instead of `VerdictCode[verdict]`: a keyed load with a string fresh from JSON.parse is slow.
function verdictCode(verdict: Comparison["verdict"]): number {
  if (verdict === "first") return VerdictCode.first;
  if (verdict === "second") return VerdictCode.second;
  return verdict === "tie" ? VerdictCode.tie : VerdictCode.invalid;
}

function strengthCode(strength: Comparison["strength"]): number {
  if (strength === undefined) return StrengthCode.none;
  return strength === "weak" ? StrengthCode.weak : StrengthCode.strong;
}

/** Options of the table builder. */
export interface ComparisonTableOptions {
  /** Item ids to encode first, in this order (so items without comparisons get codes too). */
  itemIds?: readonly string[];
  /** Judge ids to encode first, in this order. */
  judgeIds?: readonly string[];
  /** Initial row capacity (grows by doubling). */
  capacity?: number;
}

/**
 * Builds a {@link ComparisonTable} one comparison at a time into growable typed arrays: no per-row object
 * is kept, so memory is about 60 bytes per row plus the comparison id strings. Item and judge ids not given
 * in the options are added to the dictionaries as they appear. Records are assumed valid (validate first).
 */
export class ComparisonTableBuilder {
  private readonly items: StringDictionary;
  private readonly judges: StringDictionary;
  private readonly matches = new StringDictionary();
  private readonly prompts = new StringDictionary();
  private readonly conditions = new StringDictionary();
  private readonly ids: string[] = [];
  private capacity: number;
  private rows = 0;
  private first: Int32Array;
  private second: Int32Array;
  private verdict: Uint8Array;
  private orderKnown: Uint8Array;
  private strength: Uint8Array;
  private judge: Int32Array;
  private match: Int32Array;
  private prompt: Int32Array;
  private condition: Int32Array;
  private repetition: Int32Array;
  private time: Float64Array;
  private preference: Float64Array;
  /** Allocated at the first comparison with a confidence (rows before it are NaN). */
  private confidence: Float64Array | undefined;

  constructor(options: ComparisonTableOptions = {}) {
    this.items = new StringDictionary(options.itemIds ?? []);
    this.judges = new StringDictionary(options.judgeIds ?? []);
    this.capacity = Math.max(16, options.capacity ?? 1024);
    this.first = new Int32Array(this.capacity);
    this.second = new Int32Array(this.capacity);
    this.verdict = new Uint8Array(this.capacity);
    this.orderKnown = new Uint8Array(this.capacity);
    this.strength = new Uint8Array(this.capacity);
    this.judge = new Int32Array(this.capacity);
    this.match = new Int32Array(this.capacity);
    this.prompt = new Int32Array(this.capacity);
    this.condition = new Int32Array(this.capacity);
    this.repetition = new Int32Array(this.capacity);
    this.time = new Float64Array(this.capacity);
    this.preference = new Float64Array(this.capacity);
  }

  /** Number of rows added so far. */
  get size(): number {
    return this.rows;
  }

  /** Code of an item id (adding it to the dictionary when new). */
  itemCode(id: string): number {
    return this.items.encode(id);
  }

  private grow(): void {
    this.capacity *= 2;
    const capacity = this.capacity;
    const resize = <T extends Int32Array | Uint8Array | Float64Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.first = resize(this.first, (n) => new Int32Array(n));
    this.second = resize(this.second, (n) => new Int32Array(n));
    this.verdict = resize(this.verdict, (n) => new Uint8Array(n));
    this.orderKnown = resize(this.orderKnown, (n) => new Uint8Array(n));
    this.strength = resize(this.strength, (n) => new Uint8Array(n));
    this.judge = resize(this.judge, (n) => new Int32Array(n));
    this.match = resize(this.match, (n) => new Int32Array(n));
    this.prompt = resize(this.prompt, (n) => new Int32Array(n));
    this.condition = resize(this.condition, (n) => new Int32Array(n));
    this.repetition = resize(this.repetition, (n) => new Int32Array(n));
    this.time = resize(this.time, (n) => new Float64Array(n));
    this.preference = resize(this.preference, (n) => new Float64Array(n));
    if (this.confidence !== undefined) this.confidence = resize(this.confidence, (n) => new Float64Array(n));
  }

  /** Appends one comparison as a row. */
  add(comparison: Comparison): void {
    if (this.rows === this.capacity) this.grow();
    const row = this.rows++;
    this.ids.push(comparison.id);
    this.first[row] = this.items.encode(comparison.first);
    this.second[row] = this.items.encode(comparison.second);
    this.verdict[row] = verdictCode(comparison.verdict);
    this.orderKnown[row] = comparison.order === "known" ? 1 : 0;
    this.strength[row] = strengthCode(comparison.strength);
    this.judge[row] = this.judges.encode(comparison.judge);
    this.match[row] = this.matches.encodeOptional(comparison.matchId);
    this.prompt[row] = this.prompts.encodeOptional(comparison.prompt);
    this.condition[row] = this.conditions.encodeOptional(comparison.condition);
    this.repetition[row] = comparison.repetition ?? 0;
    this.time[row] = comparison.createdAt === undefined ? Number.NaN : parseTimestamp(comparison.createdAt);
    this.preference[row] = comparison.preference ?? Number.NaN;
    if (comparison.confidence !== undefined && this.confidence === undefined) {
      this.confidence = new Float64Array(this.capacity).fill(Number.NaN);
    }
    if (this.confidence !== undefined) this.confidence[row] = comparison.confidence ?? Number.NaN;
  }

  /** The table of the rows added so far (copies the columns, so the builder may keep growing). */
  build(): ComparisonTable {
    const size = this.rows;
    return {
      size,
      itemIds: [...this.items.values],
      judgeIds: [...this.judges.values],
      matchIds: [...this.matches.values],
      promptIds: [...this.prompts.values],
      conditionIds: [...this.conditions.values],
      comparisonIds: this.ids.slice(0, size),
      first: this.first.slice(0, size),
      second: this.second.slice(0, size),
      verdict: this.verdict.slice(0, size),
      orderKnown: this.orderKnown.slice(0, size),
      strength: this.strength.slice(0, size),
      judge: this.judge.slice(0, size),
      match: this.match.slice(0, size),
      prompt: this.prompt.slice(0, size),
      condition: this.condition.slice(0, size),
      repetition: this.repetition.slice(0, size),
      time: this.time.slice(0, size),
      preference: this.preference.slice(0, size),
      ...(this.confidence === undefined ? {} : { confidence: this.confidence.slice(0, size) }),
    };
  }
}

/** Builds the columnar table of a set of comparisons (see {@link ComparisonTableBuilder}). */
export function buildComparisonTable(
  comparisons: Iterable<Comparison>,
  options: ComparisonTableOptions = {},
): ComparisonTable {
  const builder = new ComparisonTableBuilder(options);
  for (const comparison of comparisons) builder.add(comparison);
  return builder.build();
}
