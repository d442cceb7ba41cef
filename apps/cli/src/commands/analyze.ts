import { resolve } from "node:path";
import {
  type AnalysisInput,
  type AnalysisOptions,
  analyzeJudges,
  buildAnalysisInput,
  type ConditionColumn,
  type ItemGrouping,
  type MetricsDocument,
  type ReferenceRecordLike,
  resolveItemGrouping,
} from "@judgelab/analytics";
import {
  DatasetError,
  formatValidationProblem,
  type LoadedDataset,
  loadDataset,
  readJsonLines,
} from "@judgelab/datasets";
import { analyzeComparisonFile, EngineInputError } from "@judgelab/engine-duckdb";
import { ClusteringError, type ClusterOption, resolveClustering } from "@judgelab/ratings";
import { createRecordValidator, type Reference } from "@judgelab/schema";
import { type CliIo, type Command, ExitCode, UsageError } from "../cli-io.js";
import { createDuckDbSettings, ENGINE_HELP, parseEngineOption, pickEngine } from "../engine-option.js";
import { asUsageError } from "../library-errors.js";
import { parseIntegerOption, parseOptions, parseSeedOption } from "../parse-options.js";
import { displayPath, openDatasetInput } from "../paths.js";
import { readFamiliesFile } from "../read-families-file.js";
import { applyWhere, parseWhereOptions, WHERE_HELP } from "../where-option.js";
import { formatMetricsSummary } from "./analyze-summary.js";
import { formatJudgeTablesSummary } from "./analyze-tables-summary.js";
import { formatAgainstReference } from "./format-against-reference.js";
import { formatCalibration } from "./format-calibration.js";

