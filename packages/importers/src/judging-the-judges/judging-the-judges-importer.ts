import { basename } from "node:path";
import { defineImporter } from "../define-importer.js";
import { ImportInputError } from "../import-input-error.js";
import type { SourceLocation } from "../import-report.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { groupInputFiles, readTableRows } from "../read-source-records.js";
import {
  extractJudgingTheJudgesChoice,
  type JudgingTheJudgesRow,
  judgingTheJudgesItems,
  judgingTheJudgesJudge,
  mapJudgingTheJudgesRow,
} from "./map-judging-the-judges-row.js";

function isRecordFile(path: string): boolean {
  return /^record_.+\.tsv(\.gz)?$/.test(basename(path));
}

function isVerdictsCsv(path: string): boolean {
  return /\.csv(\.gz)?$/.test(basename(path));
}

/** `raw/MTBench/Repetition2/record_gpt-4-0613_3.tsv.gz` → benchmark `MTBench`, repetition 2. */
export function parseJudgingTheJudgesRecordPath(path: string): { benchmark: string; repetition: number } {
  const match = /(?:^|\/)([^/]+)\/Repetition(\d+)[^/]*\/record_[^/]+$/.exec(path.replaceAll("\\", "/"));
  if (match === null) {
    throw new ImportInputError(
      `${path}: a Judging-the-Judges record file must sit at <benchmark>/Repetition<n>/record_<judge>_<options>.tsv[.gz]`,
      { file: path },
    );
  }
  return { benchmark: match[1] as string, repetition: Number(match[2]) };
}

function add(context: CollectContext, row: JudgingTheJudgesRow, at: SourceLocation): void {
  context.collector.addJudge(judgingTheJudgesJudge(row.judge));
  for (const item of judgingTheJudgesItems(row)) context.collector.addItem(item, at);
  context.collector.addComparison(mapJudgingTheJudgesRow(row), at);
}

async function readVerdictsCsv(context: CollectContext, file: string): Promise<void> {
  for await (const { at, value: row } of readTableRows(file)) {
    context.report.countRead(file);
    const repetition = Number(row.repetition);
    const { benchmark, judge, question_index, model_A_pos1, model_B_pos2 } = row;
    if (!benchmark || !judge || !question_index || !model_A_pos1 || !model_B_pos2 || !Number.isInteger(repetition)) {
      throw new ImportInputError(
        `${file}:${at.line}: not a Judging-the-Judges verdicts row (needs benchmark, repetition, judge, question_index, model_A_pos1, model_B_pos2, extracted)`,
        { file },
      );
    }
    add(
      context,
      {
        benchmark,
        repetition,
        judge,
        questionIndex: question_index,
        modelFirst: model_A_pos1,
        modelSecond: model_B_pos2,
        choice: row.extracted === "" ? undefined : row.extracted,
        ...(row.task ? { task: row.task } : {}),
      },
      at,
    );
  }
}

/** Joins an answer's turns (`answer1_1`, `answer1_2` for MT-Bench; `answer1` for DevBench). */
function answerText(row: Record<string, string>, position: 1 | 2): string | undefined {
  const turns = Object.keys(row)
    .filter((key) => key === `answer${position}` || key.startsWith(`answer${position}_`))
    .sort()
    .map((key) => row[key] as string);
  return turns.length === 0 ? undefined : turns.join("\n\n");
}

async function readRecordFile(context: CollectContext, file: string): Promise<void> {
  const { benchmark, repetition } = parseJudgingTheJudgesRecordPath(file);
  for await (const { at, value: row } of readTableRows(file, { delimiter: "\t" })) {
    context.report.countRead(file);
    const columns = Object.keys(row);
    const judge = columns[columns.length - 1];
    const parts = (row.cmp_index ?? "").split(";");
    if (judge === undefined || parts.length !== 3 || row.A === undefined || row.B === undefined) {
      throw new ImportInputError(
        `${file}:${at.line}: not a Judging-the-Judges record (needs cmp_index "question;modelA;modelB", A, B and the judge's output as the last column)`,
        { file },
      );
    }
    const output = row[judge] ?? "";
    const textFirst = answerText(row, 1);
    const textSecond = answerText(row, 2);
    add(
      context,
      {
        benchmark,
        repetition,
        judge,
        questionIndex: parts[0] as string,
        modelFirst: row.A,
        modelSecond: row.B,
        choice: extractJudgingTheJudgesChoice(benchmark, output),
        output,
        ...(row.task ? { task: row.task } : {}),
        ...(textFirst === undefined ? {} : { textFirst }),
        ...(textSecond === undefined ? {} : { textSecond }),
      },
      at,
    );
  }
}

async function collectJudgingTheJudges(context: CollectContext): Promise<ManifestFields> {
  const { csv: csvFiles, records: recordFiles } = await groupInputFiles(context.inputs, {
    kinds: ["csv", "records"],
    classify: (path) => (isRecordFile(path) ? "records" : isVerdictsCsv(path) ? "csv" : undefined),
    expected: "a Judging-the-Judges file (expected repetition_verdicts.csv[.gz] or record_<judge>_<n>.tsv[.gz])",
  });
  for (const file of csvFiles) await readVerdictsCsv(context, file);
  for (const file of recordFiles) await readRecordFile(context, file);
  context.report.note(
    "order known: model_A is shown in position 1; both orders of a pair by one judge in one repetition share a matchId",
  );
  if (recordFiles.length > 0) {
    context.report.note(
      "choices extracted from the judges' outputs with the study's rule: first [[A]]/[[B]]/[[C]] (MT-Bench) or \"Choice: X\" (DevBench)",
    );
  }
  return {
    name: "judging-the-judges",
    description:
      "Judging the Judges (Shi et al. 2024): 9 LLM judges × 3 repetitions × both orders on MT-Bench and DevBench samples",
    license: "MIT",
    source: "https://github.com/Slimshilin/Position-Bias-Analyzer",
  };
}

/** Judging the Judges: `repetition_verdicts.csv[.gz]` and upstream `record_<judge>_<n>.tsv[.gz]` files. */
export const judgingTheJudgesImporter = defineImporter({
  format: "judging-the-judges",
  description:
    "Judging-the-Judges repetition_verdicts.csv[.gz] and <benchmark>/Repetition<n>/record_<judge>_<n>.tsv[.gz]",
  license: "MIT",
  collect: collectJudgingTheJudges,
});
