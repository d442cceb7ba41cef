import type { JudgeDecision, JudgeResult, JudgeTemplate, JudgeUsage, JudgeVerdict } from "./judge-contract.js";
import { parseVerdictText } from "./parse-verdict-text.js";
import { readStatedConfidence } from "./read-stated-confidence.js";
import { parseStructuredVerdict } from "./structured-verdict.js";
import { type DecodingStep, readVerdictLogprobs } from "./verdict-logprobs.js";

/** How a provider said its answer ended, normalized across protocols. */
export type AnswerEnding = "complete" | "length" | "content-filter" | "refusal";

/** What an adapter extracted from one response body. */
export interface JudgeAnswer {
  readonly template: JudgeTemplate;
  /** The answer text (or structured JSON) to read the verdict from. */
  readonly answer: string | Record<string, unknown>;
  /** Whether the answer was produced under a provider-enforced schema (validated with zod before trusting it). */
  readonly structured: boolean;
  readonly ending: AnswerEnding;
  /** Provider refusal text (OpenAI `message.refusal`), when given. */
  readonly refusal?: string;
  readonly usage: JudgeUsage;
  readonly raw: unknown;
  readonly latencyMs: number;
  readonly responseModel?: string;
  /** The answer's decoding steps with top logprobs, when they were requested and returned. */
  readonly steps?: readonly DecodingStep[];
}

/**
 * Turns an extracted answer into a `JudgeResult`: a verdict when one is decidable, otherwise a failure recorded as
 * data. Provider-level signals win over text: an explicit refusal or content filter is reported as such; a verdict
 * found in a truncated answer still counts, while an undecidable truncated answer is `truncated`.
 */
export function buildJudgeResult(answer: JudgeAnswer): JudgeResult {
  const text = typeof answer.answer === "string" ? answer.answer : JSON.stringify(answer.answer);
  const common = { usage: answer.usage, raw: answer.raw, latencyMs: answer.latencyMs };
  if (answer.ending === "refusal" || (answer.refusal !== undefined && answer.refusal !== "")) {
    return { type: "failure", kind: "refusal", message: "the judge refused", text: answer.refusal ?? text, ...common };
  }
  if (answer.ending === "content-filter") {
    return {
      type: "failure",
      kind: "content-filter",
      message: "a provider content filter blocked the answer",
      text,
      ...common,
    };
  }
  const parsed =
    answer.template.answer.kind === "json"
      ? parseStructuredVerdict(answer.answer, answer.template)
      : { ...parseVerdictText(text, answer.template), structured: false };
  if (parsed.type === "verdict") {
    return {
      type: "verdict",
      verdict: parsed.verdict,
      ...(parsed.strength === undefined ? {} : { strength: parsed.strength }),
      ...(parsed.rationale === undefined ? {} : { rationale: parsed.rationale }),
      parsedFrom: parsed.structured && answer.structured ? "structured" : "text",
      text,
      ...common,
      ...(answer.responseModel === undefined ? {} : { responseModel: answer.responseModel }),
      ...readConfidence(answer, parsed.verdict),
    };
  }
  if (answer.ending === "length" && parsed.kind !== "refusal") {
    return {
      type: "failure",
      kind: "truncated",
      message: "the answer hit the output token limit before a verdict",
      text,
      ...common,
    };
  }
  return { type: "failure", kind: parsed.kind, message: parsed.message, text, ...common };
}

/** Confidence fields of a verdict: logprobs first (a provider measurement), else the judge's stated confidence. */
function readConfidence(
  answer: JudgeAnswer,
  verdict: JudgeDecision,
): Pick<JudgeVerdict, "confidence" | "verdictLogprobs" | "preference"> {
  if (answer.steps !== undefined && answer.steps.length > 0) {
    const probabilities = readVerdictLogprobs({ steps: answer.steps, template: answer.template, verdict });
    if (probabilities !== undefined) return probabilities;
  }
  const stated = readStatedConfidence(answer.answer, answer.template);
  return stated === undefined ? {} : { confidence: stated };
}
