export {
  type AnthropicJsonMode,
  type AnthropicMessagesJudgeOptions,
  buildAnthropicMessagesBody,
  /** Alias of `createAnthropicMessagesJudge` (the provider-named factory, like `createGeminiJudge`). */
  createAnthropicMessagesJudge as createAnthropicJudge,
  createAnthropicMessagesJudge,
  readAnthropicMessagesResponse,
  VERDICT_TOOL_NAME,
} from "./adapters/anthropic-messages-judge.js";
export {
  callProvider,
  createEndpointCaller,
  mapProviderError,
  type ProviderEndpoint,
} from "./adapters/call-provider.js";
export {
  createProviderJudge,
  type ProviderJudgeOptions,
  type ProviderJudgeSpecification,
  type ProviderTransport,
} from "./adapters/create-provider-judge.js";
export { createAnthropicClient, createOpenAIClient } from "./adapters/create-sdk-client.js";
export {
  buildGeminiRequest,
  createGeminiJudge,
  type GeminiJudgeOptions,
  readGeminiResponse,
  toGeminiSchema,
} from "./adapters/gemini-judge.js";
export {
  buildOpenAIChatBody,
  type ChatStructuredOutput,
  createOpenAIChatJudge,
  type OpenAIChatBodySettings,
  type OpenAIChatJudgeOptions,
  readOpenAIChatResponse,
} from "./adapters/openai-chat-judge.js";
export { createOpenAICompatibleJudge, type OpenAICompatibleJudgeOptions } from "./adapters/openai-compatible-judge.js";
export {
  buildOpenAIResponsesBody,
  createOpenAIResponsesJudge,
  type OpenAIResponsesJudgeOptions,
  readOpenAIResponsesResponse,
} from "./adapters/openai-responses-judge.js";
export { REDACTED, redactSecret, redactSecretInText, redactUrlSecrets } from "./adapters/redact-secret.js";
export {
  type AnthropicBatchClient,
  type AnthropicBatchClientOptions,
  buildAnthropicBatchRequests,
  createAnthropicBatchClient,
} from "./batch/anthropic-batch.js";
export {
  addMissingOutcomes,
  type BatchEntry,
  type BatchItemOutcome,
  type BatchJobState,
  type BatchJobStatus,
  readBatchLine,
  validateBatchEntries,
} from "./batch/batch-types.js";
export {
  buildGeminiBatchRequests,
  createGeminiBatchClient,
  type GeminiBatchClient,
  type GeminiBatchClientOptions,
} from "./batch/gemini-batch.js";
export {
  buildOpenAIBatchInput,
  createOpenAIBatchClient,
  type OpenAIBatchClient,
  type OpenAIBatchClientOptions,
} from "./batch/openai-batch.js";
export { waitForBatch } from "./batch/wait-for-batch.js";
export { type AnswerEnding, buildJudgeResult, type JudgeAnswer } from "./build-judge-result.js";
export { answerComparisonTemplate, BUILT_IN_TEMPLATES, paperImpactTemplate } from "./built-in-templates.js";
export { extractJsonObjects } from "./extract-json-objects.js";
export { hashUniform, logistic, logisticFromUniform } from "./hash-uniform.js";
export {
  type HeaderSource,
  isRetryableJudgeCallErrorCode,
  JudgeCallError,
  type JudgeCallErrorCode,
  type JudgeCallErrorOptions,
  judgeCallErrorCodeForStatus,
  parseRetryAfterMs,
} from "./judge-call-error.js";
export type {
  BatchCapableJudge,
  BatchProtocol,
  JsonValue,
  JudgeAnswerFormat,
  JudgeCallContext,
  JudgeDecision,
  JudgeDescription,
  JudgeFailure,
  JudgeFailureKind,
  JudgeItem,
  JudgeRequest,
  JudgeResult,
  JudgeTemplate,
  JudgeUsage,
  JudgeVerdict,
  PairwiseJudge,
} from "./judge-contract.js";
export { loadJudgeTemplate, parseJudgeTemplate } from "./load-judge-template.js";
export { type ParsedVerdict, parseVerdictMarker, parseVerdictText } from "./parse-verdict-text.js";
export { normalizeLabel, positionOfLabel } from "./position-of-label.js";
export {
  BUILT_IN_TEMPLATE_VARIABLES,
  defineJudgeTemplate,
  hashJudgeTemplate,
  type JudgeTemplateDefinition,
  JudgeTemplateError,
  judgeTemplateValues,
  type RenderedJudgePrompt,
  renderJudgePrompt,
} from "./prompt-template.js";
export { readStatedConfidence } from "./read-stated-confidence.js";
export { createReplayJudge, type ReplayJudgeOptions } from "./replay-judge.js";
export {
  createSimulatedJudge,
  measureLengthStatistics,
  type SimulatedItemTruth,
  type SimulatedJudgeOptions,
  simulatedVerdictProbabilities,
} from "./simulated-judge.js";
export { parseStructuredVerdict, verdictJsonSchema, verdictZodSchema } from "./structured-verdict.js";
export { TRUNCATION_MARKER, truncateText } from "./truncate-text.js";
export {
  type DecodingStep,
  readVerdictLogprobs,
  type TokenLogprob,
  type VerdictProbabilities,
  verdictSpellings,
} from "./verdict-logprobs.js";
