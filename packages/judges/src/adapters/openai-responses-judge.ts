import type OpenAI from "openai";
import { z } from "zod";
import { buildJudgeResult } from "../build-judge-result.js";
import { JudgeCallError } from "../judge-call-error.js";
import type { JudgeRequest, JudgeResult, PairwiseJudge } from "../judge-contract.js";
import { renderJudgePrompt } from "../prompt-template.js";
import { verdictJsonSchema } from "../structured-verdict.js";
import type { ProviderEndpoint } from "./call-provider.js";
import { createProviderJudge, type ProviderJudgeOptions } from "./create-provider-judge.js";
import { createOpenAIClient, lazily } from "./create-sdk-client.js";
import { readResponseBody } from "./read-response-body.js";
import { redactSecret } from "./redact-secret.js";

/** Options of an OpenAI Responses-API judge (base URL default `https://api.openai.com/v1`). */
export interface OpenAIResponsesJudgeOptions extends ProviderJudgeOptions {
  /** Reasoning effort for reasoning models (`minimal` … `high`). */
  readonly reasoningEffort?: "minimal" | "low" | "medium" | "high";
  /** Default true: JSON-answer templates use `text.format` json_schema. */
  readonly structuredOutput?: boolean;
  /**
   * Ask for the top N (1–20) log-probabilities of every output token (`top_logprobs: N` with
   * `include: ["message.output_text.logprobs"]`); the verdict token's alternatives become its confidence.
   */
  readonly topLogprobs?: number;
}

/** Builds the `POST /responses` body for a request. `store: false`: judge calls are not kept by the provider. */
export function buildOpenAIResponsesBody(
  request: JudgeRequest,
  settings: Pick<
    OpenAIResponsesJudgeOptions,
    "model" | "temperature" | "maxOutputTokens" | "reasoningEffort" | "structuredOutput" | "topLogprobs"
  >,
): Record<string, unknown> {
  const prompt = renderJudgePrompt(request);
  const body: Record<string, unknown> = { model: settings.model, input: prompt.user, store: false };
  if (prompt.system !== undefined) body.instructions = prompt.system;
  if (settings.temperature !== undefined) body.temperature = settings.temperature;
  if (settings.maxOutputTokens !== undefined) body.max_output_tokens = settings.maxOutputTokens;
  if (settings.reasoningEffort !== undefined) body.reasoning = { effort: settings.reasoningEffort };
  if (settings.topLogprobs !== undefined) {
    body.top_logprobs = settings.topLogprobs;
    body.include = ["message.output_text.logprobs"];
  }
  const schema = verdictJsonSchema(request.template);
  if (schema !== undefined && settings.structuredOutput !== false) {
    body.text = { format: { type: "json_schema", name: "pairwise_verdict", strict: true, schema } };
  }
  return body;
}

const responseSchema = z.looseObject({
  model: z.string().optional(),
  status: z.string().optional(),
  error: z
    .looseObject({ message: z.string().optional(), code: z.string().nullable().optional() })
    .nullable()
    .optional(),
  incomplete_details: z.looseObject({ reason: z.string().optional() }).nullable().optional(),
  output: z.array(
    z.looseObject({
      type: z.string(),
      content: z
        .array(
          z.looseObject({
            type: z.string(),
            text: z.string().optional(),
            refusal: z.string().optional(),
            logprobs: z
              .array(
                z.looseObject({
                  token: z.string(),
                  logprob: z.number(),
                  top_logprobs: z.array(z.looseObject({ token: z.string(), logprob: z.number() })).optional(),
                }),
              )
              .optional(),
          }),
        )
        .optional(),
    }),
  ),
  usage: z.looseObject({ input_tokens: z.number(), output_tokens: z.number() }).nullable().optional(),
});

/** Reads a Responses-API body into a result; a wrong shape throws `malformed-response`. */
export function readOpenAIResponsesResponse(options: {
  readonly request: JudgeRequest;
  readonly body: unknown;
  readonly latencyMs: number;
  readonly endpoint: ProviderEndpoint;
  readonly structuredOutput?: boolean;
}): JudgeResult {
  const { endpoint } = options;
  const response = readResponseBody(responseSchema, options.body, endpoint);
  if (response.status === "failed") {
    throw new JudgeCallError({
      code: "server",
      message: `${endpoint.provider} response failed: ${response.error?.message ?? "no error message"}`,
      provider: endpoint.provider,
      url: endpoint.url,
    });
  }
  const parts = response.output.filter((item) => item.type === "message").flatMap((item) => item.content ?? []);
  const text = parts
    .filter((part) => part.type === "output_text")
    .map((part) => part.text ?? "")
    .join("");
  const refusal = parts
    .filter((part) => part.type === "refusal")
    .map((part) => part.refusal ?? "")
    .join("");
  const steps = parts
    .filter((part) => part.type === "output_text")
    .flatMap((part) => part.logprobs ?? [])
    .map((step) => ({ token: step.token, logprob: step.logprob, top: step.top_logprobs ?? [] }));
  const reason = response.status === "incomplete" ? response.incomplete_details?.reason : undefined;
  return buildJudgeResult({
    template: options.request.template,
    answer: text,
    structured: options.structuredOutput !== false,
    ending: reason === "max_output_tokens" ? "length" : reason === "content_filter" ? "content-filter" : "complete",
    ...(refusal === "" ? {} : { refusal }),
    usage: { inputTokens: response.usage?.input_tokens ?? 0, outputTokens: response.usage?.output_tokens ?? 0 },
    raw: redactSecret(options.body, endpoint.secret),
    latencyMs: options.latencyMs,
    ...(response.model === undefined ? {} : { responseModel: response.model }),
    ...(steps.length === 0 ? {} : { steps }),
  });
}

/**
 * A judge speaking the OpenAI Responses API (`POST {baseURL}/responses`) through the official SDK, one attempt per
 * call. JSON-answer templates use `text.format` json_schema structured output.
 */
export function createOpenAIResponsesJudge(options: OpenAIResponsesJudgeOptions): PairwiseJudge {
  const provider = "openai";
  const baseURL = (options.baseURL ?? "https://api.openai.com/v1").replace(/\/+$/, "");
  const client = lazily(() => createOpenAIClient({ apiKey: options.apiKey, baseURL }));
  const endpoint: ProviderEndpoint = { provider, url: `${baseURL}/responses`, secret: options.apiKey };
  return createProviderJudge({
    provider,
    options,
    endpoint,
    parameters: {
      api: "responses",
      baseURL,
      temperature: options.temperature ?? null,
      maxOutputTokens: options.maxOutputTokens ?? null,
      reasoningEffort: options.reasoningEffort ?? null,
      structuredOutput: options.structuredOutput ?? true,
      ...(options.topLogprobs === undefined ? {} : { topLogprobs: options.topLogprobs }),
    },
    buildRequestBody: (request) => buildOpenAIResponsesBody(request, options),
    prepare: client,
    send: async (body, transport) =>
      (await client()).responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming, {
        signal: transport.signal,
        maxRetries: 0,
        ...(transport.sdkTimeoutMs === undefined ? {} : { timeout: transport.sdkTimeoutMs }),
      }),
    parseResponseBody: (request, body, latencyMs) =>
      readOpenAIResponsesResponse({
        request,
        body,
        latencyMs,
        endpoint,
        ...(options.structuredOutput === undefined ? {} : { structuredOutput: options.structuredOutput }),
      }),
  });
}
