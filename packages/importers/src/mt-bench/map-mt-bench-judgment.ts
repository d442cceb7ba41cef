import type { Comparison, Item, Judge } from "@judgelab/schema";
import { modelFamily, producerFields } from "../model-family.js";
import { isoFromUnixSeconds, positionalVerdict, type WinnerSide } from "../positional-verdict.js";

/** Prompt id of an MT-Bench question at a turn: `<question_id>/turn<turn>` (turn 2 judges the whole dialogue). */
export function mtBenchPromptId(questionId: unknown, turn: unknown): string {
  return `${String(questionId)}/turn${Number(turn) || 1}`;
}

/** Item id of a model's answer at a turn: `<question_id>/turn<turn>/<model>`. */
export function mtBenchItem(questionId: unknown, turn: unknown, model: string, text?: string): Item {
  return {
    id: `${mtBenchPromptId(questionId, turn)}/${model}`,
    ...producerFields(model),
    ...(text === undefined ? {} : { text, length: text.length }),
  };
}

/** Side of a FastChat game winner in model numbering (`model_1`/`model_a` → a); `error` and others are unparsed. */
export function mtBenchWinnerSide(winner: unknown): WinnerSide | undefined {
  if (winner === "model_1" || winner === "model_a") return "a";
  if (winner === "model_2" || winner === "model_b") return "b";
  if (typeof winner === "string" && winner.startsWith("tie")) return "tie";
  return undefined;
}

/** A judge named by FastChat's `judge` field: `["gpt-4", "pair-v2"]` (an LLM and its template) or a person. */
export function mtBenchJudge(judge: unknown): { judge: Judge; template?: string } {
  if (Array.isArray(judge)) {
    const model = String(judge[0]);
    const family = modelFamily(model);
    return {
      judge: { id: model, kind: "llm", model, ...(family === undefined ? {} : { family }) },
      ...(judge[1] === undefined ? {} : { template: String(judge[1]) }),
    };
  }
  const id = String(judge);
  const human = /^(expert|author|human)/i.test(id);
  return { judge: human ? { id, kind: "human" } : { id, kind: "llm", model: id } };
}

/**
 * A FastChat pairwise judgment (`model_judgment/<judge>_pair.jsonl`): game 1 shows model_1 as Assistant A,
 * game 2 shows model_2 as Assistant A; both winners are given in model numbering. Two comparisons with known
 * order sharing a `matchId`.
 */
export function mapMtBenchPairJudgment(record: Readonly<Record<string, unknown>>): Comparison[] | undefined {
  const { question_id: questionId, model_1: model1, model_2: model2, turn } = record;
  if (questionId === undefined || typeof model1 !== "string" || typeof model2 !== "string") return undefined;
  const { judge, template } = mtBenchJudge(record.judge);
  const prompt = mtBenchPromptId(questionId, turn);
  const one = mtBenchItem(questionId, turn, model1).id;
  const two = mtBenchItem(questionId, turn, model2).id;
  const matchId = `${judge.id}/${prompt}/${[model1, model2].sort().join("|")}`;
  const createdAt = typeof record.tstamp === "number" ? isoFromUnixSeconds(record.tstamp) : undefined;
  return ([1, 2] as const).map((game): Comparison => {
    const winner = record[`g${game}_winner`];
    const side = mtBenchWinnerSide(winner);
    const rationale = record[`g${game}_judgment`];
    return {
      id: `${judge.id}/${prompt}/${model1}|${model2}/g${game}`,
      first: game === 1 ? one : two,
      second: game === 1 ? two : one,
      order: "known",
      verdict: side === undefined ? "invalid" : positionalVerdict(side, game === 1),
      judge: judge.id,
      prompt,
      matchId,
      ...(template === undefined ? {} : { condition: template }),
      ...(side === undefined ? { raw: winner ?? null } : {}),
      ...(typeof rationale === "string" && rationale !== "" ? { rationale } : {}),
      ...(createdAt === undefined ? {} : { createdAt }),
    };
  });
}

/**
 * A human (or aggregated GPT-4) judgment of the MT-Bench human-judgment release:
 * `question_id, model_a, model_b, winner, judge, turn`. The release does not record what the judge saw first:
 * order unknown, first = model_a.
 */
export function mapMtBenchHumanJudgment(id: string, record: Readonly<Record<string, unknown>>): Comparison | undefined {
  const { question_id: questionId, model_a: modelA, model_b: modelB, turn } = record;
  if (questionId === undefined || typeof modelA !== "string" || typeof modelB !== "string") return undefined;
  const side = mtBenchWinnerSide(record.winner);
  const prompt = mtBenchPromptId(questionId, turn);
  return {
    id,
    first: mtBenchItem(questionId, turn, modelA).id,
    second: mtBenchItem(questionId, turn, modelB).id,
    order: "unknown",
    verdict: side === undefined ? "invalid" : positionalVerdict(side, true),
    judge: mtBenchJudge(record.judge).judge.id,
    prompt,
    // Keep the source value when unparsed or when it is a qualified tie such as "tie (inconsistent)".
    ...(side === undefined || (side === "tie" && record.winner !== "tie") ? { raw: record.winner ?? null } : {}),
  };
}

/** Assistant messages of a conversation (`[{role, content}]`) up to a turn, joined. */
export function mtBenchConversationText(conversation: unknown, turn: unknown): string | undefined {
  if (!Array.isArray(conversation)) return undefined;
  const answers = conversation
    .filter((message) => (message as { role?: unknown })?.role === "assistant")
    .map((message) => String((message as { content?: unknown }).content ?? ""));
  return answers.length === 0 ? undefined : answers.slice(0, Number(turn) || answers.length).join("\n\n");
}
