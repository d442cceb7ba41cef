import { existsSync } from "node:fs";
import type { ReadLinesOptions } from "./read-line-batches.js";
import { FILE_FIELD, ProblemCollector } from "./validation-report.js";

/** Keeps count of unknown fields moved under `metadata`, with up to 20 distinct names. */
export class MovedFieldTally {
  count = 0;
  readonly names = new Set<string>();
  /** Reusable buffer handed to `RecordValidator.check`. */
  readonly buffer: string[] = [];

  /** Records the names left in `buffer` by the last check and empties it. */
  flush(): void {
    if (this.buffer.length === 0) return;
    this.count += this.buffer.length;
    for (const name of this.buffer) if (this.names.size < 20) this.names.add(name);
    this.buffer.length = 0;
  }
}

/** Progress of a validation pass over a comparisons file: reported after every batch of lines. */
export interface ScanProgress {
  readonly file: string;
  /** Lines read so far. */
  readonly lines: number;
  /** Problems found so far (in all files). */
  readonly problems: number;
}

/** State shared by the passes over the files of one dataset. */
export class ScanContext {
  readonly problems: ProblemCollector;
  readonly moved = new MovedFieldTally();
  readonly lineOptions: ReadLinesOptions;
  readonly onProgress: ((progress: ScanProgress) => void) | undefined;

  constructor(options: {
    maxProblems: number;
    lineOptions?: ReadLinesOptions;
    onProgress?: ((progress: ScanProgress) => void) | undefined;
  }) {
    this.problems = new ProblemCollector(options.maxProblems);
    this.lineOptions = options.lineOptions ?? {};
    this.onProgress = options.onProgress;
  }

  /** Reports `file` as missing and returns false when it does not exist. */
  requireFile(file: string, what: string): boolean {
    if (existsSync(file)) return true;
    this.problems.add(file, 0, FILE_FIELD, `is missing; ${what}`);
    return false;
  }
}

/** Quotes an id for a message. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
