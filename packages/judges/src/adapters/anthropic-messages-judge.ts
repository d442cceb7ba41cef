import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { buildJudgeResult } from "../build-judge-result.js";
import type { BatchCapableJudge, JudgeRequest, JudgeResult } from "../judge-contract.js";
import { renderJudgePrompt } from "../prompt-template.js";
import { verdictJsonSchema } from "../structured-verdict.js";
import type { ProviderEndpoint } from "./call-provider.js";
import { createProviderJudge, type ProviderJudgeOptions } from "./create-provider-judge.js";
import { createAnthropicClient, lazily } from "./create-sdk-client.js";
import { readResponseBody } from "./read-response-body.js";
import { redactSecret } from "./redact-secret.js";

/**
 * How an Anthropic judge gets JSON answers from JSON-answer templates:
 * - `tool` (default): a forced tool call whose `input_schema` is the verdict schema (Anthropic's structured output);
 * - `prefill`: the assistant turn is prefilled with `{`, and the answer is read as JSON text;
 * - `none`: the prompt's own instructions, read by the tolerant parser.
 */
export type AnthropicJsonMode = "tool" | "prefill" | "none";

/** Name of the tool that carries the verdict in `tool` mode. */
export const VERDICT_TOOL_NAME = "record_verdict";

/** Options of an Anthropic Messages judge (base URL default `https://api.anthropic.com`, no `/v1`). */
export interface AnthropicMessagesJudgeOptions extends ProviderJudgeOptions {
  /** Forced tool call (default), `{` prefill, or prompt only. */
  readonly jsonMode?: AnthropicJsonMode;
}

type BodySettings = Pick<AnthropicMessagesJudgeOptions, "model" | "temperature" | "maxOutputTokens" | "jsonMode">;

/** Builds the `POST /v1/messages` body for a request (also the `params` of a Message Batches request). */
export function buildAnthropicMessagesBody(request: JudgeRequest, settings: BodySettings): Record<string, unknown> {
  const prompt = renderJudgePrompt(request);
  const schema = verdictJsonSchema(request.template);
  const mode = schema === undefined ? "none" : (settings.jsonMode ?? "tool");
  const messages: Array<{ role: string; content: string }> = [{ role: "user", content: prompt.user }];
  if (mode === "prefill") messages.push({ role: "assistant", content: "{" });
  const body: Record<string, unknown> = {
    model: settings.model,
    max_tokens: settings.maxOutputTokens ?? 1024,
    messages,
  };
  if (prompt.system !== undefined) body.system = prompt.system;
  if (settings.temperature !== undefined) body.temperature = settings.temperature;
  if (mode === "tool") {
    body.tools = [
      {
        name: VERDICT_TOOL_NAME,
        description: `Record the verdict: which of ${request.template.labels.first} and ${request.template.labels.second} wins, and why.`,
        input_schema: schema,
      },
    ];
    body.tool_choice = { type: "tool", name: VERDICT_TOOL_NAME };
  }
  return body;
}

const messageSchema = z.looseObject({
  model: z.string().optional(),
  content: z.array(
    z.looseObject({
      type: z.string(),
      text: z.string().optional(),
      name: z.string().optional(),
      input: z.unknown().optional(),
    }),
  ),
  stop_reason: z.string().nullable().optional(),
  usage: z.looseObject({ input_tokens: z.number(), output_tokens: z.number() }).optional(),
});

/** Reads a Messages response body into a result; a wrong shape throws `malformed-response`. */
export function readAnthropicMessagesResponse(options: {
  readonly request: JudgeRequest;
  readonly body: unknown;
  readonly latencyMs: number;
  readonly endpoint: ProviderEndpoint;
  readonly jsonMode?: AnthropicJsonMode;
}): JudgeResult {
  const message = readResponseBody(messageSchema, options.body, options.endpoint);
  const mode = options.request.template.answer.kind === "json" ? (options.jsonMode ?? "tool") : "none";
  const toolUse = message.content.find((block) => block.type === "tool_use" && block.name === VERDICT_TOOL_NAME);
  const text = message.content
    .filter((block) => block.type === "text")
    .map((block) => block.text ?? "")
    .join("");
  const toolInput = toolUse?.input;
  const answer =
    toolInput !== null && typeof toolInput === "object" && !Array.isArray(toolInput)
      ? (toolInput as Record<string, unknown>)
      : mode === "prefill"
        ? `{${text}`
        : text;
  const stop = message.stop_reason;
  return buildJudgeResult({
    template: options.request.template,
    answer,
    structured: mode === "tool" && toolUse !== undefined,
    ending:
      stop === "refusal"
        ? "refusal"
        : stop === "max_tokens" || stop === "model_context_window_exceeded"
          ? "length"
          : "complete",
    usage: { inputTokens: message.usage?.input_tokens ?? 0, outputTokens: message.usage?.output_tokens ?? 0 },
    raw: redactSecret(options.body, options.endpoint.secret),
    latencyMs: options.latencyMs,
    ...(message.model === undefined ? {} : { responseModel: message.model }),
  });
}

/**
 * A judge speaking the Anthropic Messages API (`POST {baseURL}/v1/messages`) through the official SDK, one attempt
 * per call (`maxRetries: 0`). JSON-answer templates use a forced tool call by default.
 */
export function createAnthropicMessagesJudge(options: AnthropicMessagesJudgeOptions): BatchCapableJudge {
  const provider = "anthropic";
  const baseURL = (options.baseURL ?? "https://api.anthropic.com").replace(/\/+$/, "");
  const client = lazily(() => createAnthropicClient({ apiKey: options.apiKey, baseURL }));
  const endpoint: ProviderEndpoint = { provider, url: `${baseURL}/v1/messages`, secret: options.apiKey };
  const judge = createProviderJudge({
    provider,
    options,
    endpoint,
    parameters: {
      api: "messages",
      baseURL,
      temperature: options.temperature ?? null,
      maxOutputTokens: options.maxOutputTokens ?? 1024,
      jsonMode: options.jsonMode ?? "tool",
    },
    buildRequestBody: (request) => buildAnthropicMessagesBody(request, options),
    prepare: client,
    send: async (body, transport) =>
      (await client()).messages.create(body as unknown as Anthropic.MessageCreateParamsNonStreaming, {
        signal: transport.signal,
        maxRetries: 0,
        ...(transport.sdkTimeoutMs === undefined ? {} : { timeout: transport.sdkTimeoutMs }),
      }),
    parseResponseBody: (request, body, latencyMs) =>
      readAnthropicMessagesResponse({
        request,
        body,
        latencyMs,
        endpoint,
        ...(options.jsonMode === undefined ? {} : { jsonMode: options.jsonMode }),
      }),
  });
  return { ...judge, batchProtocol: "anthropic-messages" };
}
