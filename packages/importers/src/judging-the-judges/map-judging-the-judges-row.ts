import type { Comparison, Item, Judge, Verdict } from "@judgelab/schema";
import { modelFamily, producerFields } from "../model-family.js";

/** One judgment of Shi et al.'s "Judging the Judges" study: one judge, one repetition, one presentation order. */
export interface JudgingTheJudgesRow {
  /** `MTBench` or `DevBench`. */
  readonly benchmark: string;
  readonly repetition: number;
  readonly judge: string;
  /** Question id (MT-Bench) or `<project>_<task>` (DevBench). */
  readonly questionIndex: string;
  /** Model shown in position 1 (Assistant A / Response 1). */
  readonly modelFirst: string;
  /** Model shown in position 2. */
  readonly modelSecond: string;
  readonly task?: string;
  /** Extracted choice: A (position 1), B (position 2), C (tie); anything else is unparsed. */
  readonly choice: string | undefined;
  /** The judge's full output, when read from the upstream records. */
  readonly output?: string;
  readonly textFirst?: string;
  readonly textSecond?: string;
}

/**
 * The choice in a judge's output, with the study's own extraction rule: MT-Bench prompts ask for `[[A]]`,
 * `[[B]]` or `[[C]]` (first occurrence counts); DevBench prompts ask for `Choice: A` (or `选择：A`).
 */
export function extractJudgingTheJudgesChoice(benchmark: string, output: string): string | undefined {
  const pattern = benchmark === "DevBench" ? /(?:选择：|Choice: )([ABCD])/ : /\[\[([ABCD])\]\]/;
  return pattern.exec(output)?.[1];
}

/** Positional verdict of a choice: A → first, B → second, C → tie, anything else unparsed. */
export function judgingTheJudgesVerdict(choice: string | undefined): Verdict | undefined {
  if (choice === "A") return "first";
  if (choice === "B") return "second";
  if (choice === "C") return "tie";
  return undefined;
}

/** Item id of a model's answer: `<benchmark>/<question index>/<model>`. */
export function judgingTheJudgesItemId(benchmark: string, questionIndex: string, model: string): string {
  return `${benchmark}/${questionIndex}/${model}`;
}

/** The judge record of a judge model. */
export function judgingTheJudgesJudge(judge: string): Judge {
  const family = modelFamily(judge);
  return { id: judge, kind: "llm", model: judge, ...(family === undefined ? {} : { family }) };
}

/** The two answer items of a row (position 1, position 2). */
export function judgingTheJudgesItems(row: JudgingTheJudgesRow): [Item, Item] {
  const item = (model: string, text: string | undefined): Item => ({
    id: judgingTheJudgesItemId(row.benchmark, row.questionIndex, model),
    ...producerFields(model),
    ...(row.task === undefined ? {} : { category: row.task }),
    ...(text === undefined ? {} : { text, length: text.length }),
  });
  return [item(row.modelFirst, row.textFirst), item(row.modelSecond, row.textSecond)];
}

/**
 * One row as a comparison with known order. Both orders of a pair by one judge in one repetition share a
 * `matchId`; `repetition` keeps the repetition number (1–3).
 */
export function mapJudgingTheJudgesRow(row: JudgingTheJudgesRow): Comparison {
  const [first, second] = judgingTheJudgesItems(row);
  const verdict = judgingTheJudgesVerdict(row.choice);
  const pair = [row.modelFirst, row.modelSecond].sort().join("|");
  const prefix = `${row.benchmark}/rep${row.repetition}/${row.judge}/${row.questionIndex}`;
  return {
    id: `${prefix}/${row.modelFirst}|${row.modelSecond}`,
    first: first.id,
    second: second.id,
    order: "known",
    verdict: verdict ?? "invalid",
    judge: row.judge,
    prompt: `${row.benchmark}/${row.questionIndex}`,
    matchId: `${prefix}/${pair}`,
    repetition: row.repetition,
    ...(verdict === undefined
      ? { raw: row.output ?? row.choice ?? "" }
      : row.output === undefined
        ? {}
        : { rationale: row.output }),
  };
}
