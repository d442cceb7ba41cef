import { basename, resolve } from "node:path";
import { formatValidationProblem, type ScanProgress, type ValidationReport, validateDataset } from "@judgelab/datasets";
import { type CliIo, type Command, ExitCode, UsageError } from "../cli-io.js";
import { parseIntegerOption, parseOptions } from "../parse-options.js";
import { displayPath } from "../paths.js";

const HELP = `Usage: judgelab validate <dataset-dir|comparisons.jsonl> [--json] [--max-problems N]

Checks a dataset folder (dataset.json + items.jsonl, comparisons.jsonl, and optionally judges.jsonl,
assessments.jsonl, references.jsonl; .jsonl.gz also read) or a single comparisons .jsonl file (items and
judges are then implied by the comparisons). Files are streamed, so memory does not hold the comparisons: it is a
fixed base (the runtime, one 1 MiB chunk, items and judges; about 110-150 MB) plus the 64-bit hashes used to find
duplicate comparison ids: 11-22 bytes per comparison, within 32 (\`pnpm bench validate\` measures it; the garbage
collector may hold tens of MB more under load). When two ids share a hash, a second pass over the comparisons file
confirms which are true duplicates.

Valid: prints one summary line and exits 0.
Invalid: prints one line per problem as  path:line: field: message  (line 0 = the whole file), at most
--max-problems (default 50), then "... and N more problems", and exits 2.

Checked: JSON syntax per line, truncated last line, invalid UTF-8, duplicate keys within a record, numbers too
large to represent (1e999), required fields and types, verdict values, duplicate ids (items, judges,
comparisons), an item compared with itself, unknown item ids, unknown judge ids (only when judges.jsonl exists),
counts in dataset.json, an empty dataset (no comparisons), and both X.jsonl and X.jsonl.gz present (ambiguous).
Unknown top-level fields are kept under "metadata" and counted, never dropped.

--json  prints {"path", "ok", "counts": {items, judges, comparisons, assessments, references},
        "problems": [{file, line, field, message}], "problemCount", "movedFieldCount", "movedFieldNames",
        "itemsImplied", "judgesImplied"}; same exit codes.
`;

/**
 * Progress on stderr for long validations: a line redrawn in place on a terminal (at most 10 times a second),
 * otherwise a plain line every 10 seconds, so short runs print nothing.
 */
function createProgressReporter(
  io: CliIo,
  target: string,
): { update: (progress: ScanProgress) => void; done: () => void } {
  const started = Date.now();
  let last = started;
  let drawn = false;
  const interval = io.isTty ? 100 : 10_000;
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      const seconds = Math.round((now - started) / 1000);
      const text = `validating ${target}: ${progress.lines.toLocaleString("en-US")} lines of ${basename(progress.file)} read, ${progress.problems.toLocaleString("en-US")} problems so far (${seconds} s)`;
      if (io.isTty) {
        io.stderr(`\r\u001b[K${text}`);
        drawn = true;
      } else {
        io.stderr(`${text}\n`);
      }
    },
    done() {
      if (drawn) io.stderr("\r\u001b[K");
    },
  };
}

function summaryLine(path: string, report: ValidationReport): string {
  const { counts } = report;
  const parts = [
    `${counts.items} items${report.itemsImplied ? " (implied)" : ""}`,
    `${counts.judges} judges${report.judgesImplied ? " (implied)" : ""}`,
    `${counts.comparisons} comparisons`,
  ];
  if (counts.assessments > 0) parts.push(`${counts.assessments} assessments`);
  if (counts.references > 0) parts.push(`${counts.references} references`);
  const moved =
    report.movedFieldCount > 0
      ? `; ${report.movedFieldCount} unknown fields kept under metadata (${report.movedFieldNames.join(", ")})`
      : "";
  return `${path}: valid: ${parts.join(", ")}${moved}\n`;
}

/** `judgelab validate`: checks a dataset folder or a comparisons file; exit 0 valid, 2 invalid. */
export const validateCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "validate",
    argv,
    help: HELP,
    options: { json: { type: "boolean" }, "max-problems": { type: "string" } },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      "give exactly one dataset folder or comparisons .jsonl file, e.g. `judgelab validate datasets/seed-page`",
    );
  }
  const maxProblems = parseIntegerOption("max-problems", values["max-problems"], 50);
  if (maxProblems < 0) throw new UsageError("--max-problems must be 0 or more");
  const target = resolve(io.cwd, positionals[0] as string);
  const shownTarget = displayPath(io.cwd, target);
  const progress = createProgressReporter(io, shownTarget);
  const report = await validateDataset(target, { maxProblems, onProgress: progress.update });
  progress.done();
  const problems = report.problems.map((problem) => ({ ...problem, file: displayPath(io.cwd, problem.file) }));
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ path: shownTarget, ...report, problems }, null, 2)}\n`);
  } else if (report.ok) {
    io.stdout(summaryLine(shownTarget, report));
  } else {
    const lines = problems.map(formatValidationProblem);
    const hidden = report.problemCount - problems.length;
    if (hidden > 0) lines.push(`... and ${hidden} more problem${hidden === 1 ? "" : "s"}`);
    io.stdout(`${lines.join("\n")}\n`);
  }
  return report.ok ? ExitCode.ok : ExitCode.usage;
};
