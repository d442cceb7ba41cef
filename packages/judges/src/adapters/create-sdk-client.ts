import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

/**
 * SDK clients configured the one way adapters need them: every setting the SDKs would otherwise read from the
 * environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`, `ANTHROPIC_API_KEY`,
 * `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_BASE_URL`) is passed explicitly, retries are off (`maxRetries: 0`: the runner
 * retries), and SDK logging is off (libraries never print).
 */
export function createOpenAIClient(options: {
  readonly apiKey: string;
  readonly baseURL: string;
  readonly headers?: Readonly<Record<string, string>>;
}): OpenAI {
  return new OpenAI({
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
export function createAnthropicClient(options: { readonly apiKey: string; readonly baseURL: string }): Anthropic {
  return new Anthropic({
    apiKey: options.apiKey,
    authToken: null,
    baseURL: options.baseURL,
    maxRetries: 0,
    logLevel: "off",
  });
}
