/** One problem found in a dataset: `file:line: field: message`. Line 0 means the file as a whole. */
export interface ValidationProblem {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** Record counts of a dataset. */
export interface RecordCounts {
  items: number;
  judges: number;
  comparisons: number;
  assessments: number;
  references: number;
}

/** The outcome of validating a dataset folder or a comparisons file. */
export interface ValidationReport {
  readonly ok: boolean;
  /** Valid records per kind (implied items and judges included when their file is absent). */
  readonly counts: RecordCounts;
  /** The first `maxProblems` problems, in the order found. */
  readonly problems: ValidationProblem[];
  /** All problems found, including those not listed. */
  readonly problemCount: number;
  /** Unknown top-level fields moved under `metadata` (counted over all records). */
  readonly movedFieldCount: number;
  /** Distinct names of the moved fields (at most 20). */
  readonly movedFieldNames: string[];
  /** True when items were implied by the comparisons (no items.jsonl, e.g. a standalone comparisons file). */
  readonly itemsImplied: boolean;
  /** True when judges were implied by the comparisons (no judges.jsonl). */
  readonly judgesImplied: boolean;
}

/** Field name for problems about a whole line (not JSON, truncated, too long). */
export const LINE_FIELD = "(line)";
/** Field name for problems about a whole file (missing, unreadable). */
export const FILE_FIELD = "(file)";

/** Formats a problem as `file:line: field: message`. */
export function formatValidationProblem(problem: ValidationProblem): string {
  return `${problem.file}:${problem.line}: ${problem.field}: ${problem.message}`;
}

/** Thrown by `loadDataset` when a dataset is invalid; `problems` lists the first problems found. */
export class DatasetError extends Error {
  override readonly name = "DatasetError";
  readonly problems: readonly ValidationProblem[];
  readonly problemCount: number;

  constructor(path: string, problems: readonly ValidationProblem[], problemCount = problems.length) {
    const shown = problems.slice(0, 5).map(formatValidationProblem);
    const more = problemCount > shown.length ? [`... and ${problemCount - shown.length} more problems`] : [];
    super(
      `${path}: invalid dataset (${problemCount} problem${problemCount === 1 ? "" : "s"}); run \`judgelab validate ${path}\` for the list\n${[...shown, ...more].join("\n")}`,
    );
    this.problems = problems;
    this.problemCount = problemCount;
  }
}

/** Collects problems: keeps the first `maxProblems`, counts all. */
export class ProblemCollector {
  readonly problems: ValidationProblem[] = [];
  count = 0;

  constructor(readonly maxProblems: number) {}

  add(file: string, line: number, field: string, message: string): void {
    this.count++;
    if (this.problems.length < this.maxProblems) this.problems.push({ file, line, field, message });
  }

  /**
   * The kept problems in reading order: files in the order first reported, lines ascending, and in the order
   * reported within a line (a second pass, such as duplicate-id confirmation, reports after the first).
   */
  sorted(): ValidationProblem[] {
    const fileOrder = new Map<string, number>();
    for (const problem of this.problems) if (!fileOrder.has(problem.file)) fileOrder.set(problem.file, fileOrder.size);
    return this.problems
      .map((problem, index) => ({ problem, index }))
      .sort(
        (a, b) =>
          fileOrder.get(a.problem.file)! - fileOrder.get(b.problem.file)! ||
          a.problem.line - b.problem.line ||
          a.index - b.index,
      )
      .map(({ problem }) => problem);
  }
}
