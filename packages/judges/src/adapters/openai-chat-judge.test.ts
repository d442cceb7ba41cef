import { expect } from "vitest";
import { startFakeOpenAIServer } from "../test-support/fake-openai-server.js";
import { describeAdapterConformance } from "./adapter-conformance.test-helper.js";
import { createOpenAIChatJudge } from "./openai-chat-judge.js";

describeAdapterConformance({
  name: "OpenAI chat completions",
  start: (apiKey) => startFakeOpenAIServer({ apiKey }),
  createJudge: (server, apiKey) =>
    createOpenAIChatJudge({
      model: "gpt-test",
      apiKey,
      baseURL: server.baseURL,
      temperature: 0,
      maxOutputTokens: 300,
      family: "gpt",
    }),
  checkRequestBody: (body) => {
    expect(body.model).toBe("gpt-test");
    expect(body.temperature).toBe(0);
    expect(body.max_completion_tokens).toBe(300);
    const messages = body.messages as Array<{ role: string; content: string }>;
    expect(messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(messages[1]!.content).toContain("## Paper 1: First title");
    expect(body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: {
        name: "pairwise_verdict",
        strict: true,
        schema: { properties: { winner: { enum: ["paper1", "paper2"] } } },
      },
    });
  },
});
