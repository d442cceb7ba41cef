import { expect } from "vitest";
import { startFakeOpenAIServer } from "../test-support/fake-openai-server.js";
import { describeAdapterConformance } from "./adapter-conformance.test-helper.js";
import { createOpenAIResponsesJudge } from "./openai-responses-judge.js";

describeAdapterConformance({
  name: "OpenAI Responses API",
  start: (apiKey) => startFakeOpenAIServer({ apiKey }),
  createJudge: (server, apiKey) =>
    createOpenAIResponsesJudge({
      model: "gpt-resp",
      apiKey,
      baseURL: server.baseURL,
      maxOutputTokens: 400,
      reasoningEffort: "low",
    }),
  checkRequestBody: (body) => {
    expect(body).toMatchObject({
      model: "gpt-resp",
      store: false,
      max_output_tokens: 400,
      reasoning: { effort: "low" },
    });
    expect(body.instructions).toContain("scientific impact");
    expect(body.input).toContain("## Paper 2: Second title");
    expect(body.text).toMatchObject({
      format: {
        type: "json_schema",
        name: "pairwise_verdict",
        strict: true,
        schema: { required: ["winner", "reasoning"] },
      },
    });
  },
});
