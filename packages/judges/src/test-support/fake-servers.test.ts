import { afterEach, describe, expect, it } from "vitest";
import { scoredRequest } from "../adapters/adapter-conformance.test-helper.js";
import { createOpenAIChatJudge } from "../adapters/openai-chat-judge.js";
import { paperImpactTemplate } from "../built-in-templates.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import type { FakeServer } from "./fake-server-core.js";
import { startFakeServerProcess } from "./start-fake-server-process.js";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("fake server core", () => {
  it("applies the configured latency, the fault policy after the queue, and logs without credentials", async () => {
    const fake = await startFakeOpenAIServer({
      latencyMs: 40,
      apiKey: "sk-core-test-key",
      faultPolicy: ({ index }) => (index % 2 === 1 ? { kind: "status", status: 503 } : undefined),
    });
    server = fake;
    const judge = createOpenAIChatJudge({ model: "m", apiKey: "sk-core-test-key", baseURL: fake.baseURL });
    const started = performance.now();
    await expect(judge.judge(scoredRequest(paperImpactTemplate, 1, 0))).resolves.toMatchObject({ verdict: "first" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    await expect(judge.judge(scoredRequest(paperImpactTemplate, 1, 0))).rejects.toMatchObject({ code: "server" });
    fake.faults.push({ kind: "unparseable" });
    await expect(judge.judge(scoredRequest(paperImpactTemplate, 1, 0))).resolves.toMatchObject({ kind: "unparseable" });
    expect(fake.log.map((entry) => entry.fault ?? "none")).toEqual(["none", "status", "unparseable"]);
    expect(fake.log[0]).toMatchObject({
      path: "/v1/chat/completions",
      model: "m",
      credentialPresent: true,
      authorized: true,
    });
    expect(JSON.stringify(fake.log)).not.toContain("sk-core-test-key");
  });

  it("answers unknown routes with the protocol's 404", async () => {
    const fake = await startFakeOpenAIServer();
    server = fake;
    const response = await fetch(`${fake.baseURL}/embeddings`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });
});

describe("startFakeServerProcess", () => {
  it("serves ground-truth verdicts from a child process and counts requests", async () => {
    const child = await startFakeServerProcess({ protocol: "openai", latencyMs: 5 });
    try {
      expect(child.pid).toBeTypeOf("number");
      const judge = createOpenAIChatJudge({ model: "m", apiKey: "k", baseURL: `${child.origin}/v1` });
      await expect(judge.judge(scoredRequest(paperImpactTemplate, 0, 1))).resolves.toMatchObject({ verdict: "second" });
      expect(await child.requestCount()).toBe(1);
    } finally {
      await child.close();
    }
  });
});
