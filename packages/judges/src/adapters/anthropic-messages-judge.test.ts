import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerComparisonTemplate, paperImpactTemplate } from "../built-in-templates.js";
import { type FakeServer, startFakeAnthropicServer } from "../test-support/index.js";
import { describeAdapterConformance, scoredRequest } from "./adapter-conformance.test-helper.js";
import { createAnthropicMessagesJudge, VERDICT_TOOL_NAME } from "./anthropic-messages-judge.js";

describeAdapterConformance({
  name: "Anthropic messages (forced tool)",
  start: (apiKey) => startFakeAnthropicServer({ apiKey }),
  createJudge: (server, apiKey) =>
    createAnthropicMessagesJudge({
      model: "claude-test",
      apiKey,
      baseURL: server.origin,
      maxOutputTokens: 512,
      family: "claude",
    }),
  contentFilterKind: "refusal",
  checkRequestBody: (body) => {
    expect(body).toMatchObject({
      model: "claude-test",
      max_tokens: 512,
      tool_choice: { type: "tool", name: VERDICT_TOOL_NAME },
    });
    expect(body.system).toContain("scientific impact");
    expect(body.messages).toEqual([{ role: "user", content: expect.stringContaining("## Paper 1: First title") }]);
    expect(body.tools).toEqual([
      expect.objectContaining({
        name: VERDICT_TOOL_NAME,
        input_schema: expect.objectContaining({ required: ["winner", "reasoning"] }),
      }),
    ]);
  },
});

describeAdapterConformance({
  name: "Anthropic messages (prefilled JSON)",
  start: (apiKey) => startFakeAnthropicServer({ apiKey }),
  createJudge: (server, apiKey) =>
    createAnthropicMessagesJudge({ model: "claude-test", apiKey, baseURL: server.origin, jsonMode: "prefill" }),
  contentFilterKind: "refusal",
  checkRequestBody: (body) => {
    expect(body).not.toHaveProperty("tools");
    expect(body.messages).toEqual([
      { role: "user", content: expect.any(String) },
      { role: "assistant", content: "{" },
    ]);
  },
});

describe("Anthropic messages details", () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeAnthropicServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("marks tool answers as structured and text-template answers as text; maps 529 overloaded to server", async () => {
    const judge = createAnthropicMessagesJudge({
      model: "claude-test",
      apiKey: "sk-ant-test-key",
      baseURL: server.origin,
    });
    await expect(judge.judge(scoredRequest(paperImpactTemplate, 2, 1))).resolves.toMatchObject({
      verdict: "first",
      parsedFrom: "structured",
    });
    await expect(judge.judge(scoredRequest(answerComparisonTemplate, 1, 2))).resolves.toMatchObject({
      verdict: "second",
      parsedFrom: "text",
    });
    expect(server.log[server.log.length - 1]!.body).not.toHaveProperty("tools");
    server.faults.push({ kind: "status", status: 529 });
    await expect(judge.judge(scoredRequest(paperImpactTemplate, 2, 1))).rejects.toMatchObject({
      code: "server",
      status: 529,
    });
  });
});
