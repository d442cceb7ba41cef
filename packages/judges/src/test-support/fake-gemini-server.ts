import { randomUUID } from "node:crypto";
import type { BlockedReason, FinishReason, GenerateContentResponse } from "@google/genai";
import { type FakeGeminiBatchOptions, fakeGeminiBatchRoutes } from "./fake-gemini-batches.js";
import { fakeTokenLogprobs } from "./fake-logprobs.js";
import {
  type FakeFault,
  type FakeProtocol,
  type FakeServer,
  type FakeServerOptions,
  startFakeServer,
} from "./fake-server-core.js";
import { composeFakeAnswer, decideFakeVerdict, FAKE_REFUSAL_TEXT, fakeTokenCount } from "./fake-verdict.js";

type Json = Record<string, unknown>;

function partsText(content: unknown): string {
  const parts = (content as Json | undefined)?.parts;
  return Array.isArray(parts) ? parts.map((part) => String((part as Json)?.text ?? "")).join("\n") : "";
}

/** `generateContent` answer for a request body. */
export function fakeGenerateContent(
  body: unknown,
  model: string,
  fault: FakeFault | undefined,
): Pick<GenerateContentResponse, "candidates" | "promptFeedback" | "usageMetadata" | "modelVersion" | "responseId"> {
  const request = (body ?? {}) as Json;
  const contents = Array.isArray(request.contents) ? request.contents : [];
  const promptText = [partsText(request.systemInstruction), ...contents.map(partsText)].join("\n");
  const generation = (request.generationConfig ?? {}) as Json;
  const schema =
    generation.responseMimeType === "application/json"
      ? (generation.responseSchema ?? generation.responseJsonSchema)
      : undefined;
  const answer = composeFakeAnswer({
    verdict: decideFakeVerdict(promptText),
    promptText,
    schema,
    unparseable: fault?.kind === "unparseable",
  });
  const usageMetadata = {
    promptTokenCount: fakeTokenCount(promptText),
    candidatesTokenCount: fakeTokenCount(answer.text),
    totalTokenCount: fakeTokenCount(promptText) + fakeTokenCount(answer.text),
  };
  const base = { usageMetadata, modelVersion: model, responseId: randomUUID().replace(/-/g, "") };
  if (fault?.kind === "content-filter") {
    return { promptFeedback: { blockReason: "SAFETY" as BlockedReason.SAFETY }, ...base };
  }
  const text =
    fault?.kind === "refusal" ? FAKE_REFUSAL_TEXT : fault?.kind === "truncated" ? answer.text.slice(0, 8) : answer.text;
  const steps =
    generation.responseLogprobs === true && text === answer.text
      ? fakeTokenLogprobs({ answer, promptText, topN: Number(generation.logprobs ?? 0) })
      : undefined;
  const candidate = (token: { token: string; logprob: number }) => ({
    token: token.token,
    logProbability: token.logprob,
  });
  return {
    candidates: [
      {
        ...(steps === undefined
          ? {}
          : {
              logprobsResult: {
                chosenCandidates: steps.map(candidate),
                topCandidates: steps.map((step) => ({ candidates: step.top.map(candidate) })),
              },
            }),
        content: { role: "model", parts: [{ text }] },
        finishReason:
          fault?.kind === "truncated" ? ("MAX_TOKENS" as FinishReason.MAX_TOKENS) : ("STOP" as FinishReason.STOP),
        index: 0,
      },
    ],
    ...base,
  };
}

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  408: "DEADLINE_EXCEEDED",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

function errorBody(status: number, message: string): Json {
  return { error: { code: status, message, status: STATUS_NAMES[status] ?? "UNKNOWN" } };
}

/** Options of the fake Gemini server: the shared ones and those of the Batch Mode endpoints. */
export type FakeGeminiServerOptions = FakeServerOptions & FakeGeminiBatchOptions;

/**
 * A fake Gemini Developer API server: `POST /v1beta/models/{model}:generateContent` with the JSON shapes of the
 * @google/genai types, and Batch Mode (`:batchGenerateContent`, `GET /v1beta/batches/{id}`, `:cancel`; see
 * `fakeGeminiBatchRoutes`). Credential: `x-goog-api-key` header (or `?key=`).
 */
export async function startFakeGeminiServer(options: FakeGeminiServerOptions = {}): Promise<FakeServer> {
  const protocol: FakeProtocol = {
    routes: [
      {
        method: "POST",
        pattern: /^\/v1beta\/models\/([^/:]+):generateContent$/,
        faultable: true,
        handle: ({ body, fault, match }) => ({ status: 200, body: fakeGenerateContent(body, match[1] ?? "", fault) }),
      },
      ...fakeGeminiBatchRoutes(options, fakeGenerateContent, errorBody),
    ],
    credentialOf: (headers, url) => {
      const key = headers["x-goog-api-key"];
      return typeof key === "string" ? key : (url.searchParams.get("key") ?? undefined);
    },
    errorBody,
    modelOf: (path) => /\/models\/([^/:]+):/.exec(path)?.[1],
  };
  return startFakeServer(protocol, options);
}
