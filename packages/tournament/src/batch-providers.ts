import type { Provider } from "./tournament-config.js";

/**
 * Providers with a batch API the runner uses: OpenAI Batch (`openai`), Anthropic Message Batches (`anthropic`) and
 * Gemini Batch Mode (`gemini`). All three bill batch calls at 50% of the online price (`batchDiscount` in the price
 * table). Other providers' judges run online even in batch mode, at the full price.
 */
export const BATCH_PROVIDERS: ReadonlySet<Provider> = new Set<Provider>(["openai", "anthropic", "gemini"]);
