import type OpenAI from "openai";
import { z } from "zod";
import { buildJudgeResult } from "../build-judge-result.js";
import type { BatchCapableJudge, JudgeRequest, JudgeResult } from "../judge-contract.js";
import { renderJudgePrompt } from "../prompt-template.js";
import { verdictJsonSchema } from "../structured-verdict.js";
import type { ProviderEndpoint } from "./call-provider.js";
import { createProviderJudge, type ProviderJudgeOptions } from "./create-provider-judge.js";
import { createOpenAIClient, lazily } from "./create-sdk-client.js";
import { readResponseBody } from "./read-response-body.js";
import { redactSecret } from "./redact-secret.js";

/** How a chat-completions judge asks for JSON answers (only for JSON-answer templates). */
export type ChatStructuredOutput = "json_schema" | "json_object" | "none";

/** Options of an OpenAI chat-completions judge (base URL default `https://api.openai.com/v1`). */
export interface OpenAIChatJudgeOptions extends ProviderJudgeOptions {
  /** Default `json_schema` (strict structured output); `none` relies on the prompt and the tolerant parser. */
  readonly structuredOutput?: ChatStructuredOutput;
  /** Name of the output token limit field: OpenAI uses `max_completion_tokens`, many compatible servers `max_tokens`. */
  readonly tokenLimitField?: "max_completion_tokens" | "max_tokens";
  /** Provider name in descriptions and errors (default `openai`). */
  readonly provider?: string;
  readonly seed?: number;
  /**
   * Ask for the top N (1–20) log-probabilities of every answer token (`logprobs: true, top_logprobs: N`); the
   * verdict token's alternatives become the verdict's `confidence`, `verdictLogprobs` and `preference`.
   */
  readonly topLogprobs?: number;
  /** Extra request headers (e.g. OpenRouter's `HTTP-Referer`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Settings that shape the request body (a subset of the options, without credentials). */
export type OpenAIChatBodySettings = Pick<
  OpenAIChatJudgeOptions,
  "model" | "temperature" | "maxOutputTokens" | "structuredOutput" | "tokenLimitField" | "seed" | "topLogprobs"
>;

/** Builds the `POST /chat/completions` body for a request (also one line of an OpenAI batch). */
export function buildOpenAIChatBody(request: JudgeRequest, settings: OpenAIChatBodySettings): Record<string, unknown> {
  const prompt = renderJudgePrompt(request);
  const messages = [
    ...(prompt.system === undefined ? [] : [{ role: "system", content: prompt.system }]),
    { role: "user", content: prompt.user },
  ];
  const schema = verdictJsonSchema(request.template);
  const structured = settings.structuredOutput ?? "json_schema";
  const body: Record<string, unknown> = { model: settings.model, messages };
  if (settings.temperature !== undefined) body.temperature = settings.temperature;
  if (settings.maxOutputTokens !== undefined)
    body[settings.tokenLimitField ?? "max_completion_tokens"] = settings.maxOutputTokens;
  if (settings.seed !== undefined) body.seed = settings.seed;
  if (settings.topLogprobs !== undefined) {
    body.logprobs = true;
    body.top_logprobs = settings.topLogprobs;
  }
  if (schema !== undefined && structured === "json_schema") {
    body.response_format = { type: "json_schema", json_schema: { name: "pairwise_verdict", strict: true, schema } };
  } else if (schema !== undefined && structured === "json_object") {
    body.response_format = { type: "json_object" };
  }
  return body;
}

const tokenLogprobSchema = z.looseObject({ token: z.string(), logprob: z.number() });

/** `choices[0].logprobs.content`: one entry per answer token with its `top_logprobs`. */
const chatLogprobsSchema = z
  .looseObject({
    content: z
      .array(tokenLogprobSchema.extend({ top_logprobs: z.array(tokenLogprobSchema).optional() }))
      .nullable()
      .optional(),
  })
  .nullable()
  .optional();

const chatResponseSchema = z.looseObject({
  model: z.string().optional(),
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({
          content: z.string().nullable().optional(),
          refusal: z.string().nullable().optional(),
        }),
        finish_reason: z.string().nullable().optional(),
        logprobs: chatLogprobsSchema,
      }),
    )
    .min(1),
  usage: z.looseObject({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullable().optional(),
});

/** Reads a chat-completions response body into a result; a body of the wrong shape throws `malformed-response`. */
export function readOpenAIChatResponse(options: {
  readonly request: JudgeRequest;
  readonly body: unknown;
  readonly latencyMs: number;
  readonly endpoint: ProviderEndpoint;
  readonly structuredOutput?: ChatStructuredOutput;
}): JudgeResult {
  const response = readResponseBody(chatResponseSchema, options.body, options.endpoint);
  const choice = response.choices[0]!;
  const finish = choice.finish_reason;
  return buildJudgeResult({
    template: options.request.template,
    answer: choice.message.content ?? "",
    structured: (options.structuredOutput ?? "json_schema") !== "none",
    ending: finish === "length" ? "length" : finish === "content_filter" ? "content-filter" : "complete",
    ...(choice.message.refusal ? { refusal: choice.message.refusal } : {}),
    usage: { inputTokens: response.usage?.prompt_tokens ?? 0, outputTokens: response.usage?.completion_tokens ?? 0 },
    raw: redactSecret(options.body, options.endpoint.secret),
    latencyMs: options.latencyMs,
    ...(response.model === undefined ? {} : { responseModel: response.model }),
    ...(choice.logprobs?.content
      ? {
          steps: choice.logprobs.content.map((step) => ({
            token: step.token,
            logprob: step.logprob,
            top: step.top_logprobs ?? [],
          })),
        }
      : {}),
  });
}

/**
 * A judge speaking OpenAI chat completions (`POST {baseURL}/chat/completions`) through the official SDK, one attempt
 * per call (`maxRetries: 0`). JSON-answer templates use strict `json_schema` structured output by default.
 */
export function createOpenAIChatJudge(options: OpenAIChatJudgeOptions): BatchCapableJudge {
  const provider = options.provider ?? "openai";
  const baseURL = (options.baseURL ?? "https://api.openai.com/v1").replace(/\/+$/, "");
  const client = lazily(() =>
    createOpenAIClient({
      apiKey: options.apiKey,
      baseURL,
      ...(options.headers === undefined ? {} : { headers: options.headers }),
    }),
  );
  const endpoint: ProviderEndpoint = { provider, url: `${baseURL}/chat/completions`, secret: options.apiKey };
  const judge = createProviderJudge({
    provider,
    options,
    endpoint,
    parameters: {
      api: "chat-completions",
      baseURL,
      temperature: options.temperature ?? null,
      maxOutputTokens: options.maxOutputTokens ?? null,
      structuredOutput: options.structuredOutput ?? "json_schema",
      seed: options.seed ?? null,
      // Only when set, so that cache keys of runs without logprobs stay as they were.
      ...(options.topLogprobs === undefined ? {} : { topLogprobs: options.topLogprobs }),
    },
    buildRequestBody: (request) => buildOpenAIChatBody(request, options),
    prepare: client,
    send: async (body, transport) =>
      (await client()).chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming, {
        signal: transport.signal,
        maxRetries: 0,
        ...(transport.sdkTimeoutMs === undefined ? {} : { timeout: transport.sdkTimeoutMs }),
      }),
    parseResponseBody: (request, body, latencyMs) =>
      readOpenAIChatResponse({
        request,
        body,
        latencyMs,
        endpoint,
        ...(options.structuredOutput === undefined ? {} : { structuredOutput: options.structuredOutput }),
      }),
  });
  return { ...judge, batchProtocol: "openai-chat" };
}
