import { randomUUID } from "node:crypto";
import type OpenAI from "openai";
import { fakeTokenLogprobs } from "./fake-logprobs.js";
import type { FakeFault } from "./fake-server-core.js";
import { composeFakeAnswer, decideFakeVerdict, FAKE_REFUSAL_TEXT, fakeTokenCount } from "./fake-verdict.js";

type Json = Record<string, unknown>;

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === "string" ? part : String((part as Json)?.text ?? ""))).join("\n");
  }
  return "";
}

/** A token in OpenAI's logprob shape (with its UTF-8 bytes). */
function withBytes(token: { token: string; logprob: number }): { token: string; logprob: number; bytes: number[] } {
  return { token: token.token, logprob: token.logprob, bytes: [...Buffer.from(token.token, "utf8")] };
}

/** Chat-completions answer for a request body (shared by online calls and batch lines). */
export function fakeChatCompletion(body: unknown, fault: FakeFault | undefined): OpenAI.ChatCompletion {
  const request = (body ?? {}) as Json;
  const messages = Array.isArray(request.messages) ? (request.messages as Json[]) : [];
  const promptText = messages.map((message) => contentText(message.content)).join("\n");
  const format = request.response_format as Json | undefined;
  const schema = format?.type === "json_schema" ? (format.json_schema as Json | undefined)?.schema : undefined;
  const verdict = decideFakeVerdict(promptText);
  const answer = composeFakeAnswer({ verdict, promptText, schema, unparseable: fault?.kind === "unparseable" });
  let content: string | null = answer.text;
  let refusal: string | null = null;
  let finishReason: OpenAI.ChatCompletion.Choice["finish_reason"] = "stop";
  if (fault?.kind === "refusal") {
    content = null;
    refusal = FAKE_REFUSAL_TEXT;
  } else if (fault?.kind === "content-filter") {
    content = null;
    finishReason = "content_filter";
  } else if (fault?.kind === "truncated") {
    content = answer.text.slice(0, 8);
    finishReason = "length";
  }
  const promptTokens = fakeTokenCount(promptText);
  const completionTokens = fakeTokenCount(content ?? refusal ?? "");
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: String(request.model ?? "unknown"),
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal, annotations: [] },
        logprobs:
          request.logprobs === true && content === answer.text
            ? {
                content: fakeTokenLogprobs({ answer, promptText, topN: Number(request.top_logprobs ?? 0) }).map(
                  (step) => ({ ...withBytes(step), top_logprobs: step.top.map(withBytes) }),
                ),
                refusal: null,
              }
            : null,
        finish_reason: finishReason,
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    system_fingerprint: "fp_fake",
  };
}

/** Responses-API answer (`output_text` is a convenience the SDK adds on the client, not part of the wire shape). */
export function fakeResponse(
  body: unknown,
  fault: FakeFault | undefined,
): Omit<OpenAI.Responses.Response, "output_text"> {
  const request = (body ?? {}) as Json;
  const input = request.input;
  const inputText = Array.isArray(input)
    ? input.map((message) => contentText((message as Json).content)).join("\n")
    : contentText(input);
  const promptText = `${contentText(request.instructions)}\n${inputText}`;
  const format = (request.text as Json | undefined)?.format as Json | undefined;
  const schema = format?.type === "json_schema" ? format.schema : undefined;
  const answer = composeFakeAnswer({
    verdict: decideFakeVerdict(promptText),
    promptText,
    schema,
    unparseable: fault?.kind === "unparseable",
  });
  const include = Array.isArray(request.include) ? request.include : [];
  const logprobs = include.includes("message.output_text.logprobs")
    ? fakeTokenLogprobs({ answer, promptText, topN: Number(request.top_logprobs ?? 0) }).map((step) => ({
        ...withBytes(step),
        top_logprobs: step.top.map(withBytes),
      }))
    : undefined;
  let content: Array<OpenAI.Responses.ResponseOutputText | OpenAI.Responses.ResponseOutputRefusal> = [
    { type: "output_text", text: answer.text, annotations: [], ...(logprobs === undefined ? {} : { logprobs }) },
  ];
  let status: OpenAI.Responses.ResponseStatus = "completed";
  let incomplete: OpenAI.Responses.Response.IncompleteDetails | null = null;
  if (fault?.kind === "refusal") content = [{ type: "refusal", refusal: FAKE_REFUSAL_TEXT }];
  if (fault?.kind === "content-filter") {
    content = [];
    status = "incomplete";
    incomplete = { reason: "content_filter" };
  }
  if (fault?.kind === "truncated") {
    content = [{ type: "output_text", text: answer.text.slice(0, 8), annotations: [] }];
    status = "incomplete";
    incomplete = { reason: "max_output_tokens" };
  }
  const inputTokens = fakeTokenCount(promptText);
  const outputTokens = fakeTokenCount(answer.text);
  return {
    id: `resp_${randomUUID().replace(/-/g, "")}`,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    error: null,
    incomplete_details: incomplete,
    instructions: typeof request.instructions === "string" ? request.instructions : null,
    model: String(request.model ?? "unknown"),
    output: [
      { type: "message", id: `msg_${randomUUID().replace(/-/g, "")}`, status: "completed", role: "assistant", content },
    ],
    metadata: null,
    parallel_tool_calls: true,
    tool_choice: "auto",
    tools: [],
    temperature: typeof request.temperature === "number" ? request.temperature : 1,
    top_p: 1,
    text: request.text ?? { format: { type: "text" } },
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
  };
}

/** OpenAI error envelope for a status. */
export function fakeOpenAIErrorBody(status: number, message: string): Json {
  const type =
    status === 429
      ? "rate_limit_error"
      : status === 401
        ? "invalid_request_error"
        : status >= 500
          ? "server_error"
          : "invalid_request_error";
  return { error: { message, type, param: null, code: status === 401 ? "invalid_api_key" : null } };
}
