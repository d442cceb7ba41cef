/** Where a source record came from: a file and its 1-based line (text formats) or 0-based index (JSON arrays). */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly index?: number;
}

/** Records skipped for one reason, with a few examples of where. */
export interface SkippedRecords {
  readonly reason: string;
  readonly count: number;
  readonly examples: readonly SourceLocation[];
}

/** A warning about records that were imported but need attention (e.g. conflicting item attributes). */
export interface ImportWarning {
  readonly message: string;
  readonly count: number;
  readonly examples: readonly SourceLocation[];
}

/** Counts of the canonical records an import wrote. */
export interface WrittenCounts {
  items: number;
  judges: number;
  comparisons: number;
  assessments: number;
  references: number;
}

/**
 * What an import read, wrote and skipped. Nothing is dropped silently: every source record that did not become
 * a canonical record is counted under a reason in `skipped`. `read` counts source records (rows, lines, array
 * elements) of the primary inputs; `readByFile` breaks it down.
 */
export interface ImportReport {
  readonly format: string;
  readonly inputs: readonly string[];
  readonly read: number;
  readonly readByFile: readonly { readonly file: string; readonly records: number }[];
  readonly written: WrittenCounts;
  readonly skipped: readonly SkippedRecords[];
  readonly warnings: readonly ImportWarning[];
  /** License of the imported data, as the source states it (shown to the user on every import). */
  readonly license?: string;
  readonly notes: readonly string[];
}

/** How many example locations are kept per skip reason or warning. */
export const MAX_EXAMPLES = 5;

interface Tally {
  count: number;
  examples: SourceLocation[];
}

function tally(map: Map<string, Tally>, key: string, at: SourceLocation | undefined, count: number): void {
  let entry = map.get(key);
  if (entry === undefined) {
    entry = { count: 0, examples: [] };
    map.set(key, entry);
  }
  entry.count += count;
  if (at !== undefined && entry.examples.length < MAX_EXAMPLES) entry.examples.push(at);
}

/** Accumulates an {@link ImportReport} while an importer runs. */
export class ImportReportBuilder {
  readonly format: string;
  private readonly readCounts = new Map<string, number>();
  private readonly skips = new Map<string, Tally>();
  private readonly warningTallies = new Map<string, Tally>();
  private readonly noteList: string[] = [];
  license: string | undefined;

  constructor(format: string, license?: string) {
    this.format = format;
    this.license = license;
  }

  /** Counts `count` source records read from `file`. */
  countRead(file: string, count = 1): void {
    this.readCounts.set(file, (this.readCounts.get(file) ?? 0) + count);
  }

  /** Counts source records that did not become canonical records, under a reason. */
  skip(reason: string, at?: SourceLocation, count = 1): void {
    tally(this.skips, reason, at, count);
  }

  /** Counts a warning; warnings with the same message are aggregated. */
  warn(message: string, at?: SourceLocation, count = 1): void {
    tally(this.warningTallies, message, at, count);
  }

  /** Adds a one-off note about the source (e.g. how presentation order was derived). */
  note(text: string): void {
    if (!this.noteList.includes(text)) this.noteList.push(text);
  }

  /** Records read so far. */
  get read(): number {
    let total = 0;
    for (const count of this.readCounts.values()) total += count;
    return total;
  }

  /** Records read so far from one file. */
  readByFile(file: string): number {
    return this.readCounts.get(file) ?? 0;
  }

  /** Skip reasons so far with their counts, most frequent first. */
  skipReasons(): [string, number][] {
    return [...this.skips.entries()]
      .map(([reason, entry]): [string, number] => [reason, entry.count])
      .sort((a, b) => b[1] - a[1]);
  }

  /** Total skipped records so far. */
  get skippedCount(): number {
    let total = 0;
    for (const entry of this.skips.values()) total += entry.count;
    return total;
  }

  /** The finished report. */
  build(options: { inputs: readonly string[]; written: WrittenCounts }): ImportReport {
    const entries = (map: Map<string, Tally>) => [...map.entries()].sort((a, b) => b[1].count - a[1].count);
    return {
      format: this.format,
      inputs: options.inputs,
      read: this.read,
      readByFile: [...this.readCounts.entries()].map(([file, records]) => ({ file, records })),
      written: options.written,
      skipped: entries(this.skips).map(([reason, entry]) => ({ reason, ...entry })),
      warnings: entries(this.warningTallies).map(([message, entry]) => ({ message, ...entry })),
      ...(this.license === undefined ? {} : { license: this.license }),
      notes: [...this.noteList],
    };
  }
}
