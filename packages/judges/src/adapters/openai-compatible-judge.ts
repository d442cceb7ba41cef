import type { BatchCapableJudge } from "../judge-contract.js";
import { type ChatStructuredOutput, createOpenAIChatJudge } from "./openai-chat-judge.js";

/** Options of a judge on an OpenAI-compatible server (vLLM, Ollama, OpenRouter, LM Studio, llama.cpp). */
export interface OpenAICompatibleJudgeOptions {
  readonly model: string;
  /** Base URL including the API prefix, e.g. `http://localhost:8000/v1` (vLLM), `http://localhost:11434/v1`
   * (Ollama), `https://openrouter.ai/api/v1`. */
  readonly baseURL: string;
  /** Key when the server needs one (OpenRouter, vLLM `--api-key`); local servers usually do not. */
  readonly apiKey?: string;
  readonly id?: string;
  /** Provider name recorded in descriptions and errors (default `openai-compatible`; e.g. `vllm`, `ollama`). */
  readonly provider?: string;
  readonly family?: string;
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  /**
   * Default `none`: servers differ in structured-output support, so the prompt asks for the format and the tolerant
   * parser reads it. `json_schema` works on vLLM (guided decoding), Ollama and OpenRouter for most models.
   */
  readonly structuredOutput?: ChatStructuredOutput;
  readonly seed?: number;
  /** Top N log-probabilities per answer token (vLLM, Ollama ≥ 0.12 and OpenRouter accept `top_logprobs`). */
  readonly topLogprobs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A judge on any server that speaks OpenAI chat completions. Same wire protocol as `createOpenAIChatJudge`, with
 * `max_tokens` as the limit field (the one every compatible server accepts) and structured output off by default.
 */
export function createOpenAICompatibleJudge(options: OpenAICompatibleJudgeOptions): BatchCapableJudge {
  const provider = options.provider ?? "openai-compatible";
  return createOpenAIChatJudge({
    model: options.model,
    // The SDK insists on a key; servers without auth ignore the resulting `Authorization: Bearer no-key` header.
    apiKey: options.apiKey ?? "no-key",
    baseURL: options.baseURL,
    provider,
    id: options.id ?? `${provider}:${options.model}`,
    tokenLimitField: "max_tokens",
    structuredOutput: options.structuredOutput ?? "none",
    ...(options.family === undefined ? {} : { family: options.family }),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.maxOutputTokens === undefined ? {} : { maxOutputTokens: options.maxOutputTokens }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.topLogprobs === undefined ? {} : { topLogprobs: options.topLogprobs }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
}
