import type { GoogleGenAI, Schema, Type } from "@google/genai";
import { z } from "zod";
import { buildJudgeResult } from "../build-judge-result.js";
import { JudgeCallError } from "../judge-call-error.js";
import type { BatchCapableJudge, JudgeRequest, JudgeResult } from "../judge-contract.js";
import { renderJudgePrompt } from "../prompt-template.js";
import { verdictJsonSchema } from "../structured-verdict.js";
import type { DecodingStep } from "../verdict-logprobs.js";
import type { ProviderEndpoint } from "./call-provider.js";
import { createProviderJudge, type ProviderJudgeOptions } from "./create-provider-judge.js";
import { lazily } from "./create-sdk-client.js";
import { readResponseBody } from "./read-response-body.js";
import { redactSecret } from "./redact-secret.js";

/** Options of a Gemini judge (Gemini Developer API; base URL default `https://generativelanguage.googleapis.com`). */
export interface GeminiJudgeOptions extends ProviderJudgeOptions {
  /** Default true: JSON-answer templates use `responseMimeType: application/json` and `responseSchema`. */
  readonly structuredOutput?: boolean;
  /**
   * Ask for the top N (1–20) log-probabilities of every output token (`responseLogprobs: true, logprobs: N`); the
   * verdict token's alternatives become its confidence.
   */
  readonly topLogprobs?: number;
}

// `Type` members as values without loading the SDK (a string enum: the member's value is its name).
const STRING = "STRING" as Type.STRING;
const OBJECT = "OBJECT" as Type.OBJECT;
const NUMBER = "NUMBER" as Type.NUMBER;

/** The verdict JSON schema in Gemini's `Schema` dialect (upper-case types, no `additionalProperties`). */
export function toGeminiSchema(schema: Record<string, unknown>): Schema {
  const properties = (schema.properties ?? {}) as Record<
    string,
    { type?: string; enum?: string[]; description?: string }
  >;
  const converted: Record<string, Schema> = {};
  for (const [name, property] of Object.entries(properties)) {
    converted[name] = {
      type: property.type === "number" ? NUMBER : STRING,
      ...(property.enum === undefined ? {} : { enum: property.enum, format: "enum" }),
      ...(property.description === undefined ? {} : { description: property.description }),
    };
  }
  return {
    type: OBJECT,
    properties: converted,
    required: (schema.required ?? []) as string[],
    propertyOrdering: Object.keys(properties),
  };
}

/** The `generateContent` parameters for a request (model, contents and config, without transport options). */
export function buildGeminiRequest(
  request: JudgeRequest,
  settings: Pick<GeminiJudgeOptions, "model" | "temperature" | "maxOutputTokens" | "structuredOutput" | "topLogprobs">,
): { model: string; contents: string; config: Record<string, unknown> } & Record<string, unknown> {
  const prompt = renderJudgePrompt(request);
  const config: Record<string, unknown> = {};
  if (prompt.system !== undefined) config.systemInstruction = prompt.system;
  if (settings.temperature !== undefined) config.temperature = settings.temperature;
  if (settings.maxOutputTokens !== undefined) config.maxOutputTokens = settings.maxOutputTokens;
  if (settings.topLogprobs !== undefined) {
    config.responseLogprobs = true;
    config.logprobs = settings.topLogprobs;
  }
  const schema = verdictJsonSchema(request.template);
  if (schema !== undefined && settings.structuredOutput !== false) {
    config.responseMimeType = "application/json";
    config.responseSchema = toGeminiSchema(schema);
  }
  return { model: settings.model, contents: prompt.user, config };
}

const FILTER_REASONS = new Set(["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"]);

const candidateTokenSchema = z.looseObject({ token: z.string().optional(), logProbability: z.number().optional() });

/** `candidates[0].logprobsResult`: chosen token and top candidates per decoding step. */
const logprobsResultSchema = z
  .looseObject({
    chosenCandidates: z.array(candidateTokenSchema).optional(),
    topCandidates: z.array(z.looseObject({ candidates: z.array(candidateTokenSchema).optional() })).optional(),
  })
  .optional();

/** Decoding steps of a Gemini `logprobsResult` (a step's alternatives are its `topCandidates` entry). */
function readGeminiSteps(result: z.infer<typeof logprobsResultSchema>): DecodingStep[] {
  const toToken = (candidate: z.infer<typeof candidateTokenSchema>) => ({
    token: candidate.token ?? "",
    logprob: candidate.logProbability ?? Number.NEGATIVE_INFINITY,
  });
  return (result?.chosenCandidates ?? []).map((chosen, index) => ({
    ...toToken(chosen),
    top: (result?.topCandidates?.[index]?.candidates ?? []).map(toToken),
  }));
}

const generateContentSchema = z.looseObject({
  candidates: z
    .array(
      z.looseObject({
        content: z
          .looseObject({
            parts: z.array(z.looseObject({ text: z.string().optional(), thought: z.boolean().optional() })).optional(),
          })
          .optional(),
        finishReason: z.string().optional(),
        logprobsResult: logprobsResultSchema,
      }),
    )
    .optional(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional() }).optional(),
  usageMetadata: z
    .looseObject({
      promptTokenCount: z.number().optional(),
      candidatesTokenCount: z.number().optional(),
      thoughtsTokenCount: z.number().optional(),
    })
    .optional(),
  modelVersion: z.string().optional(),
});

