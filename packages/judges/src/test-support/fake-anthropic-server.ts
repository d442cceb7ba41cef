import { randomUUID } from "node:crypto";
import type Anthropic from "@anthropic-ai/sdk";
import {
  type FakeFault,
  type FakeProtocol,
  type FakeRoute,
  type FakeServer,
  type FakeServerOptions,
  startFakeServer,
} from "./fake-server-core.js";
import { composeFakeAnswer, decideFakeVerdict, FAKE_REFUSAL_TEXT, fakeTokenCount } from "./fake-verdict.js";

type Json = Record<string, unknown>;

function blocksText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((block) => String((block as Json)?.text ?? "")).join("\n");
  return "";
}

/** Anthropic Messages answer for a request body (shared by online calls and batch results). */
export function fakeAnthropicMessage(body: unknown, fault: FakeFault | undefined): Anthropic.Message {
  const request = (body ?? {}) as Json;
  const messages = Array.isArray(request.messages) ? (request.messages as Json[]) : [];
  const userText = messages.filter((message) => message.role === "user").map((message) => blocksText(message.content));
  const promptText = [blocksText(request.system), ...userText].join("\n");
  const last = messages[messages.length - 1];
  const prefill = last?.role === "assistant" ? blocksText(last.content) : "";
  const toolChoice = request.tool_choice as Json | undefined;
  const tools = Array.isArray(request.tools) ? (request.tools as Json[]) : [];
  const tool = toolChoice?.type === "tool" ? tools.find((candidate) => candidate.name === toolChoice.name) : undefined;
  const answer = composeFakeAnswer({
    verdict: decideFakeVerdict(promptText),
    promptText,
    schema: tool?.input_schema,
    unparseable: fault?.kind === "unparseable",
  });
  const textBlock = (text: string): Anthropic.TextBlock => ({ type: "text", text, citations: null });
  let content: Anthropic.ContentBlock[];
  let stopReason: Anthropic.StopReason = "end_turn";
  if (fault?.kind === "refusal" || fault?.kind === "content-filter") {
    content = [textBlock(FAKE_REFUSAL_TEXT)];
    stopReason = "refusal";
  } else if (fault?.kind === "truncated") {
    content = [textBlock(answer.text.slice(prefill.length, 8))];
    stopReason = "max_tokens";
  } else if (tool !== undefined && answer.json !== undefined && fault?.kind !== "unparseable") {
    content = [
      {
        type: "tool_use",
        id: `toolu_${randomUUID().replace(/-/g, "")}`,
        name: String(tool.name),
        input: answer.json,
        caller: { type: "direct" },
      },
    ];
    stopReason = "tool_use";
  } else {
    const text = prefill !== "" && answer.text.startsWith(prefill) ? answer.text.slice(prefill.length) : answer.text;
    content = [textBlock(text)];
  }
  const outputText = content
    .map((block) => (block.type === "tool_use" ? JSON.stringify(block.input) : block.type === "text" ? block.text : ""))
    .join("");
  return {
    id: `msg_${randomUUID().replace(/-/g, "")}`,
    type: "message",
    role: "assistant",
    model: String(request.model ?? "unknown"),
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: {
      input_tokens: fakeTokenCount(promptText),
      output_tokens: fakeTokenCount(outputText),
      cache_creation: null,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: "standard",
      speed: null,
    },
  };
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

function errorBody(status: number, message: string): Json {
  return { type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message } };
}

/** Options of the fake Anthropic server. */
export interface FakeAnthropicServerOptions extends FakeServerOptions {
  /** How many status polls a batch answers `in_progress` before `ended` (default 1). */
  readonly batchPollsUntilComplete?: number;
  /** Fault per batch request by custom_id: `status` faults give `errored` results, others shape the message. */
  readonly batchLineFault?: (customId: string) => FakeFault | undefined;
}

interface StoredBatch {
  readonly object: Anthropic.Messages.Batches.MessageBatch;
  readonly requests: Array<{ custom_id: string; params: unknown }>;
  results?: string;
  polls: number;
}

