import { afterEach, describe, expect, it } from "vitest";
import { scoredRequest } from "../adapters/adapter-conformance.test-helper.js";
import { createGeminiJudge } from "../adapters/gemini-judge.js";
import { createOpenAIChatJudge } from "../adapters/openai-chat-judge.js";
import { answerComparisonTemplate, paperImpactTemplate } from "../built-in-templates.js";
import { type FakeServer, startFakeGeminiServer } from "../test-support/index.js";
import type { BatchEntry, BatchItemOutcome, BatchJobStatus } from "./batch-types.js";
import { buildGeminiBatchRequests, createGeminiBatchClient } from "./gemini-batch.js";
import { waitForBatch } from "./wait-for-batch.js";

const API_KEY = "AIza-test-GEMINI-BATCH-KEY-0123456789";

/** Entry i scores i against 2.5 (against 1 for entry 1, a tie under the tie-capable answer template). */
function secondScore(index: number): number {
  return index === 1 ? 1 : 2.5;
}

function entries(): BatchEntry[] {
  return Array.from({ length: 6 }, (_, index) => ({
    customId: `cmp-${index}`,
    request: scoredRequest(index % 2 === 0 ? paperImpactTemplate : answerComparisonTemplate, index, secondScore(index)),
  }));
}

function expectedVerdict(index: number): "first" | "second" | "tie" {
  return index > secondScore(index) ? "first" : index < secondScore(index) ? "second" : "tie";
}