/** Reads a `generateContent` response into a result; a wrong shape throws `malformed-response`. */
export function readGeminiResponse(options: {
  readonly request: JudgeRequest;
  readonly body: unknown;
  readonly latencyMs: number;
  readonly endpoint: ProviderEndpoint;
  readonly structuredOutput?: boolean;
}): JudgeResult {
  const response = readResponseBody(generateContentSchema, options.body, options.endpoint);
  const candidate = response.candidates?.[0];
  if (candidate === undefined && response.promptFeedback?.blockReason === undefined) {
    throw new JudgeCallError({
      code: "malformed-response",
      message: `${options.endpoint.provider} response from ${options.endpoint.url} has neither candidates nor a block reason`,
      provider: options.endpoint.provider,
      url: options.endpoint.url,
    });
  }
  const text = (candidate?.content?.parts ?? [])
    .filter((part) => part.thought !== true)
    .map((part) => part.text ?? "")
    .join("");
  const finish = candidate?.finishReason;
  const filtered =
    response.promptFeedback?.blockReason !== undefined || (finish !== undefined && FILTER_REASONS.has(finish));
  const usage = response.usageMetadata;
  const steps = readGeminiSteps(candidate?.logprobsResult);
  return buildJudgeResult({
    template: options.request.template,
    answer: text,
    structured: options.structuredOutput !== false,
    ending: filtered ? "content-filter" : finish === "MAX_TOKENS" ? "length" : "complete",
    usage: {
      inputTokens: usage?.promptTokenCount ?? 0,
      outputTokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
    },
    raw: redactSecret(options.body, options.endpoint.secret),
    latencyMs: options.latencyMs,
    ...(response.modelVersion === undefined ? {} : { responseModel: response.modelVersion }),
    ...(steps.length === 0 ? {} : { steps }),
  });
}

/**
 * A judge speaking Gemini `generateContent` (`POST {baseURL}/v1beta/models/{model}:generateContent`) through the
 * official @google/genai SDK, one attempt per call (no `retryOptions`). JSON-answer templates use
 * `responseMimeType: application/json` with a `responseSchema`. Response headers are captured through the SDK's
 * `fetch` hook, because its `ApiError` carries no headers and `Retry-After` would otherwise be lost. Batch capable:
 * the same parameters go into Gemini Batch Mode requests.
 */
export function createGeminiJudge(options: GeminiJudgeOptions): BatchCapableJudge {
  const provider = "gemini";
  const baseURL = (options.baseURL ?? "https://generativelanguage.googleapis.com").replace(/\/+$/, "");
  const client = lazily(async (): Promise<GoogleGenAI> => {
    const { GoogleGenAI: GoogleGenAIClient } = await import("@google/genai");
    return new GoogleGenAIClient({ apiKey: options.apiKey, vertexai: false, httpOptions: { baseUrl: baseURL } });
  });
  const endpoint: ProviderEndpoint = {
    provider,
    url: `${baseURL}/v1beta/models/${options.model}:generateContent`,
    secret: options.apiKey,
  };
  const judge = createProviderJudge({
    provider,
    options,
    endpoint,
    parameters: {
      api: "generateContent",
      baseURL,
      temperature: options.temperature ?? null,
      maxOutputTokens: options.maxOutputTokens ?? null,
      structuredOutput: options.structuredOutput ?? true,
      ...(options.topLogprobs === undefined ? {} : { topLogprobs: options.topLogprobs }),
    },
    buildRequestBody: (request) => buildGeminiRequest(request, options),
    prepare: client,
    send: async (body, transport) => {
      const capturingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
        const response = await fetch(input, init);
        transport.headers.current = response.headers;
        return response;
      };
      const parameters = body as ReturnType<typeof buildGeminiRequest>;
      const response = await (await client()).models.generateContent({
        model: parameters.model,
        contents: parameters.contents,
        config: {
          ...parameters.config,
          abortSignal: transport.signal,
          httpOptions: { baseUrl: baseURL, fetch: capturingFetch },
        },
      });
      // The SDK object also carries `sdkHttpResponse` (headers); keep only the response body fields.
      return JSON.parse(
        JSON.stringify({
          candidates: response.candidates,
          promptFeedback: response.promptFeedback,
          usageMetadata: response.usageMetadata,
          modelVersion: response.modelVersion,
          responseId: response.responseId,
        }),
      );
    },
    parseResponseBody: (request, body, latencyMs) =>
      readGeminiResponse({
        request,
        body,
        latencyMs,
        endpoint,
        ...(options.structuredOutput === undefined ? {} : { structuredOutput: options.structuredOutput }),
      }),
  });
  // Batch lines are `generateContent` parameters too (Gemini Batch Mode: `createGeminiBatchClient`).
  return { ...judge, batchProtocol: "gemini-generate-content" };
}
