import type Anthropic from "@anthropic-ai/sdk";
import type OpenAI from "openai";

/**
 * SDK clients configured the one way adapters need them: every setting the SDKs would otherwise read from the
 * environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`, `ANTHROPIC_API_KEY`,
 * `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_BASE_URL`) is passed explicitly, retries are off (`maxRetries: 0`: the runner
 * retries), and SDK logging is off (libraries never print).
 *
 * The SDK module is imported on first use (`import()`), so importing `@judgelab/judges` costs nothing for providers a
 * process never calls (the three SDKs together take seconds to load).
 */
export async function createOpenAIClient(options: {
  readonly apiKey: string;
  readonly baseURL: string;
  readonly headers?: Readonly<Record<string, string>>;
}): Promise<OpenAI> {
  const { default: OpenAIClient } = await import("openai");
  return new OpenAIClient({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    organization: null,
    project: null,
    maxRetries: 0,
    logLevel: "off",
    ...(options.headers === undefined ? {} : { defaultHeaders: { ...options.headers } }),
  });
}

/** An Anthropic client with explicit key and base URL, no retries and no logging (see `createOpenAIClient`). */
export async function createAnthropicClient(options: {
  readonly apiKey: string;
  readonly baseURL: string;
}): Promise<Anthropic> {
  const { default: AnthropicClient } = await import("@anthropic-ai/sdk");
  return new AnthropicClient({
    apiKey: options.apiKey,
    authToken: null,
    baseURL: options.baseURL,
    maxRetries: 0,
    logLevel: "off",
  });
}

/**
 * `create`, run at most once and only when first needed: every call returns the same promise. A rejected attempt
 * is forgotten, so the next call tries again.
 */
export function lazily<T>(create: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending === undefined) {
      pending = create();
      pending.catch(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}