function byId(outcomes: readonly BatchItemOutcome[]): Map<string, BatchItemOutcome> {
  return new Map(outcomes.map((outcome) => [outcome.customId, outcome]));
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("Gemini Batch Mode client", () => {
  it("creates with inline requests, polls through a 500, and collects results, a failed request and a refusal", async () => {
    const fake = await startFakeGeminiServer({
      apiKey: API_KEY,
      batchPollsUntilComplete: 2,
      batchLineFault: (key) =>
        key === "cmp-3" ? { kind: "status", status: 500 } : key === "cmp-4" ? { kind: "refusal" } : undefined,
    });
    server = fake;
    const judge = createGeminiJudge({ model: "gemini-batch", apiKey: API_KEY, baseURL: fake.origin });
    const client = createGeminiBatchClient({ apiKey: API_KEY, baseURL: fake.origin });
    const all = entries();
    const submitted = await client.submit({ entries: all, judge, displayName: "test-batch" });
    expect(submitted).toMatchObject({ state: "pending", done: false, counts: { total: 6 } });
    expect(submitted.id).toMatch(/^batches\/[0-9a-f]{20}$/);
    fake.faults.push({ kind: "status", status: 500 });
    const states: string[] = [];
    const finished = await waitForBatch({
      retrieve: () => client.retrieve(submitted.id),
      intervalMs: 5,
      onStatus: (status: BatchJobStatus) => states.push(status.state),
    });
    // The 500 poll is waited out (retryable); two counted polls run, the third succeeds.
    expect(states).toEqual(["running", "running", "completed"]);
    expect(finished.counts).toEqual({ total: 6, succeeded: 5, failed: 1 });
    const polls = fake.log.filter((entry) => entry.method === "GET" && entry.path === `/v1beta/${submitted.id}`);
    expect(polls.map((entry) => entry.fault)).toEqual(["status", undefined, undefined, undefined]);
    const outcomes = byId(await client.collect({ status: finished, entries: all, judge }));
    expect(outcomes.size).toBe(6);
    for (const index of [0, 1, 2, 5]) {
      expect(outcomes.get(`cmp-${index}`)).toMatchObject({
        type: "result",
        result: { type: "verdict", verdict: expectedVerdict(index) },
      });
    }
    expect(outcomes.get("cmp-3")).toMatchObject({ type: "error", error: { code: "server", isRetryable: true } });
    expect(outcomes.get("cmp-4")).toMatchObject({ type: "result", result: { type: "failure", kind: "refusal" } });
    expect(JSON.stringify([...outcomes.values()])).not.toContain(API_KEY);
  });

  it("sends the generateContent request of each entry, keyed by metadata.key, on the REST wire format", async () => {
    const fake = await startFakeGeminiServer({ apiKey: API_KEY });
    server = fake;
    const judge = createGeminiJudge({ model: "gemini-batch", apiKey: API_KEY, baseURL: fake.origin, temperature: 0 });
    const client = createGeminiBatchClient({ apiKey: API_KEY, baseURL: fake.origin });
    await client.submit({ entries: entries().slice(0, 2), judge, displayName: "wire" });
    const create = fake.log.find((entry) => entry.path === "/v1beta/models/gemini-batch:batchGenerateContent")!;
    expect(create).toMatchObject({ method: "POST", authorized: true, model: "gemini-batch" });
    const batch = (
      create.body as { batch: { displayName: string; inputConfig: { requests: { requests: unknown[] } } } }
    ).batch;
    expect(batch.displayName).toBe("wire");
    expect(batch.inputConfig.requests.requests).toHaveLength(2);
    expect(batch.inputConfig.requests.requests[0]).toMatchObject({
      metadata: { key: "cmp-0" },
      request: {
        model: "models/gemini-batch",
        contents: [{ role: "user", parts: [{ text: expect.any(String) }] }],
        systemInstruction: { parts: [{ text: expect.any(String) }] },
        generationConfig: { temperature: 0, responseMimeType: "application/json", responseSchema: { type: "OBJECT" } },
      },
    });
  });

  it("reports the entries of a cancelled batch as not-run, and maps responses without metadata by order", async () => {
    const fake = await startFakeGeminiServer({ batchPollsUntilComplete: 100 });
    server = fake;
    const judge = createGeminiJudge({ model: "gemini-batch", apiKey: API_KEY, baseURL: fake.origin });
    const client = createGeminiBatchClient({ apiKey: API_KEY, baseURL: fake.origin });
    const submitted = await client.submit({ entries: entries(), judge });
    const cancelled = await client.cancel(submitted.id);
    expect(cancelled).toMatchObject({ state: "cancelled", done: true });
    const outcomes = await client.collect({ status: cancelled, entries: entries(), judge });
    expect(outcomes).toHaveLength(6);
    expect(outcomes.every((outcome) => outcome.type === "not-run" && outcome.reason === "cancelled")).toBe(true);
    // A finished batch whose responses carry no metadata: the n-th response belongs to the n-th entry.
    const status: BatchJobStatus = {
      id: "batches/x",
      state: "completed",
      done: true,
      counts: { total: 1, succeeded: 1, failed: 0 },
      raw: {
        metadata: {
          output: {
            inlinedResponses: {
              inlinedResponses: [{ error: { code: 3, message: "bad request" } }],
            },
          },
        },
      },
    };
    const [only] = await client.collect({ status, entries: entries().slice(0, 1), judge });
    expect(only).toMatchObject({ customId: "cmp-0", type: "error", error: { code: "bad-request" } });
  });

  it("refuses an inline batch over the size limit before sending anything", async () => {
    const fake = await startFakeGeminiServer({ apiKey: API_KEY });
    server = fake;
    const judge = createGeminiJudge({ model: "gemini-batch", apiKey: API_KEY, baseURL: fake.origin });
    const client = createGeminiBatchClient({ apiKey: API_KEY, baseURL: fake.origin, maxInlineBytes: 1000 });
    await expect(client.submit({ entries: entries(), judge })).rejects.toMatchObject({
      code: "bad-request",
      message: expect.stringMatching(/over the 1000-byte limit of inline batches/),
    });
    expect(fake.log).toHaveLength(0);
  });

  it("builds inline requests only for gemini-generate-content judges, with valid unique keys", () => {
    const judge = createGeminiJudge({ model: "gemini-batch", apiKey: API_KEY });
    const requests = buildGeminiBatchRequests(entries(), judge);
    expect(requests[5]).toMatchObject({ model: "gemini-batch", metadata: { key: "cmp-5" } });
    expect(typeof requests[5]?.contents).toBe("string");
    expect(() => buildGeminiBatchRequests([entries()[0]!, entries()[0]!], judge)).toThrow(/used twice/);
    const openai = createOpenAIChatJudge({ model: "gpt", apiKey: API_KEY });
    expect(() => buildGeminiBatchRequests(entries(), openai)).toThrow(/needs a gemini-generate-content judge/);
  });
});
