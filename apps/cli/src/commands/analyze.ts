import { isAbsolute, relative, resolve } from "node:path";
import {
  type AnalysisOptions,
  analyzeJudges,
  buildAnalysisInput,
  type ConditionColumn,
  type MetricsDocument,
  type ReferenceRecordLike,
} from "@judgelab/analytics";
import {
  DatasetError,
  formatValidationProblem,
  type LoadedDataset,
  loadDataset,
  readJsonLines,
} from "@judgelab/datasets";
import { createRecordValidator, type Reference } from "@judgelab/schema";
import { type Command, ExitCode, UsageError } from "../cli-io.js";
import { parseIntegerOption, parseOptions } from "../parse-options.js";
import { formatMetricsSummary } from "./analyze-summary.js";

const HELP = `Usage: judgelab analyze <dataset> [--reference <file>] [--condition <field>] [--seed S] [--bootstrap N] [--json]

Judge analytics for a dataset folder (or a comparisons .jsonl file): agreement between judges and with gold
or human labels, position bias, rating stability, other biases (length, self-preference, leniency),
pointwise–pairwise coherence, and — when given — agreement with a reference and a comparison of conditions.

  --reference <file>   references .jsonl (per-item scores {"kind":"item","item","name","score"} or per-pair
                       labels {"kind":"pair","a","b","name","winner":"a"|"b"|"tie"}); default: the dataset's
                       own references.jsonl
  --condition <field>  compare conditions: a comparison field (condition, judge, prompt, repetition, or any
                       metadata key) whose values name the conditions
  --seed S             seed of every bootstrap and random split (default 1)
  --bootstrap N        bootstrap rounds (default 1000)
  --json               print the metrics document (schema version 1, documented in
                       packages/analytics/README.md): sections agreement, positionBias, stability, biases,
                       coherence, reference, conditions; unavailable parts say {"available": false, "reason"}

Exit codes: 0 ok, 1 failure, 2 usage or input error (invalid dataset: one line per problem).
`;

/** A path as the user would type it: relative to their directory when inside it. */
function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return shown === "" ? "." : shown.startsWith("..") || isAbsolute(shown) ? path : shown;
}

/** Reads a references .jsonl file; every invalid line is an error naming file, line and field. */
async function readReferences(
  path: string,
  shown: string,
): Promise<{ records: ReferenceRecordLike[]; lines: number[] }> {
  const records: ReferenceRecordLike[] = [];
  const lines: number[] = [];
  const problems: string[] = [];
  const referenceValidator = createRecordValidator("reference");
  for await (const line of readJsonLines(path)) {
    if (line.error !== undefined) {
      problems.push(`${shown}:${line.line}: ${line.error}`);
      continue;
    }
    // The bulk record validator applies the dataset policy: unknown top-level fields move under `metadata`.
    const recordProblems = referenceValidator.check(line.value);
    if (recordProblems.length === 0) {
      records.push(line.value as Reference);
      lines.push(line.line);
    } else {
      for (const problem of recordProblems)
        problems.push(`${shown}:${line.line}: ${problem.field}: ${problem.message}`);
    }
  }
  if (problems.length > 0) throw new UsageError(`invalid references file:\n${problems.slice(0, 50).join("\n")}`);
  return { records, lines };
}

/** Condition codes from a comparison field (top-level or metadata), aligned with the table rows. */
function conditionFromRecords(dataset: LoadedDataset, field: string): ConditionColumn | string {
  if (field === "condition") return field;
  const comparisons = dataset.comparisons ?? [];
  const labels: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = new Int32Array(comparisons.length).fill(-1);
  comparisons.forEach((comparison, row) => {
    const record = comparison as unknown as Record<string, unknown>;
    const metadata = record.metadata as Record<string, unknown> | undefined;
    const value = record[field] ?? metadata?.[field];
    if (value === undefined || value === null) return;
    const label = typeof value === "string" ? value : JSON.stringify(value);
    let code = codeOf.get(label);
    if (code === undefined) {
      code = labels.length;
      codeOf.set(label, code);
      labels.push(label);
    }
    codes[row] = code;
  });
  if (labels.length === 0) {
    throw new UsageError(
      `no comparison has a "${field}" field (top level or metadata); try --condition condition, judge, prompt or repetition`,
    );
  }
  return { field, codes, labels };
}

/** `judgelab analyze`: the metrics document of a dataset, as a readable summary or JSON. */
export const analyzeCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "analyze",
    argv,
    options: {
      reference: { type: "string" },
      condition: { type: "string" },
      seed: { type: "string" },
      bootstrap: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (values.help === true) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      "give exactly one dataset folder or comparisons .jsonl file, e.g. `judgelab analyze datasets/demo`",
    );
  }
  const seed = parseIntegerOption("seed", values.seed, 1);
  const bootstrapRounds = parseIntegerOption("bootstrap", values.bootstrap, 1000);
  if (bootstrapRounds < 1) throw new UsageError("--bootstrap must be at least 1");
  const target = resolve(io.cwd, positionals[0] as string);
  const condition = values.condition;
  let dataset: LoadedDataset;
  try {
    dataset = await loadDataset(target, { keepComparisons: condition !== undefined && condition !== "condition" });
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    const lines = error.problems.map((problem) =>
      formatValidationProblem({ ...problem, file: displayPath(io.cwd, problem.file) }),
    );
    io.stderr(
      `${lines.join("\n")}\n${displayPath(io.cwd, target)}: invalid dataset; run \`judgelab validate\` for details\n`,
    );
    return ExitCode.usage;
  }
  if (dataset.table.size === 0) {
    throw new UsageError(`${displayPath(io.cwd, target)} has no comparisons (an item pool): nothing to analyse`);
  }
  const referencePath = values.reference === undefined ? undefined : resolve(io.cwd, values.reference);
  const referenceFile =
    referencePath === undefined ? undefined : await readReferences(referencePath, displayPath(io.cwd, referencePath));
  const references = referenceFile?.records ?? dataset.references;
  const analysis: AnalysisOptions = {
    seed,
    bootstrapRounds,
    ...(condition === undefined ? {} : { condition: conditionFromRecords(dataset, condition) }),
  };
  const { input, problems } = buildAnalysisInput({
    table: dataset.table,
    items: dataset.items,
    judges: dataset.judges,
    assessments: dataset.assessments,
    references,
    analysis,
  });
  if (problems.length > 0) {
    // A --reference file is named with its line; the dataset's own files passed validation, so their records
    // are counted in file order.
    const where = (record: string, index: number) =>
      record === "reference" && referencePath !== undefined && referenceFile !== undefined
        ? `${displayPath(io.cwd, referencePath)}:${referenceFile.lines[index]}`
        : `${record === "reference" ? "references.jsonl" : "assessments.jsonl"} record ${index + 1}`;
    const lines = problems.slice(0, 50).map((problem) => `${where(problem.record, problem.index)}: ${problem.message}`);
    throw new UsageError(`records refer to unknown ids:\n${lines.join("\n")}`);
  }
  const document: MetricsDocument = analyzeJudges(input);
  if (values.json === true) io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  else io.stdout(formatMetricsSummary(document, displayPath(io.cwd, target)));
  return ExitCode.ok;
};