const HELP = `Usage: judgelab analyze <dataset-dir|comparisons.jsonl|run-dir> [--reference <file>] [--condition <field>]
                        [--group FIELD | --no-group] [--families <file>] [--where F=V]... [--seed S] [--bootstrap N]
                        [--cluster auto|match|pair|none] [--engine auto|memory|duckdb] [--json]

Judge analytics for a dataset folder, a comparisons .jsonl file or a run folder (its exported dataset/): agreement between judges and with gold
or human labels, position bias, rating stability, other biases (length, self-preference, leniency),
pointwise–pairwise coherence, and — when given — agreement with a reference and a comparison of conditions.

  --reference <file>   references .jsonl (per-item scores {"kind":"item","item","name","score"} or per-pair
                       labels {"kind":"pair","a","b","name","winner":"a"|"b"|"tie"}); default: the dataset's
                       own references.jsonl
  --condition <field>  compare conditions: a comparison field (condition, judge, prompt, repetition, or any
                       metadata key) whose values name the conditions
  --group FIELD        fit the leaderboards (stability) between groups of items by an item field, e.g. producer:
                       the models that wrote the answers; agreement, position bias and biases stay on items
  --no-group           fit the leaderboards on the items themselves. Default: the producers when every item names
                       one and producers wrote several items each (answers by models, as AlpacaEval)
  --families <file>    model families for self-preference: JSON {"<name prefix>": "<family>" | null} over the
                       built-in exact-prefix table (longest prefix wins; null = no family, e.g. "cerebras-gpt");
                       item families are recomputed from producer, judge families from model (else id)
${WHERE_HELP}
${ENGINE_HELP}.
                   The duckdb engine computes from per-judge tables aggregated in SQL the dataset counts, each
                   judge's first-position win rate and the stability leaderboards (pooled bootstrap board,
                   per-judge boards, rank correlations, separability; items are rated, never groups), with the
                   in-memory engine's values, and lists the sections it skips (agreement, the other position-bias
                   figures, biases, …). --json prints that "judgelab.judge-tables" document
  --seed S             seed of every bootstrap and random split (default 1, as every command)
  --bootstrap N        bootstrap rounds (default 1000)
  --cluster C          what the pooled leaderboard's bootstrap (rating and rank intervals, separability)
                       resamples: match (whole matches), pair (whole item pairs), none (comparisons one by one)
                       or auto (default: match when some match has more than one judgment, else none); the
                       agreement bootstraps always resample whole units (item pair within prompt)
  --json               print the metrics document (schema version 1, documented in
                       packages/analytics/README.md): sections agreement, positionBias, stability, biases,
                       coherence, reference, conditions, againstReference; unavailable parts say {"available":
                       false, "reason"}; with --where a top-level "filter" string says what was kept

Against the reference: agreement with per-pair labels (e.g. Kurate's human majority) counts a reference tie as
a disagreement unless the judge also said tie (the seed system's rule); one verdict per judge per pair, Wilson
95% intervals over pairs. Also: agreement with the order of per-item scores (pairwise, Spearman) and by gap.

Exit codes: 0 ok, 1 failure, 2 usage or input error (invalid dataset: one line per problem).
`;

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
    help: HELP,
    options: {
      reference: { type: "string" },
      condition: { type: "string" },
      seed: { type: "string" },
      bootstrap: { type: "string" },
      group: { type: "string" },
      "no-group": { type: "boolean" },
      where: { type: "string", multiple: true },
      families: { type: "string" },
      cluster: { type: "string" },
      engine: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      "give exactly one dataset folder or comparisons .jsonl file, e.g. `judgelab analyze datasets/demo`",
    );
  }
  const { seed, bootstrapRounds, cluster } = parseAnalysisSettings(values);
  const condition = values.condition;
  const where = parseWhereOptions(values.where);
  const engineOption = parseEngineOption(values.engine);
  const target = await openDatasetInput(io.cwd, positionals[0] as string);
  const rowOptions = (["reference", "condition", "group", "families", "where"] as const).filter(
    (name) => values[name] !== undefined,
  );
  const needsRows = rowOptions.length > 0 ? `--${rowOptions[0]}` : undefined;
  const chosen = pickEngine({ option: engineOption, path: target.path, needsRows });
  if (chosen.notice !== undefined) io.stderr(`judgelab analyze: ${chosen.notice}\n`);
  if (chosen.engine === "duckdb") {
    try {
      const run = { path: target.path, label: target.label, seed, bootstrapRounds, reason: chosen.reason };
      return await analyzeWithDuckDb({ ...run, cluster, json: values.json === true }, io);
    } finally {
      target.close();
    }
  }
  let dataset: LoadedDataset;
  try {
    dataset = await loadDataset(target.path, {
      keepComparisons: where.length > 0 || (condition !== undefined && condition !== "condition"),
    });
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    const lines = error.problems.map((problem) =>
      formatValidationProblem({ ...problem, file: displayPath(io.cwd, problem.file) }),
    );
    io.stderr(`${lines.join("\n")}\n${target.label}: invalid dataset; run \`judgelab validate\` for details\n`);
    return ExitCode.usage;
  } finally {
    target.close();
  }
  if (dataset.table.size === 0) {
    throw new UsageError(`${target.label} has no comparisons (an item pool): nothing to analyse`);
  }
  const filtered = applyWhere(dataset, where);
  dataset = filtered.dataset;
  const input = await encodeAnalysisInput(io, dataset, {
    reference: values.reference,
    condition,
    group: values["no-group"] === true ? false : values.group,
    families: values.families,
    analysis: { seed, bootstrapRounds, cluster },
  });
  let document: MetricsDocument;
  try {
    document = analyzeJudges(input);
  } catch (error) {
    throw asUsageError(error) ?? error;
  }
  printAnalysis(io, document, { filter: filtered.description, label: target.label, json: values.json === true });
  return ExitCode.ok;
};

/** `analyze --engine duckdb`: the judge-tables document ({@link analyzeComparisonFile}), as JSON or a summary. */
async function analyzeWithDuckDb(
  run: {
    path: string;
    label: string;
    seed: number;
    bootstrapRounds: number;
    cluster: ClusterOption;
    reason: string;
    json: boolean;
  },
  io: CliIo,
): Promise<number> {
  io.stderr(`judgelab analyze: engine duckdb (${run.reason})\n`);
  const settings = createDuckDbSettings(io.env);
  let analyzed: Awaited<ReturnType<typeof analyzeComparisonFile>>;
  try {
    analyzed = await analyzeComparisonFile(run.path, {
      seed: run.seed,
      bootstrapRounds: run.bootstrapRounds,
      cluster: run.cluster,
      session: settings.session,
    });
  } catch (error) {
    if (error instanceof EngineInputError) {
      io.stderr(`judgelab analyze: ${error.message}\n`);
      return ExitCode.usage;
    }
    if (error instanceof ClusteringError) throw new UsageError(`--cluster ${run.cluster}: ${error.message}`);
    throw error;
  } finally {
    settings.dispose();
  }
  if (analyzed.rows === 0) throw new UsageError(`${run.label} has no comparisons: nothing to analyse`);
  const { seconds } = analyzed;
  io.stderr(
    `judgelab analyze: duckdb read ${analyzed.rows} comparisons in ${seconds.scan.toFixed(2)} s, aggregated the judge tables in ${seconds.aggregate.toFixed(2)} s, analysed in ${seconds.analyze.toFixed(2)} s\n`,
  );
  io.stdout(
    run.json
      ? `${JSON.stringify(analyzed.document, null, 2)}\n`
      : formatJudgeTablesSummary(analyzed.document, run.label),
  );
  return ExitCode.ok;
}

