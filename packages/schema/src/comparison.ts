import { z } from "zod";
import { idSchema, metadataSchema, timestampSchema } from "./common.js";

/**
 * Positional verdict: which presented position won. `first` is the item shown first (e.g. "Paper 1",
 * "Assistant A"). `invalid` keeps an unparseable or refused answer as data (with `raw`).
 */
export const verdictSchema = z.enum(["first", "second", "tie", "invalid"]);

/** Whether the presentation order is known (`first` was really shown first) or unknown in the source. */
export const orderSchema = z.enum(["known", "unknown"]);

/** Strength of a preference when the source grades it (Arena-Hard `A>B` = `weak`, `A>>B` = `strong`). */
export const strengthSchema = z.enum(["weak", "strong"]);

/** Token usage and cost of one judge call. */
export const usageSchema = z.strictObject({
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
  costUsd: z.number().nonnegative().optional(),
  latencyMs: z.number().nonnegative().optional(),
});

const PROBABILITY_MESSAGE = "must be a probability in [0, 1]";

/** A log-probability: a real number ≤ 0 (log 1 = 0). */
const logprobSchema = z.number().max(0, "must be a log-probability (≤ 0)");

/**
 * Log-probabilities a judge gave each positional verdict at the token that carries its verdict (OpenAI
 * `top_logprobs`, Gemini `logprobsResult`), summed in probability over the tokens that spell the same verdict
 * (`A`, ` A`). A verdict missing here was not among the provider's top tokens. Keys are positional like `verdict`.
 */
export const verdictLogprobsSchema = z.strictObject({
  first: logprobSchema.optional(),
  second: logprobSchema.optional(),
  tie: logprobSchema.optional(),
});

/**
 * Comparison: one verdict of one judge on two items shown in a given order.
 * `first`/`second` are item ids in presented order; `verdict` is positional.
 * Comparisons sharing a `matchId` belong to one match (both orders of a pair, or a judge panel).
 */
export const comparisonSchema = z.strictObject({
  id: idSchema,
  first: idSchema,
  second: idSchema,
  order: orderSchema,
  verdict: verdictSchema,
  judge: idSchema,
  strength: strengthSchema.optional(),
  /** Soft preference for the second item in [0, 1] where the source gives one (AlpacaEval weighted annotators). */
  preference: z.number().min(0).max(1).optional(),
  /**
   * The judge's probability in [0, 1] that its stated `verdict` is right (top-label confidence, Guo et al. 2017):
   * a stated confidence from structured output, or the verdict's share of the verdict-token probability mass.
   * Checked against gold labels or a reference by calibration (reliability diagram, ECE, Brier score).
   */
  confidence: z.number().min(0, PROBABILITY_MESSAGE).max(1, PROBABILITY_MESSAGE).optional(),
  /** Log-probabilities of the verdicts at the verdict token, where the provider returns them. */
  verdictLogprobs: verdictLogprobsSchema.optional(),
  prompt: z.string().optional(),
  matchId: z.string().optional(),
  repetition: z.number().int().nonnegative().optional(),
  condition: z.string().optional(),
  rationale: z.string().optional(),
  createdAt: timestampSchema.optional(),
  usage: usageSchema.optional(),
  raw: z.unknown().optional(),
  metadata: metadataSchema.optional(),
});

/** One comparison record (a line of `comparisons.jsonl`). */
export type Comparison = z.infer<typeof comparisonSchema>;
/** Positional verdict. */
export type Verdict = z.infer<typeof verdictSchema>;
/** Log-probabilities of the positional verdicts. */
export type VerdictLogprobs = z.infer<typeof verdictLogprobsSchema>;
/** Token usage and cost of a call. */
export type Usage = z.infer<typeof usageSchema>;