/**
 * A fake Anthropic server: `POST /v1/messages` and Message Batches (`POST /v1/messages/batches`,
 * `GET /v1/messages/batches/{id}`, `GET …/{id}/results` as JSONL, `POST …/{id}/cancel`), with the JSON shapes of the
 * Anthropic SDK types. Credential: `x-api-key` or `Authorization: Bearer`.
 */
export async function startFakeAnthropicServer(options: FakeAnthropicServerOptions = {}): Promise<FakeServer> {
  const batches = new Map<string, StoredBatch>();
  const finish = (stored: StoredBatch, origin: string): void => {
    let succeeded = 0;
    let errored = 0;
    const lines = stored.requests.map(({ custom_id, params }) => {
      const fault = options.batchLineFault?.(custom_id);
      if (fault?.kind === "status") {
        errored++;
        return JSON.stringify({
          custom_id,
          result: { type: "errored", error: errorBody(fault.status, "injected batch error") },
        });
      }
      succeeded++;
      return JSON.stringify({ custom_id, result: { type: "succeeded", message: fakeAnthropicMessage(params, fault) } });
    });
    stored.results = lines.map((line) => `${line}\n`).join("");
    Object.assign(stored.object, {
      processing_status: "ended",
      ended_at: new Date().toISOString(),
      request_counts: { processing: 0, succeeded, errored, canceled: 0, expired: 0 },
      results_url: `${origin}/v1/messages/batches/${String(stored.object.id)}/results`,
    });
  };
  const routes: FakeRoute[] = [
    {
      method: "POST",
      pattern: /^\/v1\/messages$/,
      faultable: true,
      handle: ({ body, fault }) => ({ status: 200, body: fakeAnthropicMessage(body, fault) }),
    },
    {
      method: "POST",
      pattern: /^\/v1\/messages\/batches$/,
      faultable: true,
      handle: ({ body }) => {
        const requests = ((body as Json | undefined)?.requests ?? []) as StoredBatch["requests"];
        const now = new Date();
        const object: Anthropic.Messages.Batches.MessageBatch = {
          id: `msgbatch_${randomUUID().replace(/-/g, "")}`,
          type: "message_batch",
          processing_status: "in_progress",
          request_counts: { processing: requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
          ended_at: null,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
          archived_at: null,
          cancel_initiated_at: null,
          results_url: null,
        };
        batches.set(String(object.id), { object, requests, polls: 0 });
        return { status: 200, body: object };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/messages\/batches\/([^/]+)$/,
      faultable: true,
      handle: ({ match, baseUrl }) => {
        const stored = batches.get(match[1] ?? "");
        if (stored === undefined) return { status: 404, body: errorBody(404, "no such batch") };
        stored.polls++;
        if (
          stored.object.processing_status === "in_progress" &&
          stored.polls > (options.batchPollsUntilComplete ?? 1)
        ) {
          finish(stored, baseUrl);
        }
        return { status: 200, body: stored.object };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/messages\/batches\/([^/]+)\/results$/,
      faultable: true,
      handle: ({ match }) => {
        const stored = batches.get(match[1] ?? "");
        if (stored?.results === undefined) return { status: 404, body: errorBody(404, "results not available") };
        return { status: 200, body: stored.results, raw: true };
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/messages\/batches\/([^/]+)\/cancel$/,
      faultable: true,
      handle: ({ match }) => {
        const stored = batches.get(match[1] ?? "");
        if (stored === undefined) return { status: 404, body: errorBody(404, "no such batch") };
        Object.assign(stored.object, { processing_status: "canceling", cancel_initiated_at: new Date().toISOString() });
        return { status: 200, body: stored.object };
      },
    },
  ];
  const protocol: FakeProtocol = {
    routes,
    // The API takes `x-api-key`; @anthropic-ai/sdk 1.x sends the key as `Authorization: Bearer`. Both are accepted.
    credentialOf: (headers) => {
      const key = headers["x-api-key"];
      if (typeof key === "string") return key;
      const authorization = headers.authorization;
      return typeof authorization === "string" && authorization.startsWith("Bearer ")
        ? authorization.slice("Bearer ".length)
        : undefined;
    },
    errorBody,
    modelOf: (_path, body) => {
      const model = (body as Json | undefined)?.model;
      return typeof model === "string" ? model : undefined;
    },
  };
  return startFakeServer(protocol, options);
}