/**
 * The analysis input: references (a --reference file replaces the dataset's), the clustering and item grouping
 * checked, model families read; refusals and unknown ids are usage errors naming file and line.
 */
async function encodeAnalysisInput(
  io: CliIo,
  dataset: LoadedDataset,
  options: {
    reference: string | undefined;
    condition: string | undefined;
    group: string | false | undefined;
    families: string | undefined;
    analysis: { seed: number; bootstrapRounds: number; cluster: ClusterOption };
  },
): Promise<AnalysisInput> {
  const referencePath = options.reference === undefined ? undefined : resolve(io.cwd, options.reference);
  const referenceFile =
    referencePath === undefined ? undefined : await readReferences(referencePath, displayPath(io.cwd, referencePath));
  const references = referenceFile?.records ?? dataset.references;
  const { condition } = options;
  const { cluster } = options.analysis;
  try {
    resolveClustering(dataset.table, cluster);
  } catch (error) {
    if (error instanceof ClusteringError) throw new UsageError(`--cluster ${cluster}: ${error.message}`);
    throw error;
  }
  const analysis: AnalysisOptions = {
    ...options.analysis,
    ...(condition === undefined ? {} : { condition: conditionFromRecords(dataset, condition) }),
  };
  let grouping: ItemGrouping | undefined;
  try {
    grouping = resolveItemGrouping(dataset.items, dataset.table.itemIds, options.group);
  } catch (error) {
    throw asUsageError(error) ?? error;
  }
  const families =
    options.families === undefined ? undefined : readFamiliesFile(resolve(io.cwd, options.families), options.families);
  const { input, problems } = buildAnalysisInput({
    table: dataset.table,
    grouping,
    families,
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
  return input;
}

/** The metrics document as JSON (with the filter) or as the readable summary. */
function printAnalysis(
  io: CliIo,
  document: MetricsDocument,
  how: { filter: string | undefined; label: string; json: boolean },
): void {
  if (how.json) {
    const output = how.filter === undefined ? document : { ...document, filter: how.filter };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    if (how.filter !== undefined) io.stdout(`filter: ${how.filter}\n`);
    io.stdout(formatMetricsSummary(document, how.label));
    io.stdout(formatAgainstReference(document));
    io.stdout(formatCalibration(document));
  }
}

/** --seed, --bootstrap (at least 1) and --cluster; --group and --no-group exclude each other. */
function parseAnalysisSettings(values: {
  seed?: string | undefined;
  bootstrap?: string | undefined;
  group?: string | undefined;
  "no-group"?: boolean | undefined;
  cluster?: string | undefined;
}): { seed: number; bootstrapRounds: number; cluster: ClusterOption } {
  const seed = parseSeedOption(values.seed);
  const bootstrapRounds = parseIntegerOption("bootstrap", values.bootstrap, 1000);
  if (bootstrapRounds < 1) throw new UsageError("--bootstrap must be at least 1");
  if (values.group !== undefined && values["no-group"] === true)
    throw new UsageError("give --group FIELD or --no-group, not both");
  const cluster = values.cluster ?? "auto";
  if (cluster !== "auto" && cluster !== "match" && cluster !== "pair" && cluster !== "none")
    throw new UsageError(`--cluster must be auto, match, pair or none, got "${cluster}"`);
  return { seed, bootstrapRounds, cluster };
}
