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
/** Token usage and cost of a call. */
export type Usage = z.infer<typeof usageSchema>;
