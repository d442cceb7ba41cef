import { type JudgeRequest, renderJudgePrompt } from "@judgelab/judges";
import type { ModelPrice } from "./tournament-config.js";

/**
 * Default list prices in US dollars per million tokens, as published by the providers on their pricing pages in
 * August 2025 (standard tier, short context, no caching discounts). Prices change: check them, and set `prices` in
 * the config for any model you run; a model without a price is reported and costs are then lower bounds.
 */
export const DEFAULT_PRICES_DATE = "2025-08";

/** See {@link DEFAULT_PRICES_DATE}. Batch APIs of OpenAI and Anthropic bill 50%. */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10, batchDiscount: 0.5 },
  "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6, batchDiscount: 0.5 },
  "gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8, batchDiscount: 0.5 },
  "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6, batchDiscount: 0.5 },
  "gpt-5": { inputPerMillion: 1.25, outputPerMillion: 10, batchDiscount: 0.5 },
  "gpt-5-mini": { inputPerMillion: 0.25, outputPerMillion: 2, batchDiscount: 0.5 },
  "claude-sonnet-4-0": { inputPerMillion: 3, outputPerMillion: 15, batchDiscount: 0.5 },
  "claude-opus-4-1": { inputPerMillion: 15, outputPerMillion: 75, batchDiscount: 0.5 },
  "claude-3-5-haiku-latest": { inputPerMillion: 0.8, outputPerMillion: 4, batchDiscount: 0.5 },
  "gemini-2.5-pro": { inputPerMillion: 1.25, outputPerMillion: 10, batchDiscount: 0.5 },
  "gemini-2.5-flash": { inputPerMillion: 0.3, outputPerMillion: 2.5, batchDiscount: 0.5 },
};

/** Looks up prices: the config's table first, then the dated defaults. */
export class PriceTable {
  constructor(private readonly overrides: Readonly<Record<string, ModelPrice>> = {}) {}

  /** Price of a model, or undefined when unknown. Simulated and replay judges are free. */
  priceOf(model: string, provider?: string): ModelPrice | undefined {
    if (provider === "simulated" || provider === "replay") return { inputPerMillion: 0, outputPerMillion: 0 };
    return this.overrides[model] ?? DEFAULT_PRICES[model];
  }

  /**
   * Cost of one call: (input tokens × input price + output tokens × output price) / 10⁶, times (1 − batch
   * discount) for batch calls. Undefined when the model has no price.
   */
  costOf(options: {
    model: string;
    provider?: string;
    inputTokens: number;
    outputTokens: number;
    batch?: boolean;
  }): number | undefined {
    const price = this.priceOf(options.model, options.provider);
    if (price === undefined) return undefined;
    const full = (options.inputTokens * price.inputPerMillion + options.outputTokens * price.outputPerMillion) / 1e6;
    return options.batch === true ? full * (1 - (price.batchDiscount ?? 0)) : full;
  }
}

/**
 * Rough token count of a text for estimates and TPM reservations: characters / 4, rounded up (OpenAI's rule of
 * thumb for English; code and non-Latin scripts use more tokens per character, so treat estimates as ±30%).
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Input tokens of a request before rendering (for TPM reservations, corrected with the real usage afterwards):
 * characters / 4 of the template sources plus both items' texts cut to the template's `maxItemChars`.
 */
export function estimateRequestTokens(request: JudgeRequest): number {
  const { template } = request;
  const limit = template.maxItemChars ?? Number.POSITIVE_INFINITY;
  return estimateTokens(
    (template.system ?? "") + template.user + request.first.text.slice(0, limit) + request.second.text.slice(0, limit),
  );
}

/**
 * Tokens added to a prompt's text by the wire format: chat framing (a few tokens per message) and, for judges with
 * structured output, the JSON schema of the verdict (a few hundred characters). A generous bound.
 */
export const PROMPT_OVERHEAD_TOKENS = 512;

/**
 * An upper bound on the input tokens of a request: the UTF-8 bytes of the rendered prompt plus
 * `PROMPT_OVERHEAD_TOKENS`. Byte-level BPE (OpenAI, Anthropic) and SentencePiece with byte fallback (Gemini) never
 * produce more tokens than bytes, so unlike `estimateRequestTokens` (characters/4, ±30%) this never falls short.
 */
export function maxRequestTokens(request: JudgeRequest): number {
  const prompt = renderJudgePrompt(request);
  return Buffer.byteLength(prompt.system ?? "") + Buffer.byteLength(prompt.user) + PROMPT_OVERHEAD_TOKENS;
}
