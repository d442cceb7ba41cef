import type { Comparison, Item, Judge, Reference } from "@judgelab/schema";
import { modelFamily } from "../model-family.js";
import { positionalVerdict, type WinnerSide } from "../positional-verdict.js";

/** One LLMBar judgment: a run (subset, evaluator, strategy) on one pair, in both presentation orders. */
export interface LlmbarJudgment {
  /** Dataset subset, e.g. `LLMBar/Natural`, `Processed/MT-Bench`. */
  readonly subset: string;
  readonly evaluator: string;
  readonly strategy: string;
  /** 0-based index of the pair in the subset's dataset.json. */
  readonly idx: number;
  /** Winner with output_1 shown first (`swap = False`), in the original numbering ("1"/"2"; anything else is unparsed). */
  readonly winnerOriginal: unknown;
  /** Winner with output_2 shown first (`swap = True`), already mapped back to the original numbering. */
  readonly winnerSwapped: unknown;
  readonly rationaleOriginal?: string;
  readonly rationaleSwapped?: string;
  /** Number of upstream attempts (the last one counts). */
  readonly attempts?: number;
  /** Pointwise scores of the Rating strategies (output_1, output_2). */
  readonly scores?: readonly [number, number];
}

/** Id of the LLMBar gold-label judge. */
export const LLMBAR_GOLD_JUDGE: Judge = {
  id: "gold",
  kind: "gold",
  metadata: { source: "LLMBar label (curated by the authors)" },
};

/** Prompt id of a pair: `<subset>/<idx>`. */
export function llmbarPromptId(subset: string, idx: number): string {
  return `${subset}/${idx}`;
}

/** Item id of one output of a pair: `<subset>/<idx>/output_1|output_2`. */
export function llmbarItemId(subset: string, idx: number, output: 1 | 2): string {
  return `${llmbarPromptId(subset, idx)}/output_${output}`;
}

/** Parses an LLMBar winner ("1"/"2", also numeric) into a side; anything else is unparsed. */
export function parseLlmbarWinner(value: unknown): WinnerSide | undefined {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : undefined;
  if (text === "1") return "a";
  if (text === "2") return "b";
  return undefined;
}

/**
 * How LLMBar judges are named: `runs` makes each evaluator × strategy run its own judge (`GPT-4/CoT`, as the
 * upstream statistics are per run); `evaluators` makes the evaluator the judge and leaves the strategy in
 * `condition` only, so that strategies can be compared as conditions of the same judge.
 */
export type LlmbarJudgeMode = "runs" | "evaluators";

/** The judge of a run: `<evaluator>/<strategy>` (mode `runs`, the default) or `<evaluator>` (mode `evaluators`). */
export function llmbarJudge(evaluator: string, strategy: string, mode: LlmbarJudgeMode = "runs"): Judge {
  const family = modelFamily(evaluator);
  return {
    id: mode === "runs" ? `${evaluator}/${strategy}` : evaluator,
    kind: "llm",
    model: evaluator,
    ...(family === undefined ? {} : { family }),
    ...(mode === "runs" ? { parameters: { strategy } } : {}),
  };
}

/** Bare items of a pair (texts are added when a dataset.json or result.json provides them). */
export function llmbarItems(subset: string, idx: number, texts?: { output1?: string; output2?: string }): Item[] {
  const item = (output: 1 | 2, text: string | undefined): Item => ({
    id: llmbarItemId(subset, idx, output),
    category: subset,
    ...(text === undefined ? {} : { text, length: text.length }),
  });
  return [item(1, texts?.output1), item(2, texts?.output2)];
}

/**
 * The two comparisons of one judgment: `swap = False` shows output_1 first, `swap = True` shows output_2 first;
 * both share a `matchId`. An unparsed winner becomes `verdict: "invalid"` with the source value in `raw`.
 */
export function mapLlmbarJudgment(judgment: LlmbarJudgment, mode: LlmbarJudgeMode = "runs"): [Comparison, Comparison] {
  const { subset, idx, evaluator, strategy } = judgment;
  const matchId = `${llmbarPromptId(subset, idx)}/${evaluator}/${strategy}`;
  const one = llmbarItemId(subset, idx, 1);
  const two = llmbarItemId(subset, idx, 2);
  const metadata = {
    ...(judgment.attempts !== undefined && judgment.attempts > 1 ? { attempts: judgment.attempts } : {}),
    ...(judgment.scores === undefined ? {} : { scores: [...judgment.scores] }),
  };
  const build = (swapped: boolean): Comparison => {
    const value = swapped ? judgment.winnerSwapped : judgment.winnerOriginal;
    const winner = parseLlmbarWinner(value);
    const rationale = swapped ? judgment.rationaleSwapped : judgment.rationaleOriginal;
    return {
      id: `${matchId}/${swapped ? "swap" : "orig"}`,
      first: swapped ? two : one,
      second: swapped ? one : two,
      order: "known",
      verdict: winner === undefined ? "invalid" : positionalVerdict(winner, !swapped),
      judge: llmbarJudge(evaluator, strategy, mode).id,
      prompt: llmbarPromptId(subset, idx),
      matchId,
      condition: strategy,
      ...(winner === undefined ? { raw: value ?? null } : {}),
      ...(rationale === undefined || rationale === "" ? {} : { rationale }),
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    };
  };
  return [build(false), build(true)];
}

/**
 * The gold label of a pair as a comparison by the gold judge (order unknown: nothing was shown) and as a pair
 * reference. Labels other than 1/2 give an invalid gold comparison and no reference.
 */
export function mapLlmbarGold(
  subset: string,
  idx: number,
  label: unknown,
): { comparison: Comparison; reference?: Reference } {
  const winner = parseLlmbarWinner(label);
  const prompt = llmbarPromptId(subset, idx);
  const a = llmbarItemId(subset, idx, 1);
  const b = llmbarItemId(subset, idx, 2);
  const comparison: Comparison = {
    id: `${prompt}/gold`,
    first: a,
    second: b,
    order: "unknown",
    verdict: winner === undefined ? "invalid" : positionalVerdict(winner, true),
    judge: LLMBAR_GOLD_JUDGE.id,
    prompt,
    matchId: `${prompt}/gold`,
    ...(winner === undefined ? { raw: label ?? null } : {}),
  };
  if (winner === undefined) return { comparison };
  return { comparison, reference: { kind: "pair", a, b, name: "gold", winner, prompt } };
}
