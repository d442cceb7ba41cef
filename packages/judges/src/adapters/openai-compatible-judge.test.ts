import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paperImpactTemplate } from "../built-in-templates.js";
import { type FakeServer, startFakeOpenAIServer } from "../test-support/index.js";
import { describeAdapterConformance, scoredRequest } from "./adapter-conformance.test-helper.js";
import { createOpenAICompatibleJudge } from "./openai-compatible-judge.js";

describeAdapterConformance({
  name: "OpenAI-compatible server (prompted JSON, tolerant parsing)",
  start: (apiKey) => startFakeOpenAIServer({ apiKey }),
  createJudge: (server, apiKey) =>
    createOpenAICompatibleJudge({
      model: "qwen3-8b",
      apiKey,
      baseURL: server.baseURL,
      provider: "vllm",
      maxOutputTokens: 256,
    }),
  checkRequestBody: (body) => {
    expect(body).toMatchObject({ model: "qwen3-8b", max_tokens: 256 });
    expect(body).not.toHaveProperty("response_format");
    expect(body).not.toHaveProperty("max_completion_tokens");
  },
});

describe("OpenAI-compatible server options", () => {
  let server: FakeServer & { baseURL: string };
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("reads verdicts from text, sends structured output on request, and describes the base URL", async () => {
    const prompted = createOpenAICompatibleJudge({ model: "llama", baseURL: server.baseURL, provider: "ollama" });
    const result = await prompted.judge(scoredRequest(paperImpactTemplate, 3, 5));
    expect(result).toMatchObject({ type: "verdict", verdict: "second", parsedFrom: "text" });
    expect(prompted.describe()).toMatchObject({
      id: "ollama:llama",
      provider: "ollama",
      parameters: { baseURL: server.baseURL, structuredOutput: "none" },
    });
    const structured = createOpenAICompatibleJudge({
      model: "llama",
      baseURL: server.baseURL,
      structuredOutput: "json_schema",
    });
    await expect(structured.judge(scoredRequest(paperImpactTemplate, 5, 3))).resolves.toMatchObject({
      verdict: "first",
      parsedFrom: "structured",
    });
    expect(server.log[server.log.length - 1]!.body).toHaveProperty("response_format.type", "json_schema");
  });
});
