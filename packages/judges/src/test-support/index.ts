export {
  type FakeAnthropicServerOptions,
  fakeAnthropicMessage,
  startFakeAnthropicServer,
} from "./fake-anthropic-server.js";
export { type FakeGeminiBatchOptions, fakeGeminiBatchRoutes } from "./fake-gemini-batches.js";
export { type FakeGeminiServerOptions, fakeGenerateContent, startFakeGeminiServer } from "./fake-gemini-server.js";
export { type FakeTokenLogprobs, fakeTokenLogprobs, fakeVerdictProbabilities } from "./fake-logprobs.js";
export { fakeChatCompletion, fakeOpenAIErrorBody, fakeResponse } from "./fake-openai-answers.js";
export { type FakeOpenAIServerOptions, startFakeOpenAIServer } from "./fake-openai-server.js";
export {
  type FakeFault,
  type FakeRequestLogEntry,
  type FakeServer,
  type FakeServerOptions,
  startFakeServer,
} from "./fake-server-core.js";
export {
  composeFakeAnswer,
  decideFakeVerdict,
  expectedFakeVerdict,
  FAKE_REFUSAL_TEXT,
  type FakeAnswer,
  type FakeDecision,
  fakeScoredText,
  fakeTokenCount,
} from "./fake-verdict.js";
export { type FakeServerProcess, startFakeServerProcess } from "./start-fake-server-process.js";
