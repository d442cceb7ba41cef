import type { Comparison, Item, Judge } from "@judgelab/schema";
import { modelFamily, producerFields } from "../model-family.js";

/** License of the AlpacaEval annotations (the code is Apache-2.0, the data CC BY-NC 4.0). */
export const ALPACA_EVAL_LICENSE = "CC BY-NC 4.0 (AlpacaEval data; non-commercial use only); code Apache-2.0";

/** One AlpacaEval annotation, from the compact CSV or an upstream annotations.json. */
export interface AlpacaEvalAnnotation {
  /** Results folder (the evaluated model's folder upstream). */
  readonly resultsDir: string;
  /** Annotator folder under the results folder. */
  readonly annotatorDir: string;
  readonly annotator: string;
  readonly instructionId: string;
  readonly dataset?: string;
  /** Baseline model (output_1). */
  readonly generator1: string;
  /** Evaluated model (output_2). */
  readonly generator2: string;
  /** Upstream preference: 1 = output_1 wins, 2 = output_2 wins, 1.5 or 0 = tie, a float in [1, 2] when weighted. */
  readonly preference: unknown;
  /** Which generator was shown first, where known. */
  readonly shownFirst?: string;
  readonly length1?: number;
  readonly length2?: number;
  readonly output1?: string;
  readonly output2?: string;
  /** Annotation cost in USD (`price_per_example` of annotations.json). */
  readonly costUsd?: number;
  /** Annotation time in seconds (`time_per_example`; upstream records a batch average). */
  readonly seconds?: number;
}

/**
 * The preference for output_2 in [0, 1]: p = preference − 1, with the upstream tie code 0 mapped to 0.5
 * (AlpacaEval's win rate is 100·mean(p)). Undefined when the value is missing or outside {0} ∪ [1, 2].
 */
export function alpacaEvalPreferenceForSecond(value: unknown): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(number)) return undefined;
  if (number === 0) return 0.5;
  if (number < 1 || number > 2) return undefined;
  return number - 1;
}

/** The judge of an AlpacaEval annotator configuration (e.g. `weighted_alpaca_eval_gpt4_turbo`). */
export function alpacaEvalJudge(annotator: string): Judge {
  const family = modelFamily(annotator.replace(/^(weighted_)?alpaca_eval_?(cot_)?/, ""));
  return { id: annotator, kind: "llm", ...(family === undefined ? {} : { family }) };
}

/** Item id of a model's output to an instruction: `<instruction_id>/<model>`. */
export function alpacaEvalItemId(instructionId: string, generator: string): string {
  return `${instructionId}/${generator}`;
}

/** The two items (baseline output, model output) of an annotation. */
export function alpacaEvalItems(annotation: AlpacaEvalAnnotation): [Item, Item] {
  const item = (generator: string, length: number | undefined, text: string | undefined): Item => ({
    id: alpacaEvalItemId(annotation.instructionId, generator),
    ...producerFields(generator),
    ...(annotation.dataset === undefined ? {} : { category: annotation.dataset }),
    ...(text === undefined ? {} : { text }),
    ...(length !== undefined ? { length } : text !== undefined ? { length: text.length } : {}),
  });
  return [
    item(annotation.generator1, annotation.length1, annotation.output1),
    item(annotation.generator2, annotation.length2, annotation.output2),
  ];
}

/** Comparison id: `<results_dir>/<annotator_dir>/<instruction_id>` (unique over the upstream results tree). */
export function alpacaEvalComparisonId(annotation: AlpacaEvalAnnotation): string {
  return `${annotation.resultsDir}/${annotation.annotatorDir}/${annotation.instructionId}`;
}

/**
 * One annotation as a comparison. With `shownFirst` known, `first` is the output shown first (order `known`);
 * otherwise first/second follow output_1/output_2 (order `unknown`). `preference` is the preference for the
 * second-shown item; the verdict is its side of 0.5 (exactly 0.5 is a tie). Unparseable preferences become
 * `invalid` with the source value in `raw`.
 */
export function mapAlpacaEvalAnnotation(annotation: AlpacaEvalAnnotation): Comparison {
  const one = { id: alpacaEvalItemId(annotation.instructionId, annotation.generator1) };
  const two = { id: alpacaEvalItemId(annotation.instructionId, annotation.generator2) };
  const known = annotation.shownFirst !== undefined;
  const secondShownFirst =
    known && annotation.shownFirst === annotation.generator2 && annotation.generator1 !== annotation.generator2;
  const [first, second] = secondShownFirst ? [two, one] : [one, two];
  const forOutput2 = alpacaEvalPreferenceForSecond(annotation.preference);
  const base = {
    id: alpacaEvalComparisonId(annotation),
    first: first.id,
    second: second.id,
    order: known ? ("known" as const) : ("unknown" as const),
    judge: annotation.annotator,
    prompt: annotation.instructionId,
  };
  const metadata = {
    ...(annotation.annotatorDir === annotation.annotator ? {} : { annotatorDir: annotation.annotatorDir }),
    ...(annotation.resultsDir === annotation.generator2 ? {} : { resultsDir: annotation.resultsDir }),
  };
  const usage = {
    ...(annotation.costUsd === undefined ? {} : { costUsd: annotation.costUsd }),
    ...(annotation.seconds === undefined ? {} : { latencyMs: annotation.seconds * 1000 }),
  };
  const extra = {
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(Object.keys(usage).length > 0 ? { usage } : {}),
  };
  if (forOutput2 === undefined) return { ...base, verdict: "invalid", raw: annotation.preference ?? null, ...extra };
  const preference = secondShownFirst ? 1 - forOutput2 : forOutput2;
  const verdict = preference > 0.5 ? "second" : preference < 0.5 ? "first" : "tie";
  return { ...base, verdict, preference, ...extra };
}
